import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';
import type { Scene } from './scene';

/**
 * Who sent the poster and what joining brings. The server has no public lookup from a referral
 * code to its member yet, so the code itself is what we can show; the inviter's name appears once
 * joined (the member's upline).
 */
export function Invitation({ scene }: { scene: Scene }) {
  return (
    <Card testId='join-invitation'>
      <Text className='join__title'>{strings.join.title}</Text>
      {scene.kind === 'code' ? (
        <View className='join__invite'>
          <Text className='join__invited'>{strings.join.invitedBy(scene.code)}</Text>
          <Text className='muted'>{strings.join.invitedHint}</Text>
        </View>
      ) : null}
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
