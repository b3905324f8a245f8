import { Text, View } from '@tarojs/components';
import { Money } from '../../../components/Money';

/** One labelled amount of a withdrawal (amount, fee, payout), the same in the quote and in the result. */
export function MoneyLine({ label, fen, className }: { label: string; fen: number; className?: string }) {
  return (
    <View className='row withdraw__line'>
      <Text className='muted'>{label}</Text>
      <Money fen={fen} className={className} />
    </View>
  );
}
