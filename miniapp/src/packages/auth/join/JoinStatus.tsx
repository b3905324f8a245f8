import { Button, Text } from '@tarojs/components';
import { Card } from '../../../components/Card';
import type { MemberRecord } from '../../../services/api';
import { strings } from '../../../strings';

/** An application waiting for review: nothing to do here but wait for the notification. */
export function JoinPending({ member, onHome }: { member: MemberRecord; onHome: () => void }) {
  return (
    <Card title={strings.join.pendingTitle} testId='join-pending'>
      <Text className='join__body'>{strings.join.pendingBody(strings.member.type[member.type] ?? member.type)}</Text>
      {member.upline ? <Text className='muted'>{strings.join.upline(member.upline.nickname)}</Text> : null}
      <Button className='btn-plain join__submit' onClick={onHome}>
        {strings.join.toHome}
      </Button>
    </Card>
  );
}

export function AlreadyMember({ member, onHome }: { member: MemberRecord; onHome: () => void }) {
  return (
    <Card title={strings.join.alreadyTitle} testId='join-already'>
      <Text className='join__body'>
        {strings.join.alreadyBody(strings.member.type[member.type] ?? member.type, strings.member.status[member.status] ?? member.status)}
      </Text>
      {member.upline ? <Text className='muted'>{strings.join.upline(member.upline.nickname)}</Text> : null}
      <Button className='btn-primary join__submit' onClick={onHome}>
        {strings.join.toHome}
      </Button>
    </Card>
  );
}
