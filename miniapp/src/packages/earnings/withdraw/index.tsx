import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { ErrorState, Loading } from '../../../components/StateViews';
import type { WithdrawalQuote, WithdrawalView } from '../../../services/api';
import { strings } from '../../../strings';
import { useWithdraw } from '../hooks/useWithdraw';
import { explainWithdrawalError } from './limits';
import { WithdrawView } from './WithdrawView';
import './index.scss';

const outcomeToast: Record<string, string> = {
  confirmed: strings.withdraw.confirmDone,
  cancelled: strings.withdraw.confirmCancelled,
  unavailable: strings.withdraw.confirmUnavailable,
  failed: strings.errors.generic,
};

export default function WithdrawPage() {
  const withdraw = useWithdraw();
  const { balances, history } = withdraw;

  /** The modal repeats the quote the member saw: amount, fee, what reaches WeChat change, and HQ review if any. */
  const askAndSubmit = async (quote: WithdrawalQuote) => {
    const figures = strings.withdraw.confirmBody(formatYuan(quote.amountFen), formatYuan(quote.feeFen), formatYuan(quote.netFen));
    const { confirm } = await Taro.showModal({
      title: strings.withdraw.confirmTitle,
      content: quote.needsReview ? figures + strings.withdraw.quote.review : figures,
      confirmText: strings.common.confirm,
      cancelText: strings.common.cancel,
    });
    if (confirm) await withdraw.submit(quote.amountFen);
  };

  const confirmReceipt = async (withdrawal: WithdrawalView) => {
    const outcome = await withdraw.confirmReceipt(withdrawal);
    void Taro.showToast({ title: outcomeToast[outcome], icon: 'none' });
  };

  let content;
  if (balances.status === 'loading' || history.status === 'loading') content = <Loading />;
  else if (balances.status === 'error') content = <ErrorState error={balances.error} onRetry={balances.reload} />;
  else if (history.status === 'error') content = <ErrorState error={history.error} onRetry={history.reload} />;
  else
    content = (
      <WithdrawView
        availableFen={balances.data.available}
        amountText={withdraw.amountText}
        quote={withdraw.quote}
        history={history}
        submitting={withdraw.submitting}
        submitError={withdraw.submitError ? explainWithdrawalError(withdraw.submitError) : null}
        result={withdraw.result}
        onAmountChange={withdraw.changeAmount}
        onSubmit={askAndSubmit}
        onConfirmReceipt={confirmReceipt}
      />
    );
  return <View className='page withdraw'>{content}</View>;
}
