import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ErrorState, Loading } from '../../components/StateViews';
import { useHome } from '../../hooks/useHome';
import { useHomeCards } from '../../hooks/useHomeCards';
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow';
import { routes } from '../../services/navigation';
import { HomeView } from './HomeView';
import { NotMemberHome } from './NotMemberHome';
import './index.scss';

export default function HomePage() {
  const home = useHome();
  const cards = useHomeCards(home.status === 'ready' ? home.data.me.member : null);
  useRefreshOnShow(() => Promise.all([home.reload(), cards.reload()]));

  let content;
  if (home.status === 'loading') content = <Loading />;
  else if (home.status === 'error') content = <ErrorState error={home.error} onRetry={home.reload} />;
  else if (!home.data.member)
    content = (
      <NotMemberHome
        me={home.data.me}
        onShop={() => Taro.navigateTo({ url: routes.shop })}
        onJoin={() => Taro.navigateTo({ url: routes.join })}
      />
    );
  else
    content = (
      <HomeView
        me={home.data.me}
        member={home.data.member}
        cards={cards}
        onOpenEarnings={() => Taro.switchTab({ url: routes.earnings })}
        onNavigate={(url) => Taro.navigateTo({ url })}
      />
    );
  return <View className='page home'>{content}</View>;
}
