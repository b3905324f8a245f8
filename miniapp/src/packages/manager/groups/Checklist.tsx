import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatDateTime } from '../../../components/format';
import type { ChecklistItem } from '../../../services/api';
import { strings } from '../../../strings';

interface ChecklistProps {
  items: readonly ChecklistItem[];
  busy: (itemId: number) => boolean;
  problem: (itemId: number) => string | null;
  onDone: (item: ChecklistItem) => void;
}

/** WeChat has no API for group admins or group names: the manager does these by hand and ticks them off. */
export function Checklist({ items, busy, problem, onDone }: ChecklistProps) {
  const g = strings.manager.groups;
  return (
    <Card title={g.checklistTitle} testId='wechat-checklist'>
      {items.length === 0 ? <Text className='muted'>{g.checklistEmpty}</Text> : null}
      {items.map((item) => (
        <View className='checklist-item' key={item.id} data-testid={`checklist-${item.id}`}>
          <View className='row'>
            <Text className='checklist-item__group'>{item.groupName}</Text>
            <Text className='tag tag--warn'>{g.kind[item.kind] ?? item.kind}</Text>
          </View>
          <Text className='checklist-item__instruction'>{item.instruction}</Text>
          <Text className='muted'>{formatDateTime(item.createdAt)}</Text>
          {problem(item.id) ? <Text className='item-problem'>{problem(item.id)}</Text> : null}
          <View className='item-actions'>
            <Button className='btn-primary item-actions__button' size='mini' disabled={busy(item.id) || undefined} onClick={() => onDone(item)}>
              {g.markDone}
            </Button>
          </View>
        </View>
      ))}
    </Card>
  );
}
