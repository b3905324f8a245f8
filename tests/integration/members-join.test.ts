import { startTestApp, type TestApp } from '../helpers/test-app';
import { approvedKos, createStore, joinKoc, kosApplication, storeManager } from '../factories/people';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('joining as a KOC', () => {
  it('is active at once and gets a referral code in WeChat scene characters', async () => {
    const { client, referralCode } = await joinKoc(t, 'koc-solo');
    expect(referralCode).toMatch(/^[0-9A-Za-z]{5,32}$/);
    const me = await client.get('/me').expect(200);
    expect(me.body.member).toMatchObject({ type: 'koc', status: 'active', level: 1, referralCode, upline: null });
  });

  it('binds the joiner to the code owner as L1, and the owner’s upline becomes L2', async () => {
    const top = await joinKoc(t, 'chain-top');
    const middle = await joinKoc(t, 'chain-middle', top.referralCode);
    const bottom = await joinKoc(t, 'chain-bottom', middle.referralCode);

    const me = await bottom.client.get('/me').expect(200);
    expect(me.body.member.upline).toEqual({ id: middle.memberId, nickname: '粉***e' });
    const l1 = await top.client.get('/me/team', { tier: 1 }).expect(200);
    expect(l1.body.items.map((m: { id: number }) => m.id)).toEqual([middle.memberId]);
    const l2 = await top.client.get('/me/team', { tier: 2 }).expect(200);
    expect(l2.body.items.map((m: { id: number }) => m.id)).toEqual([bottom.memberId]);
    expect(l2.body.items[0].nickname).not.toContain('chain-bottom');
  });

  it('twice is idempotent: same member, upline unchanged by a second code', async () => {
    const first = await joinKoc(t, 'twice-upline-a');
    const second = await joinKoc(t, 'twice-upline-b');
    const joiner = await joinKoc(t, 'twice-joiner', first.referralCode);
    const again = await joiner.client.post('/members/join', { type: 'koc', referralCode: second.referralCode }).expect(200);
    expect(again.body.id).toBe(joiner.memberId);
    expect(again.body.upline.id).toBe(first.memberId);
  });

  it('as another type after joining is refused with MEMBER_TYPE_CONFLICT', async () => {
    const { client } = await joinKoc(t, 'type-conflict');
    const { storeId } = await createStore(t, 'type-conflict-store');
    const response = await client.post('/members/join', { type: 'kos', storeId, application: kosApplication }).expect(409);
    expect(response.body.error.code).toBe('MEMBER_TYPE_CONFLICT');
  });

  it('with an unknown referral code answers 404 REFERRAL_CODE_UNKNOWN and creates nobody', async () => {
    const client = await t.signIn('unknown-code');
    const response = await client.post('/members/join', { type: 'koc', referralCode: 'NOPE9999' }).expect(404);
    expect(response.body.error.code).toBe('REFERRAL_CODE_UNKNOWN');
    expect((await client.get('/me').expect(200)).body.member).toBeNull();
  });

  it('through the code of a member who is not active answers 409 UPLINE_INACTIVE', async () => {
    const { storeId } = await createStore(t, 'inactive-upline-store');
    const applicant = await t.signIn('pending-applicant');
    const pending = await applicant.post('/members/join', { type: 'kos', storeId, application: kosApplication }).expect(200);
    const joiner = await t.signIn('joins-through-pending');
    const response = await joiner.post('/members/join', { type: 'koc', referralCode: pending.body.referralCode }).expect(409);
    expect(response.body.error.code).toBe('UPLINE_INACTIVE');
  });
});

