import { parseYuan } from '@sharecircle/shared';
import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { usePaged } from '../../../hooks/usePaged';
import { api, type WithdrawalView } from '../../../services/api';
import { confirmMerchantTransfer, type MerchantTransferOutcome } from '../../../services/wechat';
import { strings } from '../../../strings';

/** The amount typed in yuan, checked against what the client knows (the server checks the brand's limits). */
export function validateAmount(text: string, availableFen: number): { amountFen: number } | { problem: string } {
  let amountFen: number;
  try {
    amountFen = parseYuan(text);
  } catch {
    return { problem: strings.withdraw.amountInvalid };
  }
  if (amountFen <= 0) return { problem: strings.withdraw.amountZero };
  if (amountFen > availableFen) return { problem: strings.withdraw.amountOverAvailable };
  return { amountFen };
}

export function useWithdraw() {
  const balances = useAsync(() => api.balances(), []);
  const history = usePaged<WithdrawalView>((cursor) => api.withdrawals({ cursor }), []);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [result, setResult] = useState<WithdrawalView | null>(null);

  const refresh = useCallback(() => Promise.all([balances.reload(), history.reload()]).then(() => undefined), [balances.reload, history.reload]);

  const submit = useCallback(
    async (amountFen: number) => {
      setSubmitting(true);
      setSubmitError(null);
      try {
        setResult(await api.requestWithdrawal(amountFen));
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

  return { balances, history, submitting, submitError, result, submit, confirmReceipt, clearError: () => setSubmitError(null) };
}
