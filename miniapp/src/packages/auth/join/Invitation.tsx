import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';
import type { InviterLookup } from '../hooks/useJoin';
import type { Scene } from '../../../services/scene';

/** The inviter as far as we know them: the code alone until signed in, then who owns it (masked). */
function Inviter({ code, lookup }: { code: string; lookup: InviterLookup }) {
  if (lookup.kind === 'unknown') return <Text className='join__warning'>{strings.inviter.unknown}</Text>;
  if (lookup.kind !== 'found') {
    return (
      <View className='join__invite'>
        <Text className='join__invited'>{strings.join.invitedBy(code)}</Text>
        <Text className='muted'>{lookup.kind === 'checking' ? strings.inviter.checking : strings.join.invitedHint}</Text>
      </View>
    );
  }
  const { inviter } = lookup;
  return (
    <View className='join__invite' data-testid='join-inviter'>
      <Text className='join__invited'>{strings.inviter.invites(inviter.nickname)}</Text>
      <Text className='muted'>{strings.inviter.kind(strings.member.type[inviter.type] ?? inviter.type)}</Text>
      {inviter.acceptsReferrals ? <Text className='muted'>{strings.join.invitedHint}</Text> : <Text className='join__warning'>{strings.inviter.inactive}</Text>}
    </View>
  );
}

/** Who sent the poster and what joining brings. */
export function Invitation({ scene, lookup }: { scene: Scene; lookup: InviterLookup }) {
  return (
    <Card testId='join-invitation'>
      <Text className='join__title'>{strings.join.title}</Text>
      {scene.kind === 'code' ? <Inviter code={scene.code} lookup={lookup} /> : null}
      {scene.kind === 'invalid' ? <Text className='join__warning'>{strings.join.badScene}</Text> : null}
      <Text className='join__body'>{strings.join.body}</Text>
      <Text className='join__benefits-title'>{strings.join.benefitsTitle}</Text>
      {strings.join.benefits.map((benefit) => (
        <Text className='join__benefit' key={benefit}>
          · {benefit}
        </Text>
      ))}
    </Card>
  );
}
