import { parseYuan } from '@sharecircle/shared';
import { useAsync } from '../../../hooks/useAsync';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';
import { api, type WithdrawalQuote } from '../../../services/api';
import { strings } from '../../../strings';

export const QUOTE_DEBOUNCE_MS = 300;

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

export type QuoteState =
  | { status: 'idle' }
  | { status: 'settling' }
  | { status: 'invalid'; problem: string }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'ready'; quote: WithdrawalQuote };

/**
 * The fee, payout and limits (GET /me/withdrawals/quote) for the amount being typed, asked once the
 * typing pauses. What the client can check alone (not an amount, above available) never reaches the server.
 */
export function useWithdrawalQuote(amountText: string, availableFen: number): QuoteState {
  const typed = amountText.trim();
  const settled = useDebouncedValue(typed, QUOTE_DEBOUNCE_MS);
  const checked = settled === '' ? null : validateAmount(settled, availableFen);
  const amountFen = checked && 'amountFen' in checked ? checked.amountFen : null;
  const quote = useAsync(() => (amountFen === null ? Promise.resolve(null) : api.withdrawalQuote(amountFen)), [amountFen]);

  if (typed === '') return { status: 'idle' };
  if (typed !== settled || checked === null) return { status: 'settling' };
  if ('problem' in checked) return { status: 'invalid', problem: checked.problem };
  if (quote.status === 'error') return { status: 'error', error: quote.error, retry: () => void quote.reload() };
  // Until the reply for this very amount arrives (useAsync swaps to loading one render late), nothing is quoted.
  if (quote.status === 'loading' || quote.data?.amountFen !== amountFen) return { status: 'settling' };
  return { status: 'ready', quote: quote.data };
}
