/**
 * Computed standings, kept in memory for a short while so that a board read by every member's home
 * page is computed once per refresh, not once per request: the query that ranks a month of 100,000
 * members takes hundreds of milliseconds, a lookup in memory microseconds.
 *
 * Freshness: an entry lives for 20 times what it cost to compute (between minTtlMs and maxTtlMs), and
 * invalidate() (called when this process handles a sale, refund, fans or task event) marks every
 * entry stale at once. A stale small board (isSmall: a store's, a test's) is recomputed before
 * answering, so it is exact; a big one is answered as it was while one refresh runs in the
 * background, so it never stalls its readers. Size, not the measured cost, decides: a busy machine
 * must not turn an exact board into a stale one.
 * Other processes' events reach this cache through the TTL only.
 */
export interface CacheOptions<T> {
  maxEntries: number;
  minTtlMs: number;
  maxTtlMs: number;
  /** Whether a stale value is small enough to recompute while its reader waits. */
  isSmall(value: T): boolean;
  /** Monotonic milliseconds (performance.now in production). */
  nowMs(): number;
}

interface Entry<T> {
  value?: T;
  loadedAtMs: number;
  costMs: number;
  generation: number;
  refreshing?: Promise<T>;
}

export function createBoardCache<T>(options: CacheOptions<T>) {
  const entries = new Map<string, Entry<T>>();
  let generation = 0;

  const ttlMs = (entry: Entry<T>) => Math.min(options.maxTtlMs, Math.max(options.minTtlMs, entry.costMs * 20));
  const isFresh = (entry: Entry<T>) => entry.generation === generation && options.nowMs() - entry.loadedAtMs < ttlMs(entry);

  function remember(key: string, entry: Entry<T>) {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
  }

  /** One load per key at a time; whoever asks meanwhile waits for the same one. */
  function refresh(entry: Entry<T>, load: () => Promise<T>): Promise<T> {
    if (entry.refreshing) return entry.refreshing;
    const startedGeneration = generation;
    const started = options.nowMs();
    entry.refreshing = load()
      .then((value) => {
        entry.value = value;
        entry.loadedAtMs = started;
        entry.costMs = options.nowMs() - started;
        entry.generation = startedGeneration;
        return value;
      })
      .finally(() => {
        entry.refreshing = undefined;
      });
    return entry.refreshing;
  }

  return {
    async get(key: string, load: () => Promise<T>): Promise<T> {
      const entry = entries.get(key) ?? { loadedAtMs: 0, costMs: 0, generation: -1 };
      remember(key, entry);
      if (entry.value === undefined) return refresh(entry, load);
      if (isFresh(entry)) return entry.value;
      if (options.isSmall(entry.value)) return refresh(entry, load);
      // Expensive: answer what we have; the next reader gets the refreshed standings.
      refresh(entry, load).catch(() => undefined);
      return entry.value;
    },
    /** Something the boards count changed: every entry is stale from now on. */
    invalidate() {
      generation += 1;
    },
    size: () => entries.size,
  };
}

export type BoardCache<T> = ReturnType<typeof createBoardCache<T>>;
