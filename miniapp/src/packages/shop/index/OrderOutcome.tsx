import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { Money } from '../../../components/Money';
import type { SaleView } from '../../../services/api';
import { strings } from '../../../strings';

type Kind = 'paid' | 'confirming' | 'cancelled' | 'failed';

interface OrderOutcomeProps {
  kind: Kind;
  order: SaleView;
  paying: boolean;
  onPayAgain: () => void;
  onOrders: () => void;
}

/** The order just placed and how its payment ended; one still 待支付 can be paid again from here. */
export function OrderOutcome({ kind, order, paying, onPayAgain, onOrders }: OrderOutcomeProps) {
  const unpaid = kind === 'cancelled' || kind === 'failed';
  return (
    <Card
      title={strings.shop.orderTitle(order.id)}
      extra={<Text className={`tag ${unpaid ? 'tag--warn' : ''}`}>{strings.shop.outcomeTag[kind]}</Text>}
      className='outcome'
      testId='order-outcome'
    >
      <Text className={`outcome__message ${kind === 'failed' ? 'outcome__message--failed' : ''}`}>{strings.shop.outcome[kind]}</Text>
      <View className='row outcome__total'>
        <Text>{strings.shop.total}</Text>
        <Money fen={order.totalFen} />
      </View>
      <View className='outcome__actions'>
        {unpaid ? (
          <Button className='btn-primary outcome__action' disabled={paying || undefined} onClick={onPayAgain}>
            {paying ? strings.shop.paying : strings.shop.pay}
          </Button>
        ) : null}
        <Button className='btn-plain outcome__action' onClick={onOrders}>
          {strings.shop.toOrders}
        </Button>
      </View>
    </Card>
  );
}
