import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ErrorState, Loading } from '../../components/StateViews';
import { useMe } from '../../hooks/useMe';
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow';
import { useUnreadCount } from '../../hooks/useUnreadCount';
import { signOut } from '../../services/auth';
import { routes } from '../../services/navigation';
import { strings } from '../../strings';
import { MeView } from './MeView';
import './index.scss';

async function confirmLogout() {
  const { confirm } = await Taro.showModal({ title: strings.me.logout, content: strings.me.logoutConfirm, confirmText: strings.common.confirm, cancelText: strings.common.cancel });
  if (!confirm) return;
  signOut();
  await Taro.reLaunch({ url: routes.login });
}

function copy(text: string) {
  void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title: strings.me.copied, icon: 'none' }));
}

export default function MePage() {
  const me = useMe();
  // The badge is a hint: when its count cannot be loaded the row shows none and still opens the inbox.
  const unread = useUnreadCount();
  useRefreshOnShow(() => Promise.all([me.reload(), unread.reload()]));

  let content;
  if (me.status === 'loading') content = <Loading />;
  else if (me.status === 'error') content = <ErrorState error={me.error} onRetry={me.reload} />;
  else
    content = (
      <MeView
        me={me.data}
        unreadCount={unread.status === 'ready' ? unread.data : 0}
        onCopy={copy}
        onJoin={() => Taro.navigateTo({ url: routes.join })}
        onNotifications={() => Taro.navigateTo({ url: routes.inbox })}
        onLogout={confirmLogout}
        onNavigate={(url) => Taro.navigateTo({ url })}
      />
    );
  return <View className='page me'>{content}</View>;
}
