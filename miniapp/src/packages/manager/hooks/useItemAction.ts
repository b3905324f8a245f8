import { useState } from 'react';
import { useSubmit } from '../../../hooks/useSubmit';

/**
 * An action on one item of a list (approve an application, void a sale...): which item it runs on,
 * its failure shown beside that item only, and the list reloaded after it succeeds.
 */
export function useItemAction(reload: () => Promise<void>) {
  const [target, setTarget] = useState<string | null>(null);
  const run = useSubmit(async <R,>(work: () => Promise<R>) => {
    const value = await work();
    await reload();
    return value;
  });

  return {
    busy: (key: string) => run.submitting && target === key,
    errorFor: (key: string) => (target === key ? run.error : null),
    perform: async <R,>(key: string, work: () => Promise<R>) => {
      setTarget(key);
      const result = await run.submit(work);
      return result.ok ? { ok: true as const, value: result.value as R } : { ok: false as const };
    },
  };
}
