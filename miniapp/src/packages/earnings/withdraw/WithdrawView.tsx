import { Button, Input, Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { formatDateTime } from '../../../components/format';
import { ListFooter } from '../../../components/ListFooter';
import { Money } from '../../../components/Money';
import { EmptyState } from '../../../components/StateViews';
import type { PagedState } from '../../../hooks/usePaged';
import type { WithdrawalView } from '../../../services/api';
import { strings } from '../../../strings';
import { validateAmount } from '../hooks/useWithdraw';

interface WithdrawViewProps {
  availableFen: number;
  history: PagedState<WithdrawalView>;
  submitting: boolean;
  submitError: string | null;
  result: WithdrawalView | null;
  onSubmit: (amountFen: number) => void;
  onAmountChange: () => void;
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
      <View className='row withdraw__line'>
        <Text className='muted'>{strings.withdraw.result.amount}</Text>
        <Money fen={withdrawal.amountFen} />
      </View>
      <View className='row withdraw__line'>
        <Text className='muted'>{strings.withdraw.result.fee}</Text>
        <Money fen={withdrawal.feeFen} />
      </View>
      <View className='row withdraw__line'>
        <Text className='muted'>{strings.withdraw.result.net}</Text>
        <Money fen={withdrawal.netFen} className='withdraw__net' />
      </View>
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

export function WithdrawView({ availableFen, history, submitting, submitError, result, onSubmit, onAmountChange, onConfirmReceipt }: WithdrawViewProps) {
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const nothingToWithdraw = availableFen <= 0;

  const submit = () => {
    const checked = validateAmount(amount, availableFen);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    onSubmit(checked.amountFen);
  };

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
                value={amount}
                placeholder={strings.withdraw.amountPlaceholder}
                onInput={(event) => {
                  setAmount(event.detail.value);
                  setProblem(null);
                  onAmountChange();
                }}
              />
              <Text className='link' onClick={() => setAmount(formatYuan(availableFen))}>
                {strings.withdraw.all}
              </Text>
            </View>
            {problem || submitError ? (
              <Text className='withdraw__problem' data-testid='withdraw-problem'>
                {problem ?? submitError}
              </Text>
            ) : null}
            <Button className='btn-primary withdraw__submit' disabled={submitting || undefined} onClick={submit}>
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
