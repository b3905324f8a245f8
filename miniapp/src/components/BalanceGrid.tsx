import { Text, View } from '@tarojs/components';
import type { BalancesView } from '../services/api';
import { strings } from '../strings';
import { Money } from './Money';

/** Available first and largest (what a member can take out), then pending and the rest. */
export function BalanceGrid({ balances }: { balances: BalancesView }) {
  return (
    <View className='balances' data-testid='balances'>
      <View className='balances__main'>
        <Text className='balances__label'>{strings.balances.available}</Text>
        <Money fen={balances.available} size='large' className='balances__available' />
      </View>
      <View className='balances__row'>
        <View className='balances__cell'>
          <Text className='balances__label'>{strings.balances.pending}</Text>
          <Money fen={balances.pending} />
        </View>
        <View className='balances__cell'>
          <Text className='balances__label'>{strings.balances.withdrawing}</Text>
          <Money fen={balances.withdrawing} />
        </View>
        {balances.debt > 0 ? (
          <View className='balances__cell'>
            <Text className='balances__label'>{strings.balances.debt}</Text>
            <Money fen={balances.debt} className='balances__debt' />
          </View>
        ) : null}
      </View>
      <Text className='balances__hint'>{strings.balances.pendingHint}</Text>
      {balances.debt > 0 ? <Text className='balances__hint'>{strings.balances.debtHint}</Text> : null}
    </View>
  );
}
