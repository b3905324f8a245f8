import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { Money } from '../../../components/Money';
import { strings } from '../../../strings';
import type { PreviewState } from '../hooks/useSalePreview';

export function PreviewCard({ state, explain }: { state: PreviewState; explain: (error: unknown) => string }) {
  return (
    <Card title={strings.kos.sale.previewTitle} testId='sale-preview'>
      {state.status === 'idle' ? <Text className='muted'>{strings.kos.sale.previewIdle}</Text> : null}
      {state.status === 'loading' ? <Text className='muted'>{strings.kos.sale.previewLoading}</Text> : null}
      {state.status === 'error' ? <Text className='form-field__problem'>{explain(state.error)}</Text> : null}
      {state.status === 'ready' ? (
        <View>
          <View className='row preview__line'>
            <Text>{strings.kos.sale.previewTotal}</Text>
            <Money fen={state.preview.totalFen} />
          </View>
          <View className='row preview__line'>
            <Text>{strings.kos.sale.previewMine}</Text>
            <Money fen={state.preview.myCommissionFen} className='preview__mine' />
          </View>
          {state.preview.commissions.map((commission) => (
            <View className='row preview__line' key={`${commission.tier}-${commission.memberId}`}>
              <Text className='muted'>
                {strings.kos.sale.previewTier[commission.tier]} · {commission.nickname}
                {commission.mine ? strings.kos.sale.previewMe : ''}
              </Text>
              <Money fen={commission.amountFen} size='small' />
            </View>
          ))}
          <Text className='muted preview__note'>{strings.kos.sale.previewNote}</Text>
        </View>
      ) : null}
    </Card>
  );
}
