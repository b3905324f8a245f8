import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';

interface DemoUser {
  openid: string;
  name: string;
  role: string;
}

export function DemoPicker({ users, signingIn, onPick }: { users: readonly DemoUser[]; signingIn: string | null; onPick: (openid: string) => void }) {
  return (
    <Card title={strings.login.demoTitle} testId='demo-picker'>
      <Text className='muted'>{strings.login.demoHint}</Text>
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
