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
    let failFirst = true;
    t.services.outbox.on('fans.reported', async (_tx, event) => {
      if (failFirst && event.payload.n === 1) {
        failFirst = false;
        throw new Error('transient');
      }
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
});
