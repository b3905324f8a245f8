import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { useSubmit, type SubmitResult } from '../../../hooks/useSubmit';
import type { OrderCreated } from '../../../services/api';
import { strings } from '../../../strings';
import { payForOrder, type PaymentOutcome } from '../payment';

/**
 * One payment at a time (a new order or an unpaid one), its outcome kept for the page to show. Outside
 * WeChat the buyer is told to pay there, and nothing is ordered.
 */
export function usePayment() {
  const payment = useSubmit(payForOrder);
  const [outcome, setOutcome] = useState<PaymentOutcome | null>(null);

  const pay = useCallback(
    async (start: () => Promise<OrderCreated>): Promise<SubmitResult<PaymentOutcome>> => {
      const result = await payment.submit(start);
      if (result.ok) {
        setOutcome(result.value);
        if (result.value.kind === 'unavailable') void Taro.showToast({ title: strings.shop.outcome.unavailable, icon: 'none' });
      }
      return result;
    },
    [payment.submit],
  );

  return { paying: payment.submitting, error: payment.error, outcome, pay };
}