describe('KOS and external applications', () => {
  it('a KOS names an existing store; an unknown store is 404 STORE_NOT_FOUND', async () => {
    const client = await t.signIn('kos-no-store');
    const response = await client.post('/members/join', { type: 'kos', storeId: 999999, application: kosApplication }).expect(404);
    expect(response.body.error.code).toBe('STORE_NOT_FOUND');
  });

  it('a KOS is applied until their own store manager approves; another store’s manager cannot', async () => {
    const { storeId } = await createStore(t, 'approval-store');
    const other = await createStore(t, 'other-approval-store');
    const manager = await storeManager(t, 'approval-manager', storeId);
    const otherManager = await storeManager(t, 'other-manager', other.storeId);
    const clerk = await t.signIn('approval-clerk');
    const joined = await clerk.post('/members/join', { type: 'kos', storeId, application: kosApplication }).expect(200);
    expect(joined.body.status).toBe('applied');

    const queue = await manager.get('/admin/applications').expect(200);
    expect(queue.body.items.map((a: { memberId: number }) => a.memberId)).toContain(joined.body.id);
    const otherQueue = await otherManager.get('/admin/applications').expect(200);
    expect(otherQueue.body.items.map((a: { memberId: number }) => a.memberId)).not.toContain(joined.body.id);

    const refused = await otherManager.post(`/admin/applications/${joined.body.id}/approve`, {}).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const approved = await manager.post(`/admin/applications/${joined.body.id}/approve`, {}).expect(200);
    expect(approved.body.status).toBe('active');
    const again = await manager.post(`/admin/applications/${joined.body.id}/approve`, {}).expect(409);
    expect(again.body.error.code).toBe('APPLICATION_NOT_PENDING');

    const clerks = await manager.get(`/stores/${storeId}/clerks`).expect(200);
    expect(clerks.body.items).toEqual([expect.objectContaining({ memberId: joined.body.id, status: 'active' })]);
    expect((await otherManager.get(`/stores/${storeId}/clerks`).expect(403)).body.error.code).toBe('FORBIDDEN');
  });

  it('an external distributor is approved by HQ only, and a rejection can be followed by a new application', async () => {
    const { storeId } = await createStore(t, 'external-store');
    const manager = await storeManager(t, 'external-manager', storeId);
    const applicant = await t.signIn('external-applicant');
    const joined = await applicant.post('/members/join', { type: 'external', application: kosApplication }).expect(200);
    expect(joined.body.status).toBe('applied');
    expect((await manager.post(`/admin/applications/${joined.body.id}/approve`, {}).expect(403)).body.error.code).toBe('FORBIDDEN');

    const admin = await t.admin();
    const rejected = await admin.post(`/admin/applications/${joined.body.id}/reject`, { reason: 'no sales history' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
    const reapplied = await applicant.post('/members/join', { type: 'external', application: kosApplication }).expect(200);
    expect(reapplied.body).toMatchObject({ id: joined.body.id, status: 'applied' });

    const history = await admin.get(`/admin/members/${joined.body.id}/status-history`).expect(200);
    expect(history.body.items.map((h: { to: string }) => h.to)).toEqual(['applied', 'rejected', 'applied']);
    expect(history.body.items[1]).toMatchObject({ from: 'applied', reason: 'no sales history', actorUserId: admin.userId });
  });

  it('with auto-approval switched on, applicants are active at once', async () => {
    const admin = await t.admin();
    await admin.patch('/admin/settings', { members: { autoApproveApplications: true } }).expect(200);
    try {
      const applicant = await t.signIn('auto-approved');
      const joined = await applicant.post('/members/join', { type: 'external', application: kosApplication }).expect(200);
      expect(joined.body.status).toBe('active');
    } finally {
      await admin.patch('/admin/settings', { members: { autoApproveApplications: false } }).expect(200);
    }
  });

  it('an application must accept the agreement and give a valid phone', async () => {
    const applicant = await t.signIn('bad-application');
    const response = await applicant
      .post('/members/join', { type: 'external', application: { ...kosApplication, agreementAccepted: false, phone: '123' } })
      .expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.application.agreementAccepted',
      'body.application.phone',
    ]);
  });
});

