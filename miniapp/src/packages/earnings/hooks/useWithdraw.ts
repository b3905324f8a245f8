import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { usePaged } from '../../../hooks/usePaged';
import { api, type WithdrawalView } from '../../../services/api';
import { confirmMerchantTransfer, type MerchantTransferOutcome } from '../../../services/wechat';
import { useWithdrawalQuote } from './useWithdrawalQuote';

export function useWithdraw() {
  const balances = useAsync(() => api.balances(), []);
  const history = usePaged<WithdrawalView>((cursor) => api.withdrawals({ cursor }), []);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [result, setResult] = useState<WithdrawalView | null>(null);
  const [amountText, setAmountText] = useState('');
  const quote = useWithdrawalQuote(amountText, balances.status === 'ready' ? balances.data.available : 0);

  const changeAmount = useCallback((text: string) => {
    setAmountText(text);
    setSubmitError(null);
  }, []);

  const refresh = useCallback(() => Promise.all([balances.reload(), history.reload()]).then(() => undefined), [balances.reload, history.reload]);

  const submit = useCallback(
    async (amountFen: number) => {
      setSubmitting(true);
      setSubmitError(null);
      try {
        setResult(await api.requestWithdrawal(amountFen));
        // Cleared so the next amount is quoted against today's limits as they now stand.
        setAmountText('');
        await refresh();
      } catch (error) {
        setSubmitError(error);
      } finally {
        setSubmitting(false);
      }
    },
    [refresh],
  );

  /** WeChat's "confirm receipt" step, then the withdrawal as the server now sees it. */
  const confirmReceipt = useCallback(
    async (withdrawal: WithdrawalView): Promise<MerchantTransferOutcome> => {
      if (!withdrawal.requestMerchantTransfer) return 'unavailable';
      const outcome = await confirmMerchantTransfer(withdrawal.requestMerchantTransfer);
      if (outcome === 'confirmed' || outcome === 'cancelled') {
        const latest = await api.withdrawal(withdrawal.id).catch(() => null);
        if (latest && result?.id === latest.id) setResult(latest);
        await refresh();
      }
      return outcome;
    },
    [refresh, result],
  );

  return { balances, history, amountText, changeAmount, quote, submitting, submitError, result, submit, confirmReceipt };
}
