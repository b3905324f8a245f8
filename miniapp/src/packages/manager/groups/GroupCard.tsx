import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import type { GroupView } from '../../../services/api';
import { strings } from '../../../strings';
import { GroupAdmins } from './GroupAdmins';

interface GroupCardProps {
  group: GroupView;
  open: boolean;
  onToggle: () => void;
  onChanged: () => Promise<void>;
}

export function GroupCard({ group, open, onToggle, onChanged }: GroupCardProps) {
  const g = strings.manager.groups;
  return (
    <Card
      title={group.name}
      extra={
        <Text className='link' onClick={onToggle}>
          {open ? g.collapse : g.manage}
        </Text>
      }
      testId={`group-${group.id}`}
    >
      <View className='row'>
        <Text className='muted'>{g.size(group.size)}</Text>
        <Text className='muted'>
          {group.admin ? `${g.admin(group.admin.memberId)} · ${g.scope[group.admin.scope]}` : g.noAdmin}
          {group.admin?.expiresAt ? ` · ${g.expires(formatDate(group.admin.expiresAt))}` : ''}
        </Text>
      </View>
      {open ? <GroupAdmins group={group} onChanged={onChanged} /> : null}
    </Card>
  );
}
