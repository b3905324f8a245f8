import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/database';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { approvedKos, createStore, joinKoc, staff, storeManager, type Joined } from '../factories/people';
import { dispatch } from '../factories/sales';

let t: TestApp;
let admin: UserClient;
let regionA: number;
let storeA: number;
let regionB: number;
let storeB: number;
let managerA: UserClient;
let managerB: UserClient;
/** Clerks of store A (a1, a2) and of store B (b1), who joined before November so November assesses them. */
let a1: Joined;
let a2: Joined;
let b1: Joined;

const inDays = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.admin();
  t.clock.set('2026-10-20T02:00:00.000Z');
  ({ storeId: storeA, regionId: regionA } = await createStore(t, 'tasks-store-a'));
  ({ storeId: storeB, regionId: regionB } = await createStore(t, 'tasks-store-b'));
  managerA = await storeManager(t, 'tasks-manager-a', storeA);
  managerB = await storeManager(t, 'tasks-manager-b', storeB);
  a1 = await approvedKos(t, 'tasks-a1', storeA);
  a2 = await approvedKos(t, 'tasks-a2', storeA);
  b1 = await approvedKos(t, 'tasks-b1', storeB);
  await admin
    .post('/admin/assessment-policies', { name: 'KOS 内容考核', cohort: { types: ['kos'] }, period: 'month', metrics: [{ metric: 'tasks_completed', threshold: 2 }], ladder: ['warn', 'probation', 'remove'] })
    .expect(201);
  t.clock.set('2026-11-05T02:00:00.000Z');
});
afterAll(() => t.close());

let posts = 0;
const post = () => `https://www.xiaohongshu.com/explore/${process.pid}-${++posts}`;
const myTasks = async (who: Joined) => (await who.client.get('/me/tasks').expect(200)).body.items as { id: number; progress: Record<string, number>; done: boolean; audience: Record<string, unknown> }[];
const createTask = async (by: UserClient, extra: Record<string, unknown> = {}) =>
  (await by.post('/admin/tasks', { topic: '秋季新茶开箱', hashtag: '明前龙井', platform: 'xiaohongshu', dueAt: inDays(7), target: 2, ...extra }).expect(201)).body as { id: number; audience: Record<string, unknown> };
const submit = (who: Joined, taskId: number, url = post()) =>
  who.client.post(`/me/tasks/${taskId}/submissions`, { url, note: '开箱笔记', metrics: { views: 1200, likes: 88, comments: 12, leads: 3 } });

