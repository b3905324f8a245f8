import { saleSchema, type StoreSaleBody } from '@sharecircle/shared';
import { useState } from 'react';
import { useSubmit } from '../../../hooks/useSubmit';
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
  const recording = useSubmit((body: StoreSaleBody) => api.recordSale(body));
  const [outcome, setOutcome] = useState<RecordOutcome | null>(null);
  const duplicate = duplicateOf(recording.error);

  const submit = async (body: StoreSaleBody): Promise<RecordOutcome | null> => {
    setOutcome(null);
    const result = await recording.submit(body);
    const existing = result.ok ? null : duplicateOf(result.error);
    const next: RecordOutcome | null = result.ok ? { kind: 'recorded', sale: result.value } : existing ? { kind: 'duplicate', sale: existing } : null;
    setOutcome(next);
    return next;
  };

  return { submitting: recording.submitting, error: duplicate ? null : recording.error, outcome, submit, clearError: recording.clearError };
}
