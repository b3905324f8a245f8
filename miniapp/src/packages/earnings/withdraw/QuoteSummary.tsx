import { Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { MoneyLine } from './MoneyLine';
import { strings } from '../../../strings';
import type { QuoteState } from '../hooks/useWithdrawalQuote';

/** The fee, what reaches WeChat change and the limits left, shown before the member confirms. */
export function QuoteSummary({ state }: { state: QuoteState }) {
  if (state.status === 'settling') return <Text className='muted withdraw__quote-note'>{strings.withdraw.quote.settling}</Text>;
  if (state.status !== 'ready') return null;
  const { quote } = state;
  return (
    <View className='withdraw__quote' data-testid='withdraw-quote'>
      <MoneyLine label={strings.withdraw.result.fee} fen={quote.feeFen} />
      <MoneyLine label={strings.withdraw.quote.net} fen={quote.netFen} className='withdraw__net' />
      <Text className='muted withdraw__quote-note'>{strings.withdraw.quote.todayLeft(quote.dailyCountLeft, formatYuan(quote.dailyAmountLeftFen))}</Text>
      <Text className='muted withdraw__quote-note'>{strings.withdraw.quote.single(formatYuan(quote.minFen), formatYuan(quote.maxNetFen))}</Text>
      {quote.needsReview ? (
        <Text className='withdraw__review' data-testid='withdraw-review'>
          {strings.withdraw.quote.review}
        </Text>
      ) : null}
    </View>
  );
}
