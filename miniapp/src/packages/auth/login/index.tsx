import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { describeError } from '../../../services/errors';
import { strings } from '../../../strings';
import { isWeapp, pageAfterLogin, useLogin } from '../hooks/useLogin';
import { DemoPicker } from './DemoPicker';
import './index.scss';

export default function LoginPage() {
  const login = useLogin(pageAfterLogin(Taro.useRouter().params.next));
  const { availability } = login;

  let content;
  if (isWeapp)
    content = (
      <View className='login__wechat'>
        <Button className='btn-primary' disabled={login.signingIn !== null || undefined} onClick={login.signInWechat}>
          {login.signingIn === 'wechat' ? strings.login.signingIn : strings.login.wechat}
        </Button>
      </View>
    );
  else if (availability.status === 'loading') content = <Loading />;
  else if (availability.status === 'error') content = <ErrorState error={availability.error} onRetry={availability.reload} />;
  else if (!availability.data) content = <EmptyState text={strings.login.demoUnavailable} />;
  else content = <DemoPicker users={strings.login.demoUsers} signingIn={login.signingIn} onPick={login.signInDemo} onNewUser={login.signInNewUser} />;

  return (
    <View className='page login'>
      <View className='login__head'>
        <Text className='login__app'>{strings.appName}</Text>
        <Text className='login__title'>{strings.login.title}</Text>
      </View>
      {login.signInError ? (
        <Text className='login__error' data-testid='login-error'>
          {isWeapp ? strings.login.wechatFailed : describeError(login.signInError)}
        </Text>
      ) : null}
      {content}
    </View>
  );
}