describe('the task cycle', () => {
  it('from HQ’s task to approved posts counting in the KOS’ assessment and on the task leaderboard', async () => {
    const task = await createTask(admin, { audience: { regionId: regionA } });
    expect(task).toMatchObject({ hashtag: '#明前龙井', platform: 'xiaohongshu', target: 2, audience: { regionId: regionA, storeId: null, tiers: null } });
    const competition = (await admin.post('/admin/competitions', { name: '十一月内容之星', metric: 'tasks', cohort: { types: ['kos'] } }).expect(201)).body;

    expect((await myTasks(a1)).find((item) => item.id === task.id)).toMatchObject({ progress: { approved: 0, pending: 0, rejected: 0 }, done: false });
    expect((await myTasks(b1)).map((item) => item.id)).not.toContain(task.id);
    expect((await submit(b1, task.id).expect(404)).body.error.code).toBe('TASK_NOT_FOUND');
    const koc = await joinKoc(t, 'tasks-koc');
    expect(await myTasks(koc)).toEqual([]);
    expect((await submit(koc, task.id).expect(403)).body.error.code).toBe('NOT_A_CLERK');

    const first = await submit(a1, task.id, 'https://www.xiaohongshu.com/explore/first').expect(201);
    expect(first.body).toMatchObject({ taskId: task.id, memberId: a1.memberId, status: 'pending', metrics: { views: 1200, likes: 88, comments: 12, leads: 3 } });
    expect((await submit(a1, task.id, 'https://www.xiaohongshu.com/explore/first').expect(409)).body.error.code).toBe('DUPLICATE_SUBMISSION');
    const second = (await submit(a1, task.id).expect(201)).body;
    const third = (await submit(a1, task.id).expect(201)).body;

    const pending = await managerA.get('/admin/task-submissions', { taskId: task.id }).expect(200);
    expect(pending.body.items.map((s: { id: number }) => s.id)).toEqual([third.id, second.id, first.body.id]);
    expect(pending.body.items[0]).toMatchObject({ nickname: '店员tasks-a1', storeId: storeA });
    expect((await managerB.get('/admin/task-submissions', { taskId: task.id }).expect(200)).body.items).toEqual([]);
    expect((await managerB.post(`/admin/task-submissions/${first.body.id}/approve`).expect(403)).body.error.code).toBe('FORBIDDEN');

    expect((await managerA.post(`/admin/task-submissions/${first.body.id}/approve`).expect(200)).body).toMatchObject({ status: 'approved', reviewedBy: managerA.userId });
    expect((await managerA.post(`/admin/task-submissions/${first.body.id}/approve`).expect(409)).body.error.code).toBe('SUBMISSION_ALREADY_REVIEWED');
    expect((await managerA.post(`/admin/task-submissions/${second.id}/reject`, { reason: '未带话题标签' }).expect(200)).body).toMatchObject({ status: 'rejected', reviewReason: '未带话题标签' });
    expect((await myTasks(a1)).find((item) => item.id === task.id)).toMatchObject({ progress: { approved: 1, pending: 1, rejected: 1 }, done: false });
    await admin.post(`/admin/task-submissions/${third.id}/approve`).expect(200);
    expect((await myTasks(a1)).find((item) => item.id === task.id)).toMatchObject({ progress: { approved: 2, pending: 0, rejected: 1 }, done: true });

    const inbox = (await a1.client.get('/me/notifications').expect(200)).body.items as { title: string; body: string }[];
    expect(inbox).toContainEqual(expect.objectContaining({ title: '任务提交未通过', body: expect.stringContaining('未带话题标签') }));
    expect(inbox.filter((item) => item.title === '任务提交已通过')).toHaveLength(2);

    await dispatch(t);
    const events = await queryRows<{ payload: Record<string, unknown> }>(t.database.db, sql`SELECT payload FROM outbox_events WHERE type = 'task.completed' AND member_id = ${a1.memberId} ORDER BY id`);
    expect(events.map((e) => e.payload)).toEqual([
      { taskId: task.id, submissionId: first.body.id, platform: 'xiaohongshu' },
      { taskId: task.id, submissionId: third.id, platform: 'xiaohongshu' },
    ]);
    const assessment = await a1.client.get('/me/assessment').expect(200);
    expect(assessment.body.items[0]).toMatchObject({ periodKey: '2026-11', metrics: [{ metric: 'tasks_completed', value: 2, threshold: 2, met: true }], projectedOutcome: 'pass' });
    expect((await a2.client.get('/me/assessment').expect(200)).body.items[0].metrics[0]).toMatchObject({ value: 0, met: false });
    expect((await a1.client.get(`/competitions/${competition.id}/leaderboard`).expect(200)).body.me).toEqual({ rank: 1, value: 2 });

    // Past the due date nothing more is taken.
    t.clock.advanceDays(8);
    expect((await submit(a1, task.id).expect(409)).body.error.code).toBe('TASK_CLOSED');
  });

  it('hands a task with tiers only to KOS whose latest assessment gave them one of those tiers', async () => {
    t.clock.set('2026-12-01T00:00:00+08:00');
    await t.runJob('assessments');
    const latecomer = await approvedKos(t, 'tasks-latecomer', storeA);
    const elite = await createTask(admin, { audience: { tiers: ['S', 'A'] } });
    const everyone = await createTask(admin);
    const sees = async (who: Joined) => (await myTasks(who)).map((item) => item.id);
    expect(await sees(a1)).toEqual(expect.arrayContaining([elite.id, everyone.id]));
    expect(await sees(a2)).toContain(everyone.id);
    expect(await sees(a2)).not.toContain(elite.id);
    expect(await sees(latecomer)).toContain(everyone.id);
    expect(await sees(latecomer)).not.toContain(elite.id);
    expect((await submit(a2, elite.id).expect(404)).body.error.code).toBe('TASK_NOT_FOUND');
  });
});

