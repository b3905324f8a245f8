import { anyId, bulkRows } from '../db/bulk';
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/database';
import { isTransientConflict, rootMessage } from '../db/errors';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import type { RewardEvent } from '@sharecircle/shared';
import { outboxEvents, type OutboxEvent } from './outbox.tables';

/** Event types; see DESIGN.md "Events the reward engine hears". */
export type EventType = RewardEvent | 'notification.created';

export interface NewEvent {
  type: EventType;
  memberId?: number | null;
  payload: Record<string, unknown>;
}

/** A handler runs inside the worker's transaction; it must be idempotent (an event may be seen twice). */
export type EventHandler = (tx: Db, event: OutboxEvent) => Promise<void>;

/**
 * Handles many events at once (set-based SQL instead of a round of statements per event). Given the
 * events in id order; same idempotency duty as EventHandler. When it throws, the events are handled
 * again one at a time, each as a batch of one, to find the one that fails.
 */
export type BatchHandler = (tx: Db, events: OutboxEvent[]) => Promise<void>;

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

/** Several events in one statement (a batch job's page of members), same guarantees as publish. */
export async function publishMany(tx: Db, clock: Clock, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = clock.now();
  const bulk = bulkRows(events, [
    ['type', 'text', (event) => event.type],
    ['member_id', 'bigint', (event) => event.memberId ?? null],
    ['payload', 'jsonb', (event) => event.payload],
  ]);
  await tx.execute(
    sql`INSERT INTO outbox_events (type, member_id, payload, status, attempts, available_at, created_at)
         SELECT v.type, v.member_id, v.payload, 'pending', 0, ${now}, ${now} FROM (${bulk.select}) AS v ${bulk.names}`,
  );
}

