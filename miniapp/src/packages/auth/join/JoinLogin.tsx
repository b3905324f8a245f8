import { Button, Text } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';

interface JoinLoginProps {
  inWechat: boolean;
  signingIn: boolean;
  failed: boolean;
  onLogin: () => void;
}

/** Inside WeChat one tap signs in with wx.login; on H5 the login page picks a user and comes back here. */
export function JoinLogin({ inWechat, signingIn, failed, onLogin }: JoinLoginProps) {
  return (
    <Card title={strings.join.loginTitle} testId='join-login'>
      <Text className='muted'>{strings.join.loginHint}</Text>
      {failed ? <Text className='join__problem'>{strings.join.loginFailed}</Text> : null}
      <Button className='btn-primary join__submit' disabled={signingIn || undefined} onClick={onLogin}>
        {signingIn ? strings.login.signingIn : inWechat ? strings.join.loginWechat : strings.join.loginH5}
      </Button>
    </Card>
  );
}
