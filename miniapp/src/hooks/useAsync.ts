import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T };

export type AsyncResult<T> = AsyncState<T> & { reload: () => Promise<void> };

/**
 * Runs `load` on mount and whenever `deps` change; `reload` runs it again (pull-down, retry button).
 * A reply that arrives after a newer load started, or after unmount, is dropped.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncResult<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async (showLoading: boolean) => {
    const mine = ++generation.current;
    if (showLoading) setState({ status: 'loading' });
    try {
      const data = await loadRef.current();
      if (mine === generation.current) setState({ status: 'ready', data });
    } catch (error) {
      if (mine === generation.current) setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    void run(true);
    return () => {
      generation.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const reload = useCallback(() => run(false), [run]);
  return { ...state, reload };
}
