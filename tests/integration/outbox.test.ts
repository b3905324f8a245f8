import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/database';
import { publish } from '../../server/src/outbox/outbox';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { joinKoc } from '../factories/people';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the outbox', () => {
  it('retries a failing event with backoff, marks it dead after the last attempt, and HQ can replay it', async () => {
    const member = await joinKoc(t, 'outbox-member');
    let broken = true;
    t.services.outbox.on('task.completed', async () => {
      if (broken) throw new Error('the task service is down');
    });
    await t.database.db.transaction((tx) => publish(tx, t.clock, { type: 'task.completed', memberId: member.memberId, payload: { taskId: 1 } }));
    const admin = await t.admin();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await t.runJob('outbox.dispatch');
      t.clock.advanceDays(1);
    }
    const dead = await admin.get('/admin/outbox/dead').expect(200);
    expect(dead.body.items).toEqual([expect.objectContaining({ type: 'task.completed', memberId: member.memberId, attempts: 10, lastError: 'the task service is down' })]);

    broken = false;
    await admin.post(`/admin/outbox/${dead.body.items[0].id}/replay`).expect(200);
    expect((await admin.post(`/admin/outbox/${dead.body.items[0].id}/replay`).expect(404)).body.error.code).toBe('EVENT_NOT_FOUND');
    await t.runJob('outbox.dispatch');
    expect((await admin.get('/admin/outbox/dead').expect(200)).body.items).toEqual([]);
  });

  it('holds a member’s later events until an earlier one succeeds, so they are handled in order', async () => {
    const member = await joinKoc(t, 'ordered-member');
    const seen: number[] = [];
    // Event 1 fails until tomorrow, however often it is tried (a batch is retried one event at a time).
    const recovers = t.clock.now().getTime() + 86_400_000;
    t.services.outbox.on('fans.reported', async (_tx, event) => {
      if (event.payload.n === 1 && t.clock.now().getTime() < recovers) throw new Error('transient');
      seen.push(Number(event.payload.n));
    });
    for (const n of [1, 2, 3]) {
      await t.database.db.transaction((tx) => publish(tx, t.clock, { type: 'fans.reported', memberId: member.memberId, payload: { n, gained: 1 } }));
    }
    await t.runJob('outbox.dispatch');
    expect(seen).toEqual([]);
    t.clock.advanceDays(1);
    await t.runJob('outbox.dispatch');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('hands a batch of events to a handler at once, and when one of them fails, still handles every other member’s', async () => {
    const [a, b, c] = await Promise.all(['batch-a', 'batch-b', 'batch-c'].map((name) => joinKoc(t, name)));
    const batches: number[][] = [];
    t.services.outbox.onBatch('course.completed', async (_tx, events) => {
      batches.push(events.map((event) => Number(event.payload.n)));
      if (events.some((event) => event.memberId === b.memberId)) throw new Error('b is broken');
    });
    await t.database.db.transaction(async (tx) => {
      for (const [n, member] of [a, b, c, a].entries()) await publish(tx, t.clock, { type: 'course.completed', memberId: member.memberId, payload: { n } });
    });
    await t.services.outbox.dispatchBatch({ batchSize: 50 }); // one partition: all four in one batch
    // First the whole batch, then one event at a time to find the broken one.
    expect(batches).toEqual([[0, 1, 2, 3], [0], [1], [2], [3]]);
    const rows = await queryRows(t.database.db, sql`SELECT member_id::int AS member, status, attempts FROM outbox_events WHERE type = 'course.completed' ORDER BY id`);
    expect(rows).toEqual([
      { member: a.memberId, status: 'done', attempts: 0 },
      { member: b.memberId, status: 'pending', attempts: 1 },
      { member: c.memberId, status: 'done', attempts: 0 },
      { member: a.memberId, status: 'done', attempts: 0 },
    ]);
  });
});
