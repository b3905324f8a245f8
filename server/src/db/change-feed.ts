import type { PGlite } from '@electric-sql/pglite';
import { Client, type ClientConfig } from 'pg';

/**
 * Changes announced by the database (NOTIFY from a trigger, sent on commit by whichever process wrote),
 * for caches that must not outlive what they copy. A cache keyed on `generation()` drops everything
 * when it moves, and keeps nothing while `live()` is false: then an announcement may be missed.
 */
export interface ChangeFeed {
  /** Moves on every announcement, and whenever announcements may have been missed (connection lost or regained). */
  generation(): number;
  /** Whether announcements are being received now. */
  live(): boolean;
  /** Resolves at the next movement of generation() (tests wait on it instead of on time). */
  next(): Promise<void>;
  close(): Promise<void>;
}

function createFeedState() {
  let generation = 0;
  let live = false;
  let waiters: (() => void)[] = [];
  return {
    feed: {
      generation: () => generation,
      live: () => live,
      next: () => new Promise<void>((resolve) => waiters.push(resolve)),
    },
    /** Something changed, or may have: caches built before are void. */
    move(isLive: boolean) {
      generation += 1;
      live = isLive;
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
  };
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * LISTEN on a connection of its own (a pooled one may be handed to anyone). When it drops the feed is
 * not live until a new connection listens again, retried with backoff.
 */
export function postgresChangeFeed(config: ClientConfig, channel: string, onError: (error: Error) => void): ChangeFeed {
  const state = createFeedState();
  let client: Client | undefined;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  /** The connection is gone or failed: let it go, and listen again later. */
  const lost = (dead: Client, error?: Error) => {
    if (client !== dead) return; // already handled (a failed connect both rejects and emits)
    if (error) onError(error);
    client = undefined;
    dead.removeAllListeners();
    dead.on('error', () => undefined);
    dead.end().catch(() => undefined);
    state.move(false);
    if (closed) return;
    timer = setTimeout(connect, retryMs);
    timer.unref();
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };

  async function connect() {
    const candidate = new Client(config);
    client = candidate;
    candidate.on('notification', () => state.move(true));
    candidate.on('error', (error) => lost(candidate, error));
    candidate.on('end', () => lost(candidate));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${channel}`);
      if (closed) return void (await candidate.end());
      retryMs = RETRY_MIN_MS;
      state.move(true);
    } catch (error) {
      lost(candidate, error as Error);
    }
  }

  void connect();
  return {
    ...state.feed,
    async close() {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = undefined;
      last?.removeAllListeners();
      last?.on('error', () => undefined);
      await last?.end().catch(() => undefined);
    },
  };
}

/** PGlite runs in this process: its notifications cannot be missed, so the feed is live once subscribed. */
export function pgliteChangeFeed(pglite: PGlite, channel: string): ChangeFeed {
  const state = createFeedState();
  const subscribed = pglite.listen(channel, () => state.move(true)).then((unsubscribe) => {
    state.move(true);
    return unsubscribe;
  });
  return {
    ...state.feed,
    async close() {
      await (await subscribed)();
    },
  };
}
