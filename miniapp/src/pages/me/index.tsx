import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ErrorState, Loading } from '../../components/StateViews';
import { useMe } from '../../hooks/useMe';
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow';
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
  useRefreshOnShow(me.reload);

  let content;
  if (me.status === 'loading') content = <Loading />;
  else if (me.status === 'error') content = <ErrorState error={me.error} onRetry={me.reload} />;
  else
    content = (
      <MeView
        me={me.data}
        onCopy={copy}
        onJoin={() => Taro.navigateTo({ url: routes.join })}
        onNotifications={() => Taro.showToast({ title: strings.me.notificationsPlaceholder, icon: 'none' })}
        onLogout={confirmLogout}
        onNavigate={(url) => Taro.navigateTo({ url })}
      />
    );
  return <View className='page me'>{content}</View>;
}
