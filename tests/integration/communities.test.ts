import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/database';
import { verifyLedger } from '../../server/src/modules/ledger';
import { createWecomApi } from '../../server/src/wechat/wecom';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { createStore, joinKoc, staff, storeManager, type Joined } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { dispatch } from '../factories/sales';
import { createRule } from '../factories/rewards';
import { startFakeWecom, type FakeWecom } from '../fakes/wecom';

let t: TestApp;
let wecom: FakeWecom;
let admin: UserClient;
let community: UserClient;
let catalog: TestCatalog;

/**
 * The ladder these tests climb by reporting group sizes: 10 people in one's own groups make level 3,
 * which grants group_admin_eligible; level 3 is kept only with a task done in the month.
 */
const ladder = {
  levels: [
    { level: 1, name: '见习' },
    { level: 2, name: '白银', promote: [{ source: 'counter', metric: 'groupSize', op: 'gte', value: 5 }] },
    {
      level: 3,
      name: '黄金',
      promote: [{ source: 'counter', metric: 'groupSize', op: 'gte', value: 10 }],
      keep: [{ source: 'counter', metric: 'tasksCompleted', window: 'month', op: 'gte', value: 1 }],
      rewards: [{ kind: 'privilege', name: 'group_admin_eligible', days: 365 }],
    },
  ],
};

beforeAll(async () => {
  wecom = await startFakeWecom();
  t = await startTestApp({ WECOM_CORP_ID: wecom.corpId, WECOM_SECRET: wecom.secret, WECOM_BASE_URL: wecom.baseUrl });
  admin = await t.admin();
  community = await staff(t, 'cm-community', 'community_manager');
  catalog = await createCatalog(t);
  await admin.put('/admin/levels', ladder).expect(200);
});
afterEach(async () => {
  expect((await verifyLedger(t.database.db)).ok).toBe(true);
});
afterAll(async () => {
  await t.close();
  await wecom.close();
});

let n = 0;
const notifications = async (client: UserClient) => (await client.get('/me/notifications').expect(200)).body.items as { title: string; body: string; data: Record<string, unknown> }[];
const auditOf = async (subjectType: string, subjectId: number) =>
  (await admin.get('/admin/audit-log', { subjectType, subjectId }).expect(200)).body.items as { action: string; actorUserId: number | null; data: Record<string, unknown>; reason: string | null }[];
const privileges = async (who: Joined) => (await who.client.get('/me/privileges').expect(200)).body.items as { name: string; group?: { id: number; name: string; scope: string } }[];
const level = async (who: Joined) => (await who.client.get('/me/level').expect(200)).body.level as number;
const checklist = async (manager: UserClient, status = 'pending') =>
  (await manager.get('/admin/groups/wechat-checklist', { status }).expect(200)).body.items as { id: number; kind: string; groupId: number | null; memberId: number | null; instruction: string; newName: string | null }[];

async function ownGroup(who: Joined, name = '我的茶友群') {
  return (await who.client.post('/groups', { name, kind: 'own' }).expect(201)).body as { id: number; joinCode: string; referralCode: string };
}

/** A KOC who reached level 3 by growing their own group, and so holds group_admin_eligible. */
async function eligibleMember(): Promise<Joined> {
  const member = await joinKoc(t, `cm-eligible-${++n}`);
  const group = await ownGroup(member);
  await member.client.post(`/groups/${group.id}/size`, { members: 12 }).expect(200);
  await dispatch(t);
  expect(await level(member)).toBe(3);
  expect((await privileges(member)).map((p) => p.name)).toContain('group_admin_eligible');
  return member;
}

async function customerGroup(name = `品牌客户群-${++n}`, wecomChatId?: string) {
  return (await community.post('/admin/groups', { name, wecomChatId }).expect(201)).body as { id: number; joinCode: string; name: string };
}

function grant(groupId: number, memberId: number, extra: Record<string, unknown> = {}) {
  return community.post(`/admin/groups/${groupId}/admins`, { memberId, scope: 'full', ...extra });
}

