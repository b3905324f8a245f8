import { useCallback, useRef, useState } from 'react';

export type SubmitResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * One user action at a time against the API (join, record, save, approve...): `submitting` while it
 * runs, the failure kept in `error` for the form to explain, the outcome returned to the caller.
 */
export function useSubmit<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const actionRef = useRef(action);
  actionRef.current = action;

  const submit = useCallback(async (...args: A): Promise<SubmitResult<R>> => {
    setSubmitting(true);
    setError(null);
    try {
      return { ok: true, value: await actionRef.current(...args) };
    } catch (failure) {
      setError(failure);
      return { ok: false, error: failure };
    } finally {
      setSubmitting(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { submitting, error, submit, clearError };
}
