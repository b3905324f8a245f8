import { saleSchema, type StoreSaleBody } from '@sharecircle/shared';
import { useCallback, useState } from 'react';
import { api, type SaleView } from '../../../services/api';
import { isApiError } from '../../../services/errors';

export type RecordOutcome = { kind: 'recorded'; sale: SaleView } | { kind: 'duplicate'; sale: SaleView };

/** A 409 DUPLICATE_RECEIPT carries the sale already recorded with that receipt: show it instead of an error. */
function duplicateOf(error: unknown): SaleView | null {
  if (!isApiError(error, 'DUPLICATE_RECEIPT')) return null;
  const parsed = saleSchema.safeParse(error.data.existing);
  return parsed.success ? parsed.data : null;
}

export function useRecordSale() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<RecordOutcome | null>(null);

  const submit = useCallback(async (body: StoreSaleBody): Promise<RecordOutcome | null> => {
    setSubmitting(true);
    setError(null);
    setOutcome(null);
    try {
      const recorded: RecordOutcome = { kind: 'recorded', sale: await api.recordSale(body) };
      setOutcome(recorded);
      return recorded;
    } catch (failure) {
      const existing = duplicateOf(failure);
      if (!existing) {
        setError(failure);
        return null;
      }
      const duplicate: RecordOutcome = { kind: 'duplicate', sale: existing };
      setOutcome(duplicate);
      return duplicate;
    } finally {
      setSubmitting(false);
    }
  }, []);

  return { submitting, error, outcome, submit, clearError: () => setError(null) };
}