describe('groups', () => {
  it('a member registers an own group and reports its size; the playbook targets at 20 and 40 go through the reward engine', async () => {
    await createRule(admin, { name: 'own group 20', trigger: 'group.size.reported', conditions: [{ source: 'counter', metric: 'groupSize', op: 'gte', value: 20 }], reward: { kind: 'badge', code: 'group-20', name: '小群主', icon: 'g20.png' }, limits: { perMember: 1 } });
    await createRule(admin, { name: 'own group 40', trigger: 'group.size.reported', conditions: [{ source: 'counter', metric: 'groupSize', op: 'gte', value: 40 }], reward: { kind: 'badge', code: 'group-40', name: '社群之星', icon: 'g40.png', tier: 'silver' }, limits: { perMember: 1 } });
    const member = await joinKoc(t, `cm-owner-${++n}`);
    const group = await ownGroup(member, '龙井爱好者');
    expect(group).toMatchObject({ kind: 'own', name: '龙井爱好者', size: 0, referralCode: member.referralCode, joinCode: expect.stringMatching(/^g[0-9A-Z]{5,}$/), admin: null });

    const badges = async () => ((await member.client.get('/me/badges').expect(200)).body.items as { code: string }[]).map((b) => b.code).sort();
    const reported = await member.client.post(`/groups/${group.id}/size`, { members: 19 }).expect(200);
    expect(reported.body).toMatchObject({ size: 19, sizeSource: 'member', sizeReportedAt: t.clock.now().toISOString() });
    await dispatch(t);
    expect(await badges()).toEqual([]);
    await member.client.post(`/groups/${group.id}/size`, { members: 20 }).expect(200);
    await dispatch(t);
    expect(await badges()).toEqual(['group-20']);
    await member.client.post(`/groups/${group.id}/size`, { members: 40 }).expect(200);
    await dispatch(t);
    expect(await badges()).toEqual(['group-20', 'group-40']);

    const events = await queryRows<{ payload: Record<string, unknown> }>(t.database.db, sql`SELECT payload FROM outbox_events WHERE type = 'group.size.reported' AND member_id = ${member.memberId} ORDER BY id`);
    expect(events.map((e) => e.payload)).toEqual([19, 20, 40].map((size) => ({ groupId: group.id, groupSize: size, size })));
    expect((await member.client.get('/me/groups').expect(200)).body.items).toEqual([expect.objectContaining({ id: group.id, size: 40 })]);

    // Another member's group is none of yours; a WeCom chat id belongs to customer groups only.
    const other = await joinKoc(t, `cm-other-${++n}`);
    expect((await other.client.post(`/groups/${group.id}/size`, { members: 1 }).expect(404)).body.error.code).toBe('GROUP_NOT_FOUND');
    expect((await other.client.post('/groups', { name: 'x', kind: 'own', wecomChatId: 'wrabc' }).expect(400)).body.error.details[0].path).toBe('body.wecomChatId');
  });

  it('a join code binds the newcomer to the group’s member under the binding policy, and records the join', async () => {
    const owner = await joinKoc(t, `cm-join-owner-${++n}`);
    const group = await ownGroup(owner);
    const fan = await t.signIn(`cm-fan-${n}`, '新粉丝');
    const joined = await fan.post('/groups/join', { code: group.joinCode }).expect(200);
    expect(joined.body).toEqual({ group: { id: group.id, name: '我的茶友群', kind: 'own' }, binding: { outcome: 'bound', memberId: owner.memberId, code: null } });
    expect((await fan.get('/me').expect(200)).body.customerOf.id).toBe(owner.memberId);
    expect(await auditOf('user', fan.userId)).toContainEqual(expect.objectContaining({ action: 'binding.created', data: expect.objectContaining({ toMemberId: owner.memberId, source: 'group' }) }));

    // Permanent policy: a second group's code keeps the first binding; the owner joining their own group binds nobody.
    const rival = await joinKoc(t, `cm-join-rival-${n}`);
    const rivalGroup = await ownGroup(rival);
    expect((await fan.post('/groups/join', { code: rivalGroup.joinCode }).expect(200)).body.binding).toEqual({ outcome: 'kept', memberId: owner.memberId, code: null });
    expect((await owner.client.post('/groups/join', { code: group.joinCode }).expect(200)).body.binding).toEqual({ outcome: 'none', memberId: null, code: null });
    const joins = await queryRows<{ user_id: string; bound_member_id: string | null }>(t.database.db, sql`SELECT user_id::text, bound_member_id::text FROM group_joins WHERE group_id = ${group.id} ORDER BY user_id`);
    expect(joins).toEqual([
      { user_id: String(owner.client.userId), bound_member_id: null },
      { user_id: String(fan.userId), bound_member_id: String(owner.memberId) },
    ]);
    expect((await fan.post('/groups/join', { code: 'gZZZZZZZZ' }).expect(404)).body.error.code).toBe('GROUP_NOT_FOUND');
  });

  it('reads a customer group’s size from WeCom (gettoken + groupchat/get), refreshing a token WeCom dropped', async () => {
    wecom.setGroup('wrOgQhDgAAabc', { name: '品牌福利群', owner: 'zhangsan', customers: 57, staff: 2 });
    const group = await customerGroup('品牌福利群', 'wrOgQhDgAAabc');
    const synced = await community.post(`/admin/groups/${group.id}/wecom-sync`).expect(200);
    expect(synced.body).toMatchObject({ id: group.id, kind: 'customer', size: 59, sizeSource: 'wecom', ownerMemberId: null });
    const get = wecom.calls.find((call) => call.path === '/cgi-bin/externalcontact/groupchat/get');
    expect(get).toMatchObject({ method: 'POST', body: { chat_id: 'wrOgQhDgAAabc' } });
    expect(wecom.calls.find((call) => call.path === '/cgi-bin/gettoken')?.query).toMatchObject({ corpid: wecom.corpId, corpsecret: wecom.secret });

    wecom.setGroup('wrOgQhDgAAabc', { name: '品牌福利群', owner: 'zhangsan', customers: 80, staff: 2 });
    wecom.expireTokens();
    const issued = wecom.tokensIssued();
    expect((await community.post(`/admin/groups/${group.id}/wecom-sync`).expect(200)).body.size).toBe(82);
    expect(wecom.tokensIssued()).toBe(issued + 1);

    wecom.setGroup('wrOgQhDgAAabc', { name: '品牌福利群', owner: 'zhangsan', customers: 90, staff: 2 });
    expect(await t.runJob('groups.wecom-sync')).toMatchObject({ synced: 1, failed: [] });
    expect((await community.get('/admin/groups', { kind: 'customer' }).expect(200)).body.items).toContainEqual(expect.objectContaining({ id: group.id, size: 92 }));

    const unknown = await customerGroup('不存在的群', 'wrUnknownChat');
    const refused = await community.post(`/admin/groups/${unknown.id}/wecom-sync`).expect(502);
    expect(refused.body.error).toMatchObject({ code: 'WECOM_UNAVAILABLE', errcode: 40050 });
    const unlinked = await customerGroup();
    expect((await community.post(`/admin/groups/${unlinked.id}/wecom-sync`).expect(409)).body.error.code).toBe('GROUP_NOT_LINKED');
    expect((await community.post('/admin/groups', { name: 'dup', wecomChatId: 'wrOgQhDgAAabc' }).expect(409)).body.error.code).toBe('CONFLICT');
  });

  it('the WeCom adapter pages through the corp’s customer groups', async () => {
    wecom.setGroup('wrPageA', { name: 'a', owner: 'x', customers: 1 });
    wecom.setGroup('wrPageB', { name: 'b', owner: 'x', customers: 1 });
    const api = createWecomApi({ corpId: wecom.corpId, secret: wecom.secret, baseUrl: wecom.baseUrl, timeoutMs: 2000 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.listGroupChats({ cursor, pageSize: 2 });
      seen.push(...page.chatIds);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(['wrPageA', 'wrPageB', 'wrOgQhDgAAabc']));
    await expect(createWecomApi({ corpId: 'wrong', secret: wecom.secret, baseUrl: wecom.baseUrl, timeoutMs: 2000 }).groupChat('wrPageA')).rejects.toMatchObject({ code: 'WECOM_UNAVAILABLE', data: { errcode: 40013 } });
  });
});

describe('training groups', () => {
  it('cycle through their phases one at a time; the name follows the template and each rename is on the manager’s checklist', async () => {
    const created = await community.post('/admin/training-groups', { brand: '茗香' }).expect(201);
    expect(created.body).toMatchObject({ phase: 'recruiting', displayName: '茗香 KOC training · recruiting', wechat: { setNameTo: '茗香 KOC training · recruiting' } });
    const id = created.body.id;
    const names: string[] = [];
    for (const phase of ['training', 'in_session', 'closing', 'finished']) {
      const changed = await community.post(`/admin/training-groups/${id}/phase`, { phase }).expect(200);
      expect(changed.body.phase).toBe(phase);
      expect(changed.body.wechat.setNameTo).toBe(changed.body.displayName);
      names.push(changed.body.displayName);
    }
    expect(names).toEqual(['茗香 KOC training · training', '茗香 KOC training · in session', '茗香 KOC training · closing', '茗香 KOC training · finished']);
    const refused = await community.post(`/admin/training-groups/${id}/phase`, { phase: 'recruiting' }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'TRAINING_PHASE_INVALID', phase: 'finished', next: null });
    const renames = (await checklist(community)).filter((item) => item.kind === 'rename_group' && item.newName?.startsWith('茗香'));
    expect(renames.map((item) => item.newName)).toEqual(['茗香 KOC training · recruiting', ...names]);
    expect(renames[1].instruction).toBe('把微信群「茗香 KOC training · recruiting」改名为「茗香 KOC training · training」');
    expect(await auditOf('training_group', id)).toContainEqual(expect.objectContaining({ action: 'training_group.phase_changed', data: expect.objectContaining({ from: 'closing', to: 'finished' }) }));

    const custom = await community.post('/admin/training-groups', { brand: '茗香', nameTemplate: '{brand}达人营｜{phase}', phaseLabels: { recruiting: '招募中', training: '培训中' } }).expect(201);
    expect(custom.body.displayName).toBe('茗香达人营｜招募中');
    const skipped = await community.post(`/admin/training-groups/${custom.body.id}/phase`, { phase: 'in_session' }).expect(409);
    expect(skipped.body.error).toMatchObject({ code: 'TRAINING_PHASE_INVALID', next: 'training' });
    expect((await community.post(`/admin/training-groups/${custom.body.id}/phase`, { phase: 'training' }).expect(200)).body.displayName).toBe('茗香达人营｜培训中');
    expect((await community.post('/admin/training-groups', { brand: 'x', nameTemplate: 'no phase here' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('finishing a course is one course.completed event that reward rules and the level ladder can use', async () => {
    await createRule(admin, { name: 'course finisher', trigger: 'course.completed', reward: { kind: 'badge', code: 'graduate', name: '结业', icon: 'grad.png' }, limits: { perMember: 1 } });
    const group = (await community.post('/admin/training-groups', { brand: '茗香' }).expect(201)).body;
    const student = await joinKoc(t, `cm-student-${++n}`);
    const outsider = await joinKoc(t, `cm-outsider-${n}`);
    await community.post(`/admin/training-groups/${group.id}/enrollments`, { memberId: student.memberId }).expect(201);
    await community.post(`/admin/training-groups/${group.id}/enrollments`, { memberId: student.memberId }).expect(201);
    const course = (await community.post(`/admin/training-groups/${group.id}/courses`, { title: '品牌入门', lessons: [{ title: '品牌故事' }, { title: '产品知识' }] }).expect(201)).body;
    const [first, second] = course.lessons as { id: number }[];
    const done = (who: Joined, lessonId: number) => who.client.post(`/me/courses/${course.id}/lessons/${lessonId}/done`);

    expect((await done(student, first.id).expect(409)).body.error.code).toBe('TRAINING_PHASE_INVALID');
    await community.post(`/admin/training-groups/${group.id}/phase`, { phase: 'training' }).expect(200);
    expect((await done(outsider, first.id).expect(409)).body.error.code).toBe('NOT_ENROLLED');
    expect((await done(student, 999_999).expect(404)).body.error.code).toBe('LESSON_NOT_FOUND');

    // The ladder asks for a finished course (level 2), through the coursesCompleted counter.
    await admin.put('/admin/levels', { levels: [{ level: 1, name: '见习' }, { level: 2, name: '学员', promote: [{ source: 'counter', metric: 'coursesCompleted', op: 'gte', value: 1 }] }] }).expect(200);
    try {
      expect((await done(student, first.id).expect(200)).body).toMatchObject({ completedAt: null, lessons: [{ doneAt: expect.any(String) }, { doneAt: null }] });
      await done(student, first.id).expect(200);
      const finished = await done(student, second.id).expect(200);
      expect(finished.body.completedAt).toBe(t.clock.now().toISOString());
      await done(student, second.id).expect(200);
      await dispatch(t);
      const events = await queryRows<{ payload: Record<string, unknown> }>(t.database.db, sql`SELECT payload FROM outbox_events WHERE type = 'course.completed' AND member_id = ${student.memberId}`);
      expect(events.map((e) => e.payload)).toEqual([{ courseId: course.id, trainingGroupId: group.id }]);
      expect(((await student.client.get('/me/badges').expect(200)).body.items as { code: string }[]).map((b) => b.code)).toEqual(['graduate']);
      expect(await level(student)).toBe(2);
    } finally {
      await admin.put('/admin/levels', ladder).expect(200);
    }

    const mine = await student.client.get('/me/training').expect(200);
    expect(mine.body.items).toEqual([{ trainingGroup: { id: group.id, displayName: '茗香 KOC training · training', phase: 'training' }, courses: [expect.objectContaining({ id: course.id, completedAt: expect.any(String) })] }]);
    const progress = await community.get(`/admin/courses/${course.id}/progress`).expect(200);
    expect(progress.body.items).toEqual([{ memberId: student.memberId, nickname: `粉丝cm-student-${n}`, lessonsDone: 2, completedAt: expect.any(String) }]);
  });
});

describe('group-admin rights', () => {
  it('are granted only over a customer group, to an eligible member in good standing, one holder at a time: every refusal code', async () => {
    const group = await customerGroup();
    const eligible = await eligibleMember();
    const plain = await joinKoc(t, `cm-plain-${++n}`);
    const expectRefused = async (response: Promise<{ status: number; body: { error: { code: string } } }>, status: number, code: string) => {
      const { status: got, body } = await response;
      expect([got, body.error?.code]).toEqual([status, code]);
    };
    await expectRefused(grant(999_999, eligible.memberId), 404, 'GROUP_NOT_FOUND');
    await expectRefused(grant((await ownGroup(plain)).id, eligible.memberId), 409, 'GROUP_NOT_CUSTOMER');
    await expectRefused(grant(group.id, 999_999), 404, 'MEMBER_NOT_FOUND');
    await expectRefused(grant(group.id, plain.memberId), 409, 'NOT_ELIGIBLE');
    await expectRefused(grant(group.id, eligible.memberId, { requiredLevel: 4 }), 409, 'NOT_ELIGIBLE');
    await expectRefused(grant(group.id, eligible.memberId, { expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() }), 400, 'VALIDATION_FAILED');
    const warned = await eligibleMember();
    await admin.post(`/admin/members/${warned.memberId}/status`, { status: 'warned', reason: '考核预警' }).expect(200);
    await expectRefused(grant(group.id, warned.memberId), 409, 'MEMBER_NOT_IN_GOOD_STANDING');
    // Only community managers and HQ grant.
    const manager = await storeManager(t, `cm-store-manager-${n}`, (await createStore(t, `cm-store-${n}`)).storeId);
    for (const caller of [manager, eligible.client, plain.client]) {
      await expectRefused(caller.post(`/admin/groups/${group.id}/admins`, { memberId: eligible.memberId, scope: 'full' }), 403, 'FORBIDDEN');
    }

    const granted = await grant(group.id, eligible.memberId, { scope: 'moderation' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ groupId: group.id, memberId: eligible.memberId, scope: 'moderation', requiredLevel: 3, grantedBy: community.userId, revokedAt: null });
    await expectRefused(grant(group.id, (await eligibleMember()).memberId), 409, 'GROUP_ADMIN_TAKEN');
    await expectRefused(grant(group.id, eligible.memberId), 409, 'GROUP_ADMIN_TAKEN');

    expect(await privileges(eligible)).toContainEqual({ name: 'group_admin', grantedAt: granted.body.grantedAt, expiresAt: null, group: { id: group.id, name: group.name, scope: 'moderation' } });
    expect(await auditOf('group', group.id)).toContainEqual(expect.objectContaining({ action: 'group_admin.granted', actorUserId: community.userId, data: expect.objectContaining({ memberId: eligible.memberId, scope: 'moderation' }) }));
    expect(await checklist(community)).toContainEqual(expect.objectContaining({ kind: 'add_admin', groupId: group.id, memberId: eligible.memberId, instruction: expect.stringContaining('设为群管理员') }));
    expect(await notifications(eligible.client)).toContainEqual(expect.objectContaining({ title: '你已获得群管理员权限' }));
    expect((await community.get('/admin/groups', { kind: 'customer' }).expect(200)).body.items).toContainEqual(expect.objectContaining({ id: group.id, admin: expect.objectContaining({ memberId: eligible.memberId }) }));
  });

  it('are revoked by the manager: audited, both told, the WeChat-side removal on the checklist, which only its manager or HQ ticks off', async () => {
    const group = await customerGroup();
    const holder = await eligibleMember();
    const other = await joinKoc(t, `cm-not-holder-${++n}`);
    await grant(group.id, holder.memberId).expect(201);
    expect((await community.delete(`/admin/groups/${group.id}/admins/${other.memberId}`).expect(404)).body.error.code).toBe('GROUP_ADMIN_NOT_FOUND');
    const revoked = await community.delete(`/admin/groups/${group.id}/admins/${holder.memberId}?reason=${encodeURIComponent('长期不活跃')}`).expect(200);
    expect(revoked.body).toMatchObject({ revokeCause: 'manual', revokeReason: '长期不活跃', revokedAt: t.clock.now().toISOString() });
    expect((await community.delete(`/admin/groups/${group.id}/admins/${holder.memberId}`).expect(404)).body.error.code).toBe('GROUP_ADMIN_NOT_FOUND');
    expect((await privileges(holder)).map((p) => p.name)).not.toContain('group_admin');
    expect(await auditOf('group', group.id)).toContainEqual(expect.objectContaining({ action: 'group_admin.revoked', actorUserId: community.userId, reason: '长期不活跃', data: expect.objectContaining({ cause: 'manual' }) }));
    expect(await notifications(holder.client)).toContainEqual(expect.objectContaining({ title: '群管理员权限已收回', body: expect.stringContaining('长期不活跃') }));
    expect(await notifications(community)).toContainEqual(expect.objectContaining({ title: '请在微信中撤销群管理员', data: expect.objectContaining({ groupId: group.id, cause: 'manual' }) }));
    const removal = (await checklist(community)).find((item) => item.kind === 'remove_admin' && item.groupId === group.id)!;
    expect(removal).toBeDefined();
    const history = await community.get(`/admin/groups/${group.id}/admins`).expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ memberId: holder.memberId, revokeCause: 'manual' })]);

    const otherManager = await staff(t, `cm-other-manager-${n}`, 'community_manager');
    expect((await otherManager.post(`/admin/groups/wechat-checklist/${removal.id}/done`).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await admin.get('/admin/groups/wechat-checklist').expect(200)).body.items).toContainEqual(expect.objectContaining({ id: removal.id }));
    expect((await community.post(`/admin/groups/wechat-checklist/${removal.id}/done`).expect(200)).body.doneAt).toBe(t.clock.now().toISOString());
    expect((await checklist(community)).map((item) => item.id)).not.toContain(removal.id);
    expect((await checklist(community, 'done')).map((item) => item.id)).toContain(removal.id);
    expect((await community.post('/admin/groups/wechat-checklist/999999/done').expect(404)).body.error.code).toBe('CHECKLIST_ITEM_NOT_FOUND');
  });

  /** A right that was granted, then taken away by `cause`: the audit, both notices and the checklist show it. */
  async function expectAutoRevoked(group: { id: number }, holder: Joined, cause: string) {
    const history = (await community.get(`/admin/groups/${group.id}/admins`).expect(200)).body.items;
    expect(history[0]).toMatchObject({ memberId: holder.memberId, revokeCause: cause, revokedAt: expect.any(String) });
    expect((await community.get('/admin/groups', { kind: 'customer' }).expect(200)).body.items).toContainEqual(expect.objectContaining({ id: group.id, admin: null }));
    expect(await auditOf('group', group.id)).toContainEqual(expect.objectContaining({ action: 'group_admin.revoked', data: expect.objectContaining({ memberId: holder.memberId, cause }) }));
    expect(await notifications(holder.client)).toContainEqual(expect.objectContaining({ title: '群管理员权限已收回', data: expect.objectContaining({ groupId: group.id, cause }) }));
    expect(await notifications(community)).toContainEqual(expect.objectContaining({ title: '请在微信中撤销群管理员', data: expect.objectContaining({ groupId: group.id, cause }) }));
    expect(await checklist(community)).toContainEqual(expect.objectContaining({ kind: 'remove_admin', groupId: group.id, memberId: holder.memberId }));
  }

  it('go automatically when the member is removed', async () => {
    const group = await customerGroup();
    const holder = await eligibleMember();
    await grant(group.id, holder.memberId).expect(201);
    await admin.post(`/admin/members/${holder.memberId}/remove`, { reason: '连续未达标' }).expect(200);
    await expectAutoRevoked(group, holder, 'removal');
  });

  it('go automatically on a confirmed violation', async () => {
    const group = await customerGroup();
    const holder = await eligibleMember();
    await grant(group.id, holder.memberId).expect(201);
    const reporter = await t.signIn(`cm-reporter-${++n}`);
    const report = await reporter.post('/reports', { memberCode: holder.referralCode, reason: 'other_brand_goods' }).expect(201);
    await community.post(`/admin/reports/${report.body.id}/confirm`, { note: '群内售卖竞品' }).expect(200);
    await expectAutoRevoked(group, holder, 'violation');
  });

  it('go automatically when they expire, through the group-admins.expire job', async () => {
    const group = await customerGroup();
    const holder = await eligibleMember();
    const expiresAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expect((await grant(group.id, holder.memberId, { expiresAt }).expect(201)).body.expiresAt).toBe(expiresAt);
    expect(await t.runJob('group-admins.expire')).toEqual({ expired: 0 });
    t.clock.advanceDays(2);
    expect(await t.runJob('group-admins.expire')).toEqual({ expired: 1 });
    expect(await t.runJob('group-admins.expire')).toEqual({ expired: 0 });
    await expectAutoRevoked(group, holder, 'expiry');
  });

  it('go automatically on a demotion below the level the grant requires, and stay when the new level still meets it', async () => {
    const strict = await customerGroup();
    const lenient = await customerGroup();
    const demoted = await eligibleMember();
    const alsoDemoted = await eligibleMember();
    await grant(strict.id, demoted.memberId).expect(201);
    await grant(lenient.id, alsoDemoted.memberId, { requiredLevel: 2 }).expect(201);
    await admin.patch('/admin/settings', { levels: { reevaluation: true } }).expect(200);
    try {
      t.clock.advanceDays(40);
      await t.runJob('levels.reevaluate');
      await dispatch(t);
    } finally {
      await admin.patch('/admin/settings', { levels: { reevaluation: false } }).expect(200);
    }
    expect(await level(demoted)).toBe(2);
    expect(await level(alsoDemoted)).toBe(2);
    await expectAutoRevoked(strict, demoted, 'demotion');
    expect((await community.get(`/admin/groups/${lenient.id}/admins`).expect(200)).body.items[0]).toMatchObject({ memberId: alsoDemoted.memberId, revokedAt: null });
    expect((await privileges(alsoDemoted)).map((p) => p.name)).toContain('group_admin');
  });
});

describe('an order through a managed customer group', () => {
  async function payOrder(buyer: UserClient, groupCode?: string) {
    const created = await buyer.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 1 }], groupCode }).expect(201);
    expect((await t.pay.payOrder(created.body.order.outTradeNo)).status).toBe(200);
    await dispatch(t);
    return created.body.order as { id: number };
  }
  const commissionOf = (who: Joined, saleId: number) => who.client.get(`/me/commissions/${saleId}`);

  it('credits the group’s admin as seller of record while they hold the right, the buyer’s binding otherwise', async () => {
    const group = await customerGroup();
    const holder = await eligibleMember();
    const bound = await joinKoc(t, `cm-bound-${++n}`);
    const buyer = await t.signIn(`cm-buyer-${n}`, '群友');
    await buyer.post('/bindings', { referralCode: bound.referralCode }).expect(200);
    await grant(group.id, holder.memberId).expect(201);

    const throughGroup = await payOrder(buyer, group.joinCode);
    const mine = await commissionOf(holder, throughGroup.id).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ tier: 1, amountFen: expect.any(Number), explanation: expect.objectContaining({ sellerMemberId: holder.memberId }) })]);
    expect(mine.body.items[0].amountFen).toBeGreaterThan(0);
    expect((await commissionOf(bound, throughGroup.id).expect(404)).body.error.code).toBe('COMMISSION_NOT_FOUND');
    const [sale] = await queryRows<{ group_id: string; attribution: { policy: string } }>(t.database.db, sql`SELECT group_id::text, attribution FROM sales WHERE id = ${throughGroup.id}`);
    expect(sale).toEqual({ group_id: String(group.id), attribution: { policy: 'online_group', sellers: [{ memberId: holder.memberId, shareBp: 10_000 }] } });

    const direct = await payOrder(buyer);
    expect((await commissionOf(bound, direct.id).expect(200)).body.items[0]).toMatchObject({ tier: 1 });

    await community.delete(`/admin/groups/${group.id}/admins/${holder.memberId}`).expect(200);
    const afterRevoke = await payOrder(buyer, group.joinCode);
    expect((await commissionOf(bound, afterRevoke.id).expect(200)).body.items[0]).toMatchObject({ tier: 1 });
    expect((await commissionOf(holder, afterRevoke.id).expect(404)).body.error.code).toBe('COMMISSION_NOT_FOUND');

    expect((await buyer.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 1 }], groupCode: 'gNOPE1234' }).expect(404)).body.error.code).toBe('GROUP_NOT_FOUND');
  });

  it('binds a customer who joins through the group’s code to the admin holding it', async () => {
    const group = await customerGroup();
    const holder = await eligibleMember();
    await grant(group.id, holder.memberId).expect(201);
    const customer = await t.signIn(`cm-customer-${++n}`);
    expect((await customer.post('/groups/join', { code: group.joinCode }).expect(200)).body.binding).toEqual({ outcome: 'bound', memberId: holder.memberId, code: null });
    const nobody = await customerGroup();
    expect((await customer.post('/groups/join', { code: nobody.joinCode }).expect(200)).body.binding).toEqual({ outcome: 'none', memberId: null, code: null });
  });
});

describe('authorization by role and scope', () => {
  it('keeps managers’ routes from members and store managers, and members to their own groups', async () => {
    const { storeId } = await createStore(t, `cm-scope-store-${++n}`);
    const manager = await storeManager(t, `cm-scope-manager-${n}`, storeId);
    const member = await joinKoc(t, `cm-scope-member-${n}`);
    const user = await t.signIn(`cm-scope-user-${n}`);
    for (const caller of [manager, member.client, user]) {
      expect((await caller.get('/admin/groups/wechat-checklist').expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await caller.post('/admin/training-groups', { brand: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await caller.post('/admin/groups', { name: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    }
    expect((await user.post('/groups', { name: 'x', kind: 'own' }).expect(403)).body.error.code).toBe('NOT_A_MEMBER');
    expect((await admin.get('/admin/training-groups').expect(200)).body.items.length).toBeGreaterThan(0);
    const removed = await joinKoc(t, `cm-scope-removed-${n}`);
    await admin.post(`/admin/members/${removed.memberId}/remove`, { reason: 'left' }).expect(200);
    expect((await removed.client.post('/groups', { name: 'x', kind: 'own' }).expect(409)).body.error.code).toBe('MEMBER_NOT_ACTIVE');
  });
});
