import { startTestApp, type TestApp } from '../helpers/test-app';
import { joinKoc } from '../factories/people';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function setPolicy(policy: 'permanent' | 'expiring' | 'override', expiryDays = 30) {
  await (await t.admin()).patch('/admin/settings', { binding: { policy, expiryDays } }).expect(200);
}

describe('customer binding', () => {
  it('binds a buyer to the member whose code they scanned', async () => {
    const seller = await joinKoc(t, 'cust-seller');
    const buyer = await t.signIn('cust-buyer', '买家');
    const bound = await buyer.post('/bindings', { referralCode: seller.referralCode }).expect(200);
    expect(bound.body).toMatchObject({ member: { id: seller.memberId }, expiresAt: null });
    expect((await buyer.get('/me').expect(200)).body.customerOf.id).toBe(seller.memberId);
    // Customers are not team members: the team lists distributors only.
    expect((await seller.client.get('/me/team').expect(200)).body.items).toEqual([]);
  });

  it('refuses your own code with SELF_REFERRAL', async () => {
    const member = await joinKoc(t, 'self-referrer');
    const response = await member.client.post('/bindings', { referralCode: member.referralCode }).expect(409);
    expect(response.body.error.code).toBe('SELF_REFERRAL');
  });

  it('permanent: the first binding wins for good', async () => {
    await setPolicy('permanent');
    const first = await joinKoc(t, 'perm-first');
    const second = await joinKoc(t, 'perm-second');
    const buyer = await t.signIn('perm-buyer');
    await buyer.post('/bindings', { referralCode: first.referralCode }).expect(200);
    t.clock.advanceDays(400);
    const again = await (await t.signIn('perm-buyer')).post('/bindings', { referralCode: second.referralCode }).expect(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_BOUND', boundTo: { memberId: first.memberId } });
    // Scanning the same member again is not an error.
    await (await t.signIn('perm-buyer')).post('/bindings', { referralCode: first.referralCode }).expect(200);
  });

  it('override: the latest scan wins', async () => {
    await setPolicy('override');
    try {
      const first = await joinKoc(t, 'ovr-first');
      const second = await joinKoc(t, 'ovr-second');
      const buyer = await t.signIn('ovr-buyer');
      await buyer.post('/bindings', { referralCode: first.referralCode }).expect(200);
      const rebound = await buyer.post('/bindings', { referralCode: second.referralCode }).expect(200);
      expect(rebound.body.member.id).toBe(second.memberId);
    } finally {
      await setPolicy('permanent');
    }
  });

  it('expiring: bound for N days, then the job unbinds and the buyer is free to rebind', async () => {
    await setPolicy('expiring', 10);
    try {
      const first = await joinKoc(t, 'exp-first');
      const second = await joinKoc(t, 'exp-second');
      const buyer = await t.signIn('exp-buyer');
      const bound = await buyer.post('/bindings', { referralCode: first.referralCode }).expect(200);
      expect(new Date(bound.body.expiresAt).getTime() - new Date(bound.body.boundAt).getTime()).toBe(10 * 86_400_000);

      t.clock.advanceDays(9);
      const early = await (await t.signIn('exp-buyer')).post('/bindings', { referralCode: second.referralCode }).expect(409);
      expect(early.body.error.code).toBe('ALREADY_BOUND');

      t.clock.advanceDays(2);
      const admin = await t.admin();
      const run = await admin.post('/admin/jobs/bindings.expire/run').expect(200);
      expect(run.body.result.expired).toBeGreaterThanOrEqual(1);
      const after = await t.signIn('exp-buyer');
      expect((await after.get('/me').expect(200)).body.customerOf).toBeNull();
      const rerun = await admin.post('/admin/jobs/bindings.expire/run').expect(200);
      expect(rerun.body.result.expired).toBe(0);

      const rebound = await after.post('/bindings', { referralCode: second.referralCode }).expect(200);
      expect(rebound.body.member.id).toBe(second.memberId);
      const audit = await admin.get('/admin/audit-log', { subjectType: 'user', subjectId: after.userId }).expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['binding.created', 'binding.expired', 'binding.created']);
    } finally {
      await setPolicy('permanent');
    }
  });

  it('an expired binding that the job has not yet removed can already be replaced', async () => {
    await setPolicy('expiring', 5);
    try {
      const first = await joinKoc(t, 'lazy-first');
      const second = await joinKoc(t, 'lazy-second');
      await (await t.signIn('lazy-buyer')).post('/bindings', { referralCode: first.referralCode }).expect(200);
      t.clock.advanceDays(6);
      const rebound = await (await t.signIn('lazy-buyer')).post('/bindings', { referralCode: second.referralCode }).expect(200);
      expect(rebound.body.member.id).toBe(second.memberId);
    } finally {
      await setPolicy('permanent');
    }
  });
});