describe('authorization by role and store', () => {
  it('lets a store manager hand out tasks to their own store only, and review their own store’s posts', async () => {
    const own = await createTask(managerA);
    expect(own.audience).toEqual({ regionId: null, storeId: storeA, tiers: null });
    expect((await managerA.post('/admin/tasks', { topic: 'x', hashtag: 'x', platform: 'douyin', dueAt: inDays(3), target: 1, audience: { storeId: storeB } }).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await managerA.post('/admin/tasks', { topic: 'x', hashtag: 'x', platform: 'douyin', dueAt: inDays(3), target: 1, audience: { regionId: regionB } }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.post('/admin/tasks', { topic: 'x', hashtag: 'x', platform: 'douyin', dueAt: inDays(3), target: 1, audience: { storeId: 999_999 } }).expect(404)).body.error.code).toBe('STORE_NOT_FOUND');
    expect((await admin.post('/admin/tasks', { topic: 'x', hashtag: 'x', platform: 'douyin', dueAt: inDays(3), target: 1, audience: { regionId: 999_999 } }).expect(404)).body.error.code).toBe('REGION_NOT_FOUND');
    expect((await admin.post('/admin/tasks', { topic: 'x', hashtag: 'x', platform: 'douyin', dueAt: inDays(-1), target: 1 }).expect(400)).body.error.details[0].path).toBe('body.dueAt');
    expect((await admin.post('/admin/tasks', { topic: 'x', hashtag: 'two tags', platform: 'weibo', dueAt: inDays(3), target: 0 }).expect(400)).body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.hashtag', 'body.platform', 'body.target']);
    const community = await staff(t, 'tasks-community', 'community_manager');
    for (const caller of [community, a1.client, await t.signIn('tasks-user')]) {
      expect((await caller.post('/admin/tasks', { topic: 'x', hashtag: 'x', platform: 'douyin', dueAt: inDays(3), target: 1 }).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await caller.get('/admin/platform-accounts').expect(403)).body.error.code).toBe('FORBIDDEN');
    }

    expect((await myTasks(a1)).map((item) => item.id)).toContain(own.id);
    expect((await myTasks(b1)).map((item) => item.id)).not.toContain(own.id);
    const listedA = (await managerA.get('/admin/tasks').expect(200)).body.items as { id: number; audience: { storeId: number | null; regionId: number | null } }[];
    expect(listedA.map((task) => task.id)).toContain(own.id);
    expect(listedA.every((task) => (task.audience.storeId ?? storeA) === storeA && (task.audience.regionId ?? regionA) === regionA)).toBe(true);
    expect((await managerB.get('/admin/tasks').expect(200)).body.items.map((task: { id: number }) => task.id)).not.toContain(own.id);
    expect((await managerB.get('/admin/tasks', { storeId: storeA }).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await managerA.get('/admin/task-submissions', { storeId: storeB }).expect(403)).body.error.code).toBe('FORBIDDEN');

    const sent = (await submit(a1, own.id).expect(201)).body;
    expect((await managerB.post(`/admin/task-submissions/${sent.id}/reject`, { reason: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    await managerA.post(`/admin/task-submissions/${sent.id}/reject`, { reason: '画面模糊' }).expect(200);
  });
});

describe('platform accounts', () => {
  it('make HQ’s account matrix by region and store, with accounts quiet for 30 days flagged', async () => {
    const douyin = (await a1.client.post('/me/platform-accounts', { platform: 'douyin', handle: '茶小二', fans: 1_000 }).expect(200)).body;
    const redbook = (await a1.client.post('/me/platform-accounts', { platform: 'xiaohongshu', handle: '茶小二', fans: 500 }).expect(200)).body;
    await b1.client.post('/me/platform-accounts', { platform: 'kuaishou', handle: '店长推荐', fans: 300 }).expect(200);
    expect(douyin).toMatchObject({ platform: 'douyin', fans: 1_000, quiet: false });
    const updated = (await a1.client.post('/me/platform-accounts', { platform: 'douyin', handle: '茶小二', fans: 1_250 }).expect(200)).body;
    expect(updated).toMatchObject({ id: douyin.id, fans: 1_250 });
    const koc = await joinKoc(t, 'tasks-koc-accounts');
    expect((await koc.client.post('/me/platform-accounts', { platform: 'douyin', handle: 'x', fans: 1 }).expect(403)).body.error.code).toBe('NOT_A_CLERK');

    const regionView = (await admin.get('/admin/platform-accounts', { regionId: regionA }).expect(200)).body;
    expect(regionView.items.map((item: { id: number }) => item.id).sort()).toEqual([douyin.id, redbook.id].sort());
    expect(regionView.items[0]).toMatchObject({ memberId: a1.memberId, nickname: '店员tasks-a1', storeId: storeA, regionId: regionA });
    expect(regionView.matrix).toEqual(
      expect.arrayContaining([
        { regionId: regionA, storeId: storeA, platform: 'douyin', accounts: 1, fans: 1_250, quiet: 0 },
        { regionId: regionA, storeId: storeA, platform: 'xiaohongshu', accounts: 1, fans: 500, quiet: 0 },
      ]),
    );
    expect((await admin.get('/admin/platform-accounts').expect(200)).body.items).toHaveLength(3);
    expect((await managerB.get('/admin/platform-accounts').expect(200)).body.items.map((item: { storeId: number }) => item.storeId)).toEqual([storeB]);
    expect((await managerB.get('/admin/platform-accounts', { storeId: storeA }).expect(403)).body.error.code).toBe('FORBIDDEN');

    // A month on, everything is quiet; an approved post on Xiaohongshu wakes that account only.
    t.clock.advanceDays(31);
    const quiet = (await admin.get('/admin/platform-accounts', { storeId: storeA }).expect(200)).body;
    expect(quiet.items.map((item: { quiet: boolean }) => item.quiet)).toEqual([true, true]);
    const task = await createTask(admin, { audience: { storeId: storeA } });
    const sent = (await submit(a1, task.id).expect(201)).body;
    await managerA.post(`/admin/task-submissions/${sent.id}/approve`).expect(200);
    const after = (await admin.get('/admin/platform-accounts', { storeId: storeA }).expect(200)).body;
    expect(Object.fromEntries(after.items.map((item: { platform: string; quiet: boolean }) => [item.platform, item.quiet]))).toEqual({ douyin: true, xiaohongshu: false });
    expect(after.matrix).toContainEqual({ regionId: regionA, storeId: storeA, platform: 'douyin', accounts: 1, fans: 1_250, quiet: 1 });
    expect((await a1.client.get('/me/platform-accounts').expect(200)).body.items).toEqual([
      expect.objectContaining({ platform: 'douyin', quiet: true }),
      expect.objectContaining({ platform: 'xiaohongshu', quiet: false }),
    ]);
  });
});

describe('proof images', () => {
  /** A 1×1 PNG, and the first bytes of a JPEG (its signature is all the server reads). */
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
  /** What wx.uploadFile sends: multipart/form-data with the file in the field `name` (here "file"). */
  const upload = (who: Joined, bytes: Buffer, filename = 'proof.png', field = 'file') =>
    t.http.post('/api/v1/uploads').set('authorization', `Bearer ${who.client.accessToken}`).attach(field, bytes, { filename, contentType: filename.endsWith('.png') ? 'image/png' : 'image/jpeg' });

  let clerk: Joined;
  beforeAll(async () => {
    clerk = await approvedKos(t, 'tasks-images', storeA);
  });

  it('stores a PNG or a JPEG under a random name and serves it publicly', async () => {
    const stored = await upload(clerk, png, '我的截图.png').expect(201);
    expect(stored.body.url).toMatch(new RegExp(`^${t.config.publicBaseUrl}/api/v1/uploads/[0-9a-f]{32}\\.png$`));
    const name = stored.body.url.split('/').pop();
    const served = await t.http.get(`/api/v1/uploads/${name}`).buffer(true).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.body, png)).toBe(0);
    // The type comes from the bytes, not from what the sender called the file.
    expect((await upload(clerk, jpeg, 'photo.png').expect(201)).body.url).toMatch(/\.jpg$/);
  });

  it('refuses anything but an image, a file over 5 MB, another field, and strangers', async () => {
    const text = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect((await upload(clerk, text, 'fake.png').expect(415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const oversized = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 + 1 - png.length)]);
    expect((await upload(clerk, oversized).expect(413)).body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await upload(clerk, png, 'proof.png', 'image').expect(400)).body.error.details[0].path).toBe('body.image');
    const noFile = await t.http.post('/api/v1/uploads').set('authorization', `Bearer ${clerk.client.accessToken}`).field('note', 'x').expect(400);
    expect(noFile.body.error.details[0].path).toBe('body.file');
    expect((await t.http.post('/api/v1/uploads').attach('file', png, 'proof.png').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    const outsider = await t.signIn('tasks-images-outsider');
    const refused = await t.http.post('/api/v1/uploads').set('authorization', `Bearer ${outsider.accessToken}`).attach('file', png, 'proof.png').expect(403);
    expect(refused.body.error.code).toBe('NOT_A_MEMBER');
    // Multipart anywhere else is still not JSON.
    expect((await t.http.post('/api/v1/members/join').set('authorization', `Bearer ${outsider.accessToken}`).attach('file', png, 'proof.png').expect(415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('serves nothing outside the uploads: unknown names are 404 and paths are not names', async () => {
    expect((await t.http.get(`/api/v1/uploads/${'0'.repeat(32)}.png`).expect(404)).body.error.code).toBe('NOT_FOUND');
    for (const path of ['..%2Ftoken-secret', '..%2F..%2Fdata%2Ftoken-secret', 'token-secret']) {
      expect((await t.http.get(`/api/v1/uploads/${path}`).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets a submission carry images instead of a link, and the reviewer sees them', async () => {
    const task = await createTask(admin, { audience: { storeId: storeA } });
    const first = (await upload(clerk, png).expect(201)).body.url as string;
    const second = (await upload(clerk, jpeg, 'b.jpg').expect(201)).body.url as string;
    const sent = await clerk.client.post(`/me/tasks/${task.id}/submissions`, { imageUrls: [first, second], note: '直播截图' }).expect(201);
    expect(sent.body).toMatchObject({ url: null, imageUrls: [first, second], note: '直播截图', status: 'pending' });

    const review = (await managerA.get('/admin/task-submissions', { taskId: task.id }).expect(200)).body.items;
    expect(review).toEqual([expect.objectContaining({ id: sent.body.id, url: null, imageUrls: [first, second], nickname: '店员tasks-images' })]);
    const withLink = await clerk.client.post(`/me/tasks/${task.id}/submissions`, { url: post(), imageUrls: [(await upload(clerk, png).expect(201)).body.url] }).expect(201);
    expect(withLink.body.imageUrls).toHaveLength(1);
    expect((await clerk.client.get('/me/tasks').expect(200)).body.items.find((item: { id: number }) => item.id === task.id).progress.pending).toBe(2);
  });

  it('takes only the submitter’s own unused uploads, at most three, and needs a link or an image', async () => {
    const task = await createTask(admin, { audience: { storeId: storeA } });
    const send = (body: Record<string, unknown>) => clerk.client.post(`/me/tasks/${task.id}/submissions`, body);
    const paths = async (body: Record<string, unknown>) => (await send(body).expect(400)).body.error.details.map((d: { path: string }) => d.path);

    expect(await paths({ note: '没有链接也没有图' })).toEqual(['body.url']);
    expect(await paths({ imageUrls: [] })).toEqual(['body.url']);
    const mine = (await upload(clerk, png).expect(201)).body.url as string;
    const theirs = (await upload(await approvedKos(t, 'tasks-images-other', storeA), png).expect(201)).body.url as string;
    const elsewhere = mine.replace(t.config.publicBaseUrl, 'https://example.com');
    expect(await paths({ imageUrls: ['https://example.com/shot.png'] })).toEqual(['body.imageUrls.0']);
    expect(await paths({ imageUrls: [mine, elsewhere] })).toEqual(['body.imageUrls.1']);
    expect(await paths({ imageUrls: [mine, theirs] })).toEqual(['body.imageUrls.1']);
    expect(await paths({ imageUrls: [mine, mine] })).toEqual(['body.imageUrls']);
    const four = await Promise.all([1, 2, 3, 4].map(async () => (await upload(clerk, png).expect(201)).body.url as string));
    expect(await paths({ imageUrls: four })).toEqual(['body.imageUrls']);

    // Refused submissions took nothing: the image is still free, once.
    await send({ imageUrls: [mine] }).expect(201);
    expect(await paths({ imageUrls: [mine] })).toEqual(['body.imageUrls.0']);
  });

  it('deletes images never attached after a day (uploads.sweep), and keeps proof and younger uploads', async () => {
    const task = await createTask(admin, { audience: { storeId: storeA } });
    const nameOf = (url: string) => url.split('/').pop()!;
    const proof = (await upload(clerk, png).expect(201)).body.url as string;
    await clerk.client.post(`/me/tasks/${task.id}/submissions`, { imageUrls: [proof] }).expect(201);
    const stray = (await upload(clerk, png).expect(201)).body.url as string;
    const started = new Date();
    try {
      t.clock.advanceMs(23 * 3_600_000);
      expect((await t.runJob('uploads.sweep')).deleted).toBe(0);
      await t.http.get(`/api/v1/uploads/${nameOf(stray)}`).expect(200);

      t.clock.advanceMs(2 * 3_600_000);
      expect((await t.runJob('uploads.sweep')).deleted).toBeGreaterThanOrEqual(1);
      expect((await t.http.get(`/api/v1/uploads/${nameOf(stray)}`).expect(404)).body.error.code).toBe('NOT_FOUND');
      await t.http.get(`/api/v1/uploads/${nameOf(proof)}`).expect(200);
      expect((await t.runJob('uploads.sweep')).deleted).toBe(0);
      // Back to when the clerk's access token is valid: the swept image can no longer be proof.
      t.clock.set(started);
      const late = await clerk.client.post(`/me/tasks/${task.id}/submissions`, { imageUrls: [stray] }).expect(400);
      expect(late.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.imageUrls.0']);
    } finally {
      t.clock.set(started);
    }
  });
});

describe('my submissions for a task', () => {
  it('lists my own proof newest first, with what the reviewer decided and why', async () => {
    const clerk = await approvedKos(t, 'tasks-history', storeA);
    const colleague = await approvedKos(t, 'tasks-history-colleague', storeA);
    const task = await createTask(admin, { audience: { storeId: storeA } });
    const first = (await submit(clerk, task.id).expect(201)).body;
    const second = (await submit(clerk, task.id).expect(201)).body;
    const third = (await submit(clerk, task.id).expect(201)).body;
    await submit(colleague, task.id).expect(201);
    await managerA.post(`/admin/task-submissions/${first.id}/approve`).expect(200);
    await managerA.post(`/admin/task-submissions/${second.id}/reject`, { reason: '未带话题标签 #明前龙井' }).expect(200);

    const mine = (await clerk.client.get(`/me/tasks/${task.id}/submissions`).expect(200)).body.items;
    expect(mine.map((s: { id: number; status: string; reviewReason: string | null }) => [s.id, s.status, s.reviewReason])).toEqual([
      [third.id, 'pending', null],
      [second.id, 'rejected', '未带话题标签 #明前龙井'],
      [first.id, 'approved', null],
    ]);
    expect(mine[1]).toMatchObject({ url: second.url, note: '开箱笔记', imageUrls: [], reviewedBy: managerA.userId });
    expect((await colleague.client.get(`/me/tasks/${task.id}/submissions`).expect(200)).body.items).toHaveLength(1);
  });

  it('is empty before any proof, 404 for a task that does not exist, and for members only', async () => {
    const task = await createTask(admin, { audience: { storeId: storeA } });
    const clerk = await approvedKos(t, 'tasks-history-none', storeA);
    expect((await clerk.client.get(`/me/tasks/${task.id}/submissions`).expect(200)).body.items).toEqual([]);
    expect((await clerk.client.get('/me/tasks/999999/submissions').expect(404)).body.error.code).toBe('TASK_NOT_FOUND');
    expect((await (await t.signIn('tasks-history-user')).get(`/me/tasks/${task.id}/submissions`).expect(403)).body.error.code).toBe('NOT_A_MEMBER');
  });
});
