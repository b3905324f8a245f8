import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading } from '../../components/StateViews';
import { useHome } from '../../hooks/useHome';
import { useHomeCards } from '../../hooks/useHomeCards';
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow';
import { routes } from '../../services/navigation';
import { strings } from '../../strings';
import { HomeView } from './HomeView';
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
      <EmptyState
        title={strings.home.notMemberTitle}
        text={strings.home.notMemberBody}
        actionText={strings.home.joinAction}
        onAction={() => Taro.navigateTo({ url: routes.join })}
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