describe('HQ rebinding', () => {
  it('moves a member to another upline, audited with the reason', async () => {
    const a = await joinKoc(t, 'rebind-a');
    const b = await joinKoc(t, 'rebind-b');
    const member = await joinKoc(t, 'rebind-member', a.referralCode);
    const admin = await t.admin();
    const rebound = await admin.put(`/admin/bindings/${member.client.userId}`, { referralCode: b.referralCode, reason: 'wrong poster scanned' }).expect(200);
    expect(rebound.body.member.id).toBe(b.memberId);
    expect((await b.client.get('/me/team').expect(200)).body.items.map((m: { id: number }) => m.id)).toEqual([member.memberId]);
    const audit = await admin.get('/admin/audit-log', { subjectType: 'user', subjectId: member.client.userId }).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'binding.changed',
      actorUserId: admin.userId,
      reason: 'wrong poster scanned',
      data: { fromMemberId: a.memberId, toMemberId: b.memberId, source: 'admin' },
    });
  });

  it('refuses a rebind that would make a loop with REFERRAL_CYCLE, at any depth', async () => {
    const top = await joinKoc(t, 'cycle-top');
    const middle = await joinKoc(t, 'cycle-middle', top.referralCode);
    const bottom = await joinKoc(t, 'cycle-bottom', middle.referralCode);
    const below = await joinKoc(t, 'cycle-below', bottom.referralCode);
    const admin = await t.admin();
    for (const descendant of [middle, bottom, below]) {
      const response = await admin.put(`/admin/bindings/${top.client.userId}`, { referralCode: descendant.referralCode, reason: 'x' }).expect(409);
      expect(response.body.error.code).toBe('REFERRAL_CYCLE');
    }
    expect((await top.client.get('/me').expect(200)).body.member.upline).toBeNull();
  });
});

describe('my team', () => {
  it('pages newest first with a cursor, nicknames masked', async () => {
    const leader = await joinKoc(t, 'pager-leader');
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      t.clock.advanceMs(1000);
      ids.push((await joinKoc(t, `pager-${i}`, leader.referralCode)).memberId);
    }
    const first = await leader.client.get('/me/team', { tier: 1, limit: 2 }).expect(200);
    expect(first.body.items.map((m: { id: number }) => m.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.items[0].nickname).toBe('粉***4');
    const second = await leader.client.get('/me/team', { tier: 1, limit: 2, cursor: first.body.nextCursor }).expect(200);
    const third = await leader.client.get('/me/team', { tier: 1, limit: 2, cursor: second.body.nextCursor }).expect(200);
    expect([...second.body.items, ...third.body.items].map((m: { id: number }) => m.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(third.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give out with 400', async () => {
    const leader = await joinKoc(t, 'bad-cursor');
    const response = await leader.client.get('/me/team', { cursor: 'not-a-cursor' }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('is for members only: a signed-in non-member gets NOT_A_MEMBER', async () => {
    const visitor = await t.signIn('visitor');
    expect((await visitor.get('/me/team').expect(403)).body.error.code).toBe('NOT_A_MEMBER');
  });
});
