import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';
import { NEW_USER } from '../hooks/useLogin';
import { NewUserEntry } from './NewUserEntry';

interface DemoUser {
  openid: string;
  name: string;
  role: string;
}

interface DemoPickerProps {
  users: readonly DemoUser[];
  signingIn: string | null;
  onPick: (openid: string) => void;
  onNewUser: (nickname: string) => void;
}

/** The seeded demo users to sign in as, and a new user for trying the newcomer's way in (join, bind). */
export function DemoPicker({ users, signingIn, onPick, onNewUser }: DemoPickerProps) {
  return (
    <Card title={strings.login.demoTitle} testId='demo-picker'>
      <Text className='muted'>{strings.login.demoHint}</Text>
      <NewUserEntry signingIn={signingIn === NEW_USER} disabled={signingIn !== null} onSignIn={onNewUser} />
      {users.map((user) => (
        <View
          key={user.openid}
          className={`demo-user ${signingIn === user.openid ? 'demo-user--busy' : ''}`}
          data-testid={`demo-${user.openid}`}
          onClick={() => (signingIn ? undefined : onPick(user.openid))}
        >
          <View className='demo-user__avatar'>
            <Text>{user.name.slice(0, 1)}</Text>
          </View>
          <View className='demo-user__body'>
            <Text className='demo-user__name'>{user.name}</Text>
            <Text className='muted'>
              {user.role} · {user.openid}
            </Text>
          </View>
          <Text className='link'>{signingIn === user.openid ? strings.login.signingIn : '›'}</Text>
        </View>
      ))}
    </Card>
  );
}
