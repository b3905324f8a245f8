import { and, asc, eq, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import { outboxEvents, type OutboxEvent } from './outbox.tables';

/** Event types; see DESIGN.md "Events the reward engine hears". */
export type EventType =
  | 'member.joined'
  | 'member.approved'
  | 'downline.joined'
  | 'sale.paid'
  | 'sale.refunded'
  | 'commission.settled'
  | 'withdrawal.paid';

export interface NewEvent {
  type: EventType;
  memberId?: number | null;
  payload: Record<string, unknown>;
}

/** A handler runs inside the worker's transaction; it must be idempotent (an event may be seen twice). */
export type EventHandler = (tx: Db, event: OutboxEvent) => Promise<void>;

/** Thrown by a handler that must wait for something else to happen first; retried without counting as a failure. */
export class RetryLater extends Error {}

const MAX_ATTEMPTS = 10;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

/** Writes the event in the caller's transaction: it exists if and only if the change it announces does. */
export async function publish(tx: Db, clock: Clock, event: NewEvent): Promise<void> {
  const now = clock.now();
  await tx.insert(outboxEvents).values({
    type: event.type,
    memberId: event.memberId ?? null,
    payload: event.payload,
    status: 'pending',
    attempts: 0,
    availableAt: now,
    createdAt: now,
  });
}

export function createOutbox(deps: { db: Db; clock: Clock; logger: Logger }) {
  const handlers = new Map<string, EventHandler[]>();

  /**
   * Handles due events in id order, a batch per transaction; events locked by another worker are
   * skipped. Each event runs in a savepoint: one that fails is retried later with backoff, and after
   * MAX_ATTEMPTS it is dead (visible to HQ) without holding up the rest.
   */
  async function dispatchBatch(batchSize: number): Promise<{ done: number; failed: number }> {
    return deps.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.status, 'pending'), lte(outboxEvents.availableAt, deps.clock.now())))
        .orderBy(asc(outboxEvents.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      let done = 0;
      let failed = 0;
      for (const event of due) {
        try {
          await tx.transaction(async (savepoint) => {
            for (const handler of handlers.get(event.type) ?? []) await handler(savepoint, event);
          });
          await tx.update(outboxEvents).set({ status: 'done', processedAt: deps.clock.now() }).where(eq(outboxEvents.id, event.id));
          done += 1;
        } catch (error) {
          failed += 1;
          const retryOnly = error instanceof RetryLater;
          const attempts = retryOnly ? event.attempts : event.attempts + 1;
          const dead = attempts >= MAX_ATTEMPTS;
          if (!retryOnly) deps.logger.error({ err: error, eventId: event.id, type: event.type, attempts }, 'outbox handler failed');
          await tx
            .update(outboxEvents)
            .set({
              attempts,
              status: dead ? 'dead' : 'pending',
              lastError: String((error as Error)?.message ?? error).slice(0, 2000),
              availableAt: new Date(deps.clock.now().getTime() + (retryOnly ? 1000 : backoffMs(attempts))),
            })
            .where(eq(outboxEvents.id, event.id));
        }
      }
      return { done, failed };
    });
  }

  return {
    on(type: EventType, handler: EventHandler) {
      handlers.set(type, [...(handlers.get(type) ?? []), handler]);
    },
    dispatchBatch,
    /** Dispatches until nothing due is left (bounded, so a stuck handler cannot spin forever). */
    async drain(options: { batchSize: number; maxBatches: number }) {
      let done = 0;
      let failed = 0;
      for (let i = 0; i < options.maxBatches; i += 1) {
        const result = await dispatchBatch(options.batchSize);
        done += result.done;
        failed += result.failed;
        if (result.done + result.failed < options.batchSize) break;
      }
      return { done, failed };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
