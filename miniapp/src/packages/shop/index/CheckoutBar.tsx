import { Button, Text, View } from '@tarojs/components';
import { BottomBar } from '../../../components/BottomBar';
import { Money } from '../../../components/Money';
import { strings } from '../../../strings';

interface CheckoutBarProps {
  totalFen: number;
  count: number;
  problem: string | null;
  paying: boolean;
  onPay: () => void;
}

/** The cart's total and 去支付, fixed under the catalog. */
export function CheckoutBar({ totalFen, count, problem, paying, onPay }: CheckoutBarProps) {
  return (
    <BottomBar testId='checkout-bar'>
      {problem ? (
        <Text className='form-field__problem checkout__problem' data-testid='checkout-problem'>
          {problem}
        </Text>
      ) : null}
      <View className='row'>
        <View className='checkout__sums'>
          <Text className='checkout__label'>{strings.shop.total}</Text>
          <Money fen={totalFen} />
          <Text className='muted checkout__count'>{strings.shop.pieces(count)}</Text>
        </View>
        <Button className='btn-primary checkout__pay' disabled={paying || count === 0 || undefined} onClick={onPay}>
          {paying ? strings.shop.paying : strings.shop.pay}
        </Button>
      </View>
    </BottomBar>
  );
}