describe('status, removal and rejoining', () => {
  it('a removed member cannot rejoin before the cool-down, and can after it', async () => {
    const admin = await t.admin();
    await admin.patch('/admin/settings', { members: { rejoinCooldownDays: 30 } }).expect(200);
    const { memberId } = await joinKoc(t, 'removed-koc');
    await admin.post(`/admin/members/${memberId}/status`, { status: 'removed', reason: 'no sales for a quarter' }).expect(200);

    t.clock.advanceDays(29);
    let client = await t.signIn('removed-koc');
    const early = await client.post('/members/join', { type: 'koc' }).expect(409);
    expect(early.body.error.code).toBe('REJOIN_COOLDOWN');
    expect(early.body.error.rejoinAfter).toBeDefined();

    t.clock.advanceDays(2);
    client = await t.signIn('removed-koc');
    const rejoined = await client.post('/members/join', { type: 'koc' }).expect(200);
    expect(rejoined.body).toMatchObject({ id: memberId, status: 'active' });
  });

  it('a banned member cannot rejoin at all', async () => {
    const admin = await t.admin();
    const { memberId } = await joinKoc(t, 'banned-koc');
    await admin.post(`/admin/members/${memberId}/status`, { status: 'banned', reason: 'fake orders' }).expect(200);
    t.clock.advanceDays(3650);
    const client = await t.signIn('banned-koc');
    expect((await client.post('/members/join', { type: 'koc' }).expect(409)).body.error.code).toBe('MEMBER_NOT_ACTIVE');
  });

  it('HQ cannot set the status of an undecided application by hand', async () => {
    const { storeId } = await createStore(t, 'undecided-store');
    const applicant = await t.signIn('undecided');
    const joined = await applicant.post('/members/join', { type: 'kos', storeId, application: kosApplication }).expect(200);
    const response = await (await t.admin()).post(`/admin/members/${joined.body.id}/status`, { status: 'active', reason: 'skip' }).expect(409);
    expect(response.body.error.code).toBe('STATUS_TRANSITION_INVALID');
  });

  it('a KOS clerk approved by HQ belongs to exactly one store', async () => {
    const { storeId } = await createStore(t, 'one-store');
    const kos = await approvedKos(t, 'one-store-clerk', storeId);
    const me = await kos.client.get('/me').expect(200);
    expect(me.body.member).toMatchObject({ type: 'kos', status: 'active', storeId });
  });
});

describe('looking up who invited you', () => {
  it('answers the code owner masked, their type, and whether joining through them works now', async () => {
    const inviter = await joinKoc(t, 'inviter-lookup');
    const newcomer = await t.signIn('invited-newcomer');
    const found = await newcomer.get(`/referrals/${inviter.referralCode}`).expect(200);
    expect(found.body).toEqual({ nickname: '粉***p', type: 'koc', acceptsReferrals: true });

    const { storeId } = await createStore(t, 'lookup-pending-store');
    const applicant = await t.signIn('lookup-applicant', '申请中的店员');
    const pending = await applicant.post('/members/join', { type: 'kos', storeId, application: kosApplication }).expect(200);
    expect((await newcomer.get(`/referrals/${pending.body.referralCode}`).expect(200)).body).toEqual({ nickname: '申***员', type: 'kos', acceptsReferrals: false });
    // What the lookup promised is what joining does.
    expect((await newcomer.post('/members/join', { type: 'koc', referralCode: pending.body.referralCode }).expect(409)).body.error.code).toBe('UPLINE_INACTIVE');
  });

  it('answers 404 REFERRAL_CODE_UNKNOWN for a code nobody has, and asks the caller to sign in', async () => {
    const user = await t.signIn('lookup-unknown');
    expect((await user.get('/referrals/NOPE9999').expect(404)).body.error.code).toBe('REFERRAL_CODE_UNKNOWN');
    expect((await user.get('/referrals/%E4%BD%A0').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http.get('/api/v1/referrals/NOPE9999').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });
});
