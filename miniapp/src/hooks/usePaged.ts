import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedState<T> {
  status: 'loading' | 'error' | 'ready';
  items: T[];
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => Promise<void>;
  reload: () => Promise<void>;
}

/** Cursor paging, newest first: the first page on mount (and when deps change), more on demand. */
export function usePaged<T>(loadPage: (cursor?: string) => Promise<Page<T>>, deps: readonly unknown[]): PagedState<T> {
  const [status, setStatus] = useState<PagedState<T>['status']>('loading');
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const generation = useRef(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  const first = useCallback(async (showLoading: boolean) => {
    const mine = ++generation.current;
    if (showLoading) setStatus('loading');
    try {
      const page = await loadRef.current(undefined);
      if (mine !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
      setError(null);
      setMoreError(null);
      setStatus('ready');
    } catch (failure) {
      if (mine !== generation.current) return;
      setError(failure);
      setStatus('error');
    }
  }, []);

  useEffect(() => {
    void first(true);
    return () => {
      generation.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const loadMore = useCallback(async () => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await loadRef.current(cursor);
      if (mine !== generation.current) return;
      setItems((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
      setMoreError(null);
    } catch (failure) {
      if (mine === generation.current) setMoreError(failure);
    } finally {
      if (mine === generation.current) setLoadingMore(false);
    }
  }, [cursor, loadingMore]);

  const reload = useCallback(() => first(false), [first]);
  return { status, items, error, hasMore: cursor !== null, loadingMore, moreError, loadMore, reload };
}
