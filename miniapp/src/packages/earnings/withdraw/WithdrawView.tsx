import { Button, Input, Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { Card } from '../../../components/Card';
import { formatDateTime } from '../../../components/format';
import { ListFooter } from '../../../components/ListFooter';
import { Money } from '../../../components/Money';
import { EmptyState } from '../../../components/StateViews';
import type { PagedState } from '../../../hooks/usePaged';
import type { WithdrawalQuote, WithdrawalView } from '../../../services/api';
import { strings } from '../../../strings';
import { MoneyLine } from './MoneyLine';
import type { QuoteState } from '../hooks/useWithdrawalQuote';
import { explainQuote } from './limits';
import { QuoteSummary } from './QuoteSummary';

interface WithdrawViewProps {
  availableFen: number;
  amountText: string;
  quote: QuoteState;
  history: PagedState<WithdrawalView>;
  submitting: boolean;
  submitError: string | null;
  result: WithdrawalView | null;
  onAmountChange: (text: string) => void;
  onSubmit: (quote: WithdrawalQuote) => void;
  onConfirmReceipt: (withdrawal: WithdrawalView) => void;
}

const waitsForMember = (withdrawal: WithdrawalView) => withdrawal.status === 'wait_user_confirm' && withdrawal.requestMerchantTransfer !== null;

function statusTone(status: WithdrawalView['status']): string {
  if (status === 'succeeded') return '';
  if (status === 'failed' || status === 'rejected' || status === 'cancelled') return 'tag--danger';
  return 'tag--warn';
}

export function WithdrawResult({ withdrawal, onConfirmReceipt }: { withdrawal: WithdrawalView; onConfirmReceipt: (w: WithdrawalView) => void }) {
  return (
    <Card title={strings.withdraw.result.title} testId='withdraw-result'>
      <MoneyLine label={strings.withdraw.result.amount} fen={withdrawal.amountFen} />
      <MoneyLine label={strings.withdraw.result.fee} fen={withdrawal.feeFen} />
      <MoneyLine label={strings.withdraw.result.net} fen={withdrawal.netFen} className='withdraw__net' />
      <View className='row withdraw__line'>
        <Text className='muted'>{strings.withdraw.result.status}</Text>
        <Text className={`tag ${statusTone(withdrawal.status)}`}>{strings.withdraw.status[withdrawal.status]}</Text>
      </View>
      {waitsForMember(withdrawal) ? (
        <Button className='btn-primary withdraw__confirm' onClick={() => onConfirmReceipt(withdrawal)}>
          {strings.withdraw.confirmReceipt}
        </Button>
      ) : null}
    </Card>
  );
}

export function WithdrawView(props: WithdrawViewProps) {
  const { availableFen, amountText, quote, history, submitting, submitError, result, onAmountChange, onSubmit, onConfirmReceipt } = props;
  const nothingToWithdraw = availableFen <= 0;
  // Only an amount the server has quoted without a refusal can be confirmed: the fee is known before the modal.
  const accepted = quote.status === 'ready' && quote.quote.refusal === null ? quote.quote : null;
  const problem = submitError ?? explainQuote(quote);

  return (
    <View>
      <Card testId='withdraw-form'>
        <Text className='muted'>{strings.withdraw.availableLabel}</Text>
        <View>
          <Money fen={availableFen} size='large' className='withdraw__available' />
        </View>
        {nothingToWithdraw ? (
          <EmptyState text={strings.withdraw.nothingToWithdraw} />
        ) : (
          <View className='withdraw__form'>
            <Text className='withdraw__label'>{strings.withdraw.amountLabel}</Text>
            <View className='row withdraw__input-row'>
              <Input
                className='withdraw__input'
                type='digit'
                value={amountText}
                placeholder={strings.withdraw.amountPlaceholder}
                onInput={(event) => onAmountChange(event.detail.value)}
              />
              <Text className='link' onClick={() => onAmountChange(formatYuan(availableFen))}>
                {strings.withdraw.all}
              </Text>
            </View>
            <QuoteSummary state={quote} />
            {problem ? (
              <Text className='withdraw__problem' data-testid='withdraw-problem'>
                {problem}
              </Text>
            ) : null}
            {quote.status === 'error' ? (
              <Text className='link withdraw__retry' onClick={quote.retry}>
                {strings.common.retry}
              </Text>
            ) : null}
            <Button
              className='btn-primary withdraw__submit'
              disabled={submitting || accepted === null || undefined}
              onClick={() => accepted && onSubmit(accepted)}
            >
              {submitting ? strings.withdraw.submitting : strings.withdraw.submit}
            </Button>
          </View>
        )}
      </Card>

      {result ? <WithdrawResult withdrawal={result} onConfirmReceipt={onConfirmReceipt} /> : null}

      <Card title={strings.withdraw.historyTitle} testId='withdraw-history'>
        {history.items.length === 0 ? (
          <Text className='muted'>{strings.withdraw.historyEmpty}</Text>
        ) : (
          <View>
            {history.items.map((item) => (
              <View className='withdrawal' key={item.id}>
                <View className='row'>
                  <Money fen={item.amountFen} />
                  <Text className={`tag ${statusTone(item.status)}`}>{strings.withdraw.status[item.status]}</Text>
                </View>
                <View className='row'>
                  <Text className='muted'>{formatDateTime(item.createdAt)}</Text>
                  <Text className='muted'>
                    {strings.withdraw.result.fee} ¥{formatYuan(item.feeFen)} · {strings.withdraw.result.net} ¥{formatYuan(item.netFen)}
                  </Text>
                </View>
                {item.failReason ? <Text className='withdraw__problem'>{item.failReason}</Text> : null}
                {waitsForMember(item) ? (
                  <Button className='btn-plain withdraw__confirm' size='mini' onClick={() => onConfirmReceipt(item)}>
                    {strings.withdraw.confirmReceipt}
                  </Button>
                ) : null}
              </View>
            ))}
            <ListFooter hasMore={history.hasMore} loadingMore={history.loadingMore} moreError={history.moreError} onMore={history.loadMore} />
          </View>
        )}
      </Card>

      <Card title={strings.withdraw.rulesTitle}>
        {strings.withdraw.rules.map((rule, index) => (
          <Text className='withdraw__rule' key={index}>
            {index + 1}. {rule}
          </Text>
        ))}
      </Card>
    </View>
  );
}
