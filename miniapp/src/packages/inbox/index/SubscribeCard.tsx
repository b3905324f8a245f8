import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import type { Subscription } from '../../../services/api';
import { strings } from '../../../strings';

const text = strings.inbox.subscribe;

/** The kinds the brand sends as WeChat subscribe messages, how many of each the member still allows, and the button asking for more. */
export function SubscribeCard({ items, asking, onSubscribe }: { items: Subscription[]; asking: boolean; onSubscribe: () => void }) {
  return (
    <Card title={text.title} testId='inbox-subscribe'>
      <Text className='muted inbox-subscribe__hint'>{text.hint}</Text>
      {items.map((item) => (
        <View key={item.kind} className='row inbox-subscribe__kind' data-testid={`subscription-${item.kind}`}>
          <Text>{text.kind[item.kind]}</Text>
          <Text className='muted'>{text.remaining(item.remaining)}</Text>
        </View>
      ))}
      <Button className='btn-primary inbox-subscribe__action' disabled={asking || undefined} onClick={onSubscribe}>
        {asking ? text.asking : text.action}
      </Button>
    </Card>
  );
}