export function createOutbox(deps: { db: Db; clock: Clock; logger: Logger }) {
  const registrations: { types: ReadonlySet<string>; handler: BatchHandler }[] = [];

  function onBatch(types: EventType | readonly EventType[], handler: BatchHandler) {
    registrations.push({ types: new Set(typeof types === 'string' ? [types] : types), handler });
  }

  /**
   * Each handler, in the order they were registered, gets the events of its types, in id order, in one
   * savepoint for all: within a batch a handler sees its own events in order, but not the effects of a
   * handler registered after it (register a handler after those whose effects it waits for).
   */
  async function handleAll(tx: Db, events: OutboxEvent[]) {
    await tx.transaction(async (savepoint) => {
      for (const { types, handler } of registrations) {
        const mine = events.filter((event) => types.has(event.type));
        if (mine.length > 0) await handler(savepoint, mine);
      }
    });
  }

  /**
   * Handles due events of one partition (member id modulo the partition count) in id order, a batch per
   * transaction. One worker per partition at a time, across processes (an advisory lock), so a member's
   * events are handled in the order they happened; a member whose event failed waits until it succeeds.
   * The batch is first handled as a whole in one savepoint; if that fails, each event runs in its own
   * savepoint, and a failing one is retried with backoff and, after MAX_ATTEMPTS, is dead (HQ sees it
   * and can replay it) without holding up other members.
   */
  async function dispatchBatch(options: { batchSize: number; partition?: number; partitions?: number }): Promise<{ done: number; failed: number; seen: number }> {
    const partitions = options.partitions ?? 1;
    const partition = options.partition ?? 0;
    return deps.db.transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(hashtext('sharecircle:outbox:' || current_schema()), ${partition}) AS locked`);
      if (!lock.locked) return { done: 0, failed: 0, seen: 0 };
      const due = await queryRows<{ id: string }>(
        tx,
        sql`SELECT e.id::text AS id FROM outbox_events e
             WHERE e.status = 'pending' AND e.available_at <= ${deps.clock.now()}
               AND mod(coalesce(e.member_id, e.id), ${partitions}) = ${partition}
               AND (e.member_id IS NULL OR NOT EXISTS (
                     SELECT 1 FROM outbox_events b
                      WHERE b.member_id = e.member_id AND b.status = 'pending' AND b.id < e.id AND b.available_at > ${deps.clock.now()}))
             ORDER BY e.id LIMIT ${options.batchSize}`,
      );
      const events = due.length
        ? await tx.select().from(outboxEvents).where(anyId(outboxEvents.id, due.map((row) => Number(row.id)))).orderBy(asc(outboxEvents.id))
        : [];
      const blockedMembers = new Set<number>();
      const doneIds: number[] = [];
      let failed = 0;
      const runnable = (event: OutboxEvent) => event.memberId === null || !blockedMembers.has(event.memberId);
      if (events.length > 1 && (await handledTogether(tx, events))) {
        doneIds.push(...events.map((event) => event.id));
      } else {
        for (const event of events) {
          if (!runnable(event)) continue; // an earlier event of the member failed just now
          try {
            await handleAll(tx, [event]);
            doneIds.push(event.id);
          } catch (error) {
            failed += 1;
            if (event.memberId !== null) blockedMembers.add(event.memberId);
            await recordFailure(tx, event, error);
          }
        }
      }
      if (doneIds.length > 0) {
        await tx.update(outboxEvents).set({ status: 'done', processedAt: deps.clock.now(), lastError: null }).where(anyId(outboxEvents.id, doneIds));
      }
      const done = doneIds.length;
      return { done, failed, seen: events.length };
    });
  }

  /** The whole batch at once; false when any of it failed (its savepoint then rolled back) or must wait. */
  async function handledTogether(tx: Db, events: OutboxEvent[]): Promise<boolean> {
    try {
      await handleAll(tx, events);
      return true;
    } catch (error) {
      deps.logger.debug({ err: error, events: events.length }, 'outbox batch failed; handling its events one at a time');
      return false;
    }
  }

  async function recordFailure(tx: Db, event: OutboxEvent, error: unknown) {
    // A deadlock between two workers is nobody's fault: retry at the next dispatch, uncounted.
    const retryOnly = error instanceof RetryLater || isTransientConflict(error);
    const attempts = retryOnly ? event.attempts : event.attempts + 1;
    const dead = attempts >= MAX_ATTEMPTS;
    if (!retryOnly) deps.logger.error({ err: error, eventId: event.id, type: event.type, attempts }, 'outbox handler failed');
    await tx
      .update(outboxEvents)
      .set({
        attempts,
        status: dead ? 'dead' : 'pending',
        lastError: rootMessage(error).slice(0, 2000),
        // A RetryLater waits for another event of the same ordering key: the next dispatch tries again.
        availableAt: retryOnly ? event.availableAt : new Date(deps.clock.now().getTime() + backoffMs(attempts)),
      })
      .where(eq(outboxEvents.id, event.id));
  }

  return {
    on(type: EventType, handler: EventHandler) {
      onBatch(type, async (tx, events) => {
        for (const event of events) await handler(tx, event);
      });
    },
    onBatch,
    dispatchBatch,
    /**
     * Dispatches until nothing due is left (bounded, so a stuck handler cannot spin forever), with one
     * concurrent worker per partition.
     */
    async drain(options: { batchSize: number; maxBatches: number; partitions?: number }) {
      const partitions = options.partitions ?? 1;
      let done = 0;
      let failed = 0;
      // Handlers publish events of their own (a settled commission notifies its member): keep going
      // until a pass over every partition finds nothing more to do.
      for (let batches = 0; batches < options.maxBatches; batches += 1) {
        const results = await Promise.all(
          Array.from({ length: partitions }, (_, partition) => dispatchBatch({ batchSize: options.batchSize, partition, partitions })),
        );
        const handled = results.reduce((sum, r) => sum + r.done, 0);
        done += handled;
        failed += results.reduce((sum, r) => sum + r.failed, 0);
        if (handled === 0) break;
      }
      return { done, failed };
    },

    /** Dead events, for HQ. */
    dead: (limit: number) => deps.db.select().from(outboxEvents).where(eq(outboxEvents.status, 'dead')).orderBy(asc(outboxEvents.id)).limit(limit),

    /** Puts a dead event back in the queue (HQ, after fixing what made it fail). */
    async replay(eventId: number): Promise<boolean> {
      const rows = await deps.db
        .update(outboxEvents)
        .set({ status: 'pending', attempts: 0, availableAt: deps.clock.now() })
        .where(and(eq(outboxEvents.id, eventId), eq(outboxEvents.status, 'dead')))
        .returning({ id: outboxEvents.id });
      return rows.length > 0;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
