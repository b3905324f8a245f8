import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../components/StateViews';
import type { MeView } from '../../services/api';
import { strings } from '../../strings';

interface NotMemberHomeProps {
  me: MeView;
  onShop: () => void;
  onJoin: () => void;
}

/**
 * Home for someone who is not a member. A customer (bound to a member from their poster) came to buy:
 * the shop first, joining second. Anyone else is invited to join, and may look around the shop first.
 */
export function NotMemberHome({ me, onShop, onJoin }: NotMemberHomeProps) {
  if (me.customerOf) {
    return (
      <View data-testid='home-customer'>
        <EmptyState title={strings.home.customerTitle(me.customerOf.nickname)} text={strings.home.customerBody} actionText={strings.home.shopAction} onAction={onShop} />
        <Text className='link home__aside' onClick={onJoin}>
          {strings.home.joinLink}
        </Text>
      </View>
    );
  }
  return (
    <View data-testid='home-not-member'>
      <EmptyState title={strings.home.notMemberTitle} text={strings.home.notMemberBody} actionText={strings.home.joinAction} onAction={onJoin} />
      <Text className='link home__aside' onClick={onShop}>
        {strings.home.browseShop}
      </Text>
    </View>
  );
}
