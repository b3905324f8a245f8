import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { outBillNoFor } from '../../server/src/modules/withdrawals';
import { levelUpContent } from '../../server/src/modules/notifications';
import { NOTIFICATION_PAGE } from '../../server/src/modules/notifications/message-templates';
import { createAccessTokenSource } from '../../server/src/wechat/access-token';
import { messageSends, messageSubscriptions, notifications } from '../../server/src/modules/notifications/notifications.tables';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { approvedKos, createStore, joinKoc, type Joined } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { fundAvailable } from '../factories/ledger';
import { recordSale, settle } from '../factories/sales';

const TEMPLATES = {
  WECHAT_TEMPLATE_COMMISSION_SETTLED: 'tpl-settled',
  WECHAT_TEMPLATE_WITHDRAWAL_PAID: 'tpl-paid',
  WECHAT_TEMPLATE_LEVEL_UP: 'tpl-level',
};

let t: TestApp;
let catalog: TestCatalog;
let storeId: number;

beforeAll(async () => {
  t = await startTestApp(TEMPLATES);
  catalog = await createCatalog(t);
  ({ storeId } = await createStore(t, 'notify-store'));
});
afterAll(() => t.close());

/** Runs the outbox until nothing due is left: a notification is sent by the event its creation publishes. */
async function dispatchAll() {
  for (let round = 0; round < 5; round += 1) {
    const result = await t.runJob('outbox.dispatch');
    if (Number(result.done) + Number(result.failed) === 0) return;
  }
}

/** Every event handled so far handled again, as after a crash between handling and marking done. */
async function replayEvents() {
  await t.database.db.execute(sql`UPDATE outbox_events SET status = 'pending', available_at = created_at WHERE type IN ('commission.settled', 'notification.created', 'withdrawal.paid')`);
  await dispatchAll();
}

let people = 0;
/** A KOC upline and their clerk; the clerk's openid is returned for matching subscribe messages. */
async function clerkWithUpline(): Promise<{ upline: Joined; clerk: Joined; clerkOpenid: string; uplineOpenid: string }> {
  people += 1;
  const uplineOpenid = `notify-upline-${people}`;
  const clerkOpenid = `notify-clerk-${people}`;
  const upline = await joinKoc(t, uplineOpenid);
  const clerk = await approvedKos(t, clerkOpenid, storeId, upline.referralCode);
  return { upline, clerk, clerkOpenid, uplineOpenid };
}

/** A teapot sale by the clerk (L1 8800 fen, upline L2 2640 fen), past its freeze days and settled. */
async function settleASale(clerk: Joined) {
  await recordSale(clerk.client, [{ sku: catalog.skus.teapot.code, quantity: 1, unitPrice: 88_000 }]);
  await dispatchAll();
  t.clock.advanceDays(7);
  await settle(t);
  await dispatchAll();
}

const inbox = async (client: UserClient, query: Record<string, string | number> = {}) => (await client.get('/me/notifications', query).expect(200)).body;
const messagesTo = (openid: string) => t.wechat.sentMessages.filter((message) => message.touser === openid);
const sendsOf = (ids: number[]) => t.database.db.select().from(messageSends).where(inArray(messageSends.notificationId, ids));
const remaining = async (client: UserClient, kind: string) =>
  (await client.get('/me/subscriptions').expect(200)).body.items.find((item: { kind: string }) => item.kind === kind)?.remaining;

describe('a settled commission', () => {
  it('lands in the earner’s inbox exactly once, even when every event is dispatched twice, and sends nothing without a subscription', async () => {
    const { clerk, upline, clerkOpenid } = await clerkWithUpline();
    await settleASale(clerk);
    await replayEvents();

    const mine = await inbox(clerk.client);
    expect(mine).toMatchObject({ unreadCount: 1, nextCursor: null });
    expect(mine.items).toEqual([
      expect.objectContaining({ kind: 'commission_settled', title: '佣金已结算', body: expect.stringContaining('¥88.00'), data: expect.objectContaining({ amountFen: 8_800 }), readAt: null }),
    ]);
    expect((await inbox(upline.client)).items).toEqual([expect.objectContaining({ kind: 'commission_settled', data: expect.objectContaining({ amountFen: 2_640 }) })]);

    expect(messagesTo(clerkOpenid)).toEqual([]);
    expect(await sendsOf([mine.items[0].id])).toEqual([expect.objectContaining({ status: 'skipped_no_subscription', errcode: null })]);
  });

  it('with a subscription, reaches WeChat as one subscribe message with the template, openid and data; the token is fetched once and reused', async () => {
    const { clerk, upline, clerkOpenid, uplineOpenid } = await clerkWithUpline();
    const subscribed = await clerk.client.post('/me/subscriptions', { accepted: ['commission_settled'] }).expect(200);
    expect(subscribed.body.items).toContainEqual({ kind: 'commission_settled', templateId: 'tpl-settled', remaining: 1 });
    await upline.client.post('/me/subscriptions', { accepted: ['commission_settled', 'commission_settled'] }).expect(200);
    expect(await remaining(upline.client, 'commission_settled')).toBe(1);
    const tokensBefore = t.wechat.tokensIssued();

    await settleASale(clerk);
    await replayEvents();

    const [notification] = (await inbox(clerk.client)).items;
    const beijing = new Date(Date.parse(notification.createdAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(messagesTo(clerkOpenid)).toEqual([
      {
        touser: clerkOpenid,
        template_id: 'tpl-settled',
        page: `packages/inbox/index/index?id=${notification.id}`,
        data: { thing1: { value: '佣金已结算' }, amount2: { value: '¥88.00' }, time3: { value: beijing } },
        miniprogram_state: 'formal',
      },
    ]);
    expect(messagesTo(uplineOpenid)).toEqual([expect.objectContaining({ template_id: 'tpl-settled', data: expect.objectContaining({ amount2: { value: '¥26.40' } }) })]);
    expect(t.wechat.tokensIssued() - tokensBefore).toBeLessThanOrEqual(1);
    expect(t.wechat.tokensIssued()).toBe(1);
    expect(await sendsOf([notification.id])).toEqual([expect.objectContaining({ status: 'sent', errcode: null })]);
    expect(await remaining(clerk.client, 'commission_settled')).toBe(0);
  });

  it('43101 from WeChat marks the send skipped and sets the remaining count to 0', async () => {
    const { clerk, clerkOpenid } = await clerkWithUpline();
    await clerk.client.post('/me/subscriptions', { accepted: ['commission_settled'] }).expect(200);
    await clerk.client.post('/me/subscriptions', { accepted: ['commission_settled'] }).expect(200);
    expect(await remaining(clerk.client, 'commission_settled')).toBe(2);
    // The clerk's is the first subscribed send (the upline has no subscription).
    t.wechat.failNextSendWith(43101);

    await settleASale(clerk);

    const [notification] = (await inbox(clerk.client)).items;
    expect(messagesTo(clerkOpenid)).toEqual([]);
    expect(await sendsOf([notification.id])).toEqual([expect.objectContaining({ status: 'skipped_no_subscription', errcode: 43101 })]);
    expect(await remaining(clerk.client, 'commission_settled')).toBe(0);
  });

  it('another refusal (40003 bad openid) is recorded as failed and gives the subscription back', async () => {
    const { clerk } = await clerkWithUpline();
    await clerk.client.post('/me/subscriptions', { accepted: ['commission_settled'] }).expect(200);
    t.wechat.failNextSendWith(40003);

    await settleASale(clerk);

    const [notification] = (await inbox(clerk.client)).items;
    expect(await sendsOf([notification.id])).toEqual([expect.objectContaining({ status: 'failed', errcode: 40003 })]);
    expect(await remaining(clerk.client, 'commission_settled')).toBe(1);
  });

  it('a network failure leaves no trace and the outbox retries: one message in the end', async () => {
    const { clerk, clerkOpenid } = await clerkWithUpline();
    await clerk.client.post('/me/subscriptions', { accepted: ['commission_settled'] }).expect(200);
    t.wechat.dropNextSend();

    await settleASale(clerk);
    const [notification] = (await inbox(clerk.client)).items;
    expect(await sendsOf([notification.id])).toEqual([]);
    expect(await remaining(clerk.client, 'commission_settled')).toBe(1);
    expect(messagesTo(clerkOpenid)).toEqual([]);

    t.clock.advanceMs(61_000); // past the outbox's first backoff
    await dispatchAll();
    expect(messagesTo(clerkOpenid)).toHaveLength(1);
    expect(await sendsOf([notification.id])).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(await remaining(clerk.client, 'commission_settled')).toBe(0);
  });

  it('a token WeChat no longer accepts is fetched again and the message still goes out once', async () => {
    const { clerk, clerkOpenid } = await clerkWithUpline();
    await clerk.client.post('/me/subscriptions', { accepted: ['commission_settled'] }).expect(200);
    const tokensBefore = t.wechat.tokensIssued();
    t.wechat.expireTokens();

    await settleASale(clerk);

    expect(messagesTo(clerkOpenid)).toHaveLength(1);
    expect(t.wechat.tokensIssued()).toBe(tokensBefore + 1);
  });
});

describe('the inbox', () => {
  /** As the reward engine does: notify inside its own transaction. */
  const notify = (userId: number, title: string, dedupeKey?: string) =>
    t.database.db.transaction((tx) => t.services.notifications.notify(tx, { userId, kind: 'generic', title, body: `${title}的内容`, dedupeKey }));

  it('pages newest first, filters unread, marks one or all read, and keeps others’ notifications out of reach', async () => {
    const owner = await t.signIn('inbox-owner');
    const stranger = await t.signIn('inbox-stranger');
    const ids = [await notify(owner.userId, '第一条'), await notify(owner.userId, '第二条'), await notify(owner.userId, '第三条')];
    const strangers = await notify(stranger.userId, '别人的');

    const first = await inbox(owner, { limit: 2 });
    expect(first.items.map((item: { title: string }) => item.title)).toEqual(['第三条', '第二条']);
    expect(first.unreadCount).toBe(3);
    const second = await inbox(owner, { limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ items: [expect.objectContaining({ title: '第一条' })], nextCursor: null });

    const read = await owner.post(`/me/notifications/${ids[1]}/read`).expect(200);
    expect(read.body).toMatchObject({ id: ids[1], readAt: t.clock.now().toISOString() });
    await owner.post(`/me/notifications/${ids[1]}/read`).expect(200);
    const unread = await inbox(owner, { unread: 'true' });
    expect(unread.items.map((item: { id: number }) => item.id)).toEqual([ids[2], ids[0]]);
    expect(unread.unreadCount).toBe(2);

    expect((await owner.post(`/me/notifications/${strangers}/read`).expect(404)).body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await inbox(stranger)).items[0]).toMatchObject({ id: strangers, readAt: null });

    expect((await owner.post('/me/notifications/read-all').expect(200)).body).toEqual({ marked: 2 });
    expect((await owner.post('/me/notifications/read-all').expect(200)).body).toEqual({ marked: 0 });
    expect(await inbox(owner, { unread: 'true' })).toMatchObject({ items: [], unreadCount: 0 });
    expect((await inbox(stranger)).unreadCount).toBe(1);
  });

  it('notifies once per dedupe key, and a kind without a template sends nothing', async () => {
    const user = await t.signIn('inbox-dedupe');
    const id = await notify(user.userId, '只一次', 'test:once');
    expect(await notify(user.userId, '只一次', 'test:once')).toBeNull();
    await dispatchAll();
    expect((await inbox(user)).items).toHaveLength(1);
    expect(await sendsOf([id!])).toEqual([]); // generic: inbox only
  });

  it('level-up content from the reward engine goes out with the level template when subscribed', async () => {
    const member = await joinKoc(t, 'inbox-level');
    await member.client.post('/me/subscriptions', { accepted: ['level_up'] }).expect(200);
    await t.database.db.transaction((tx) =>
      t.services.notifications.notify(tx, { userId: member.client.userId, ...levelUpContent({ level: 3, levelName: '金牌推广官' }), dedupeKey: 'level:test:3' }),
    );
    await dispatchAll();
    expect(messagesTo('inbox-level')).toEqual([
      expect.objectContaining({ template_id: 'tpl-level', data: expect.objectContaining({ thing1: { value: '金牌推广官' } }) }),
    ]);
  });
});

describe('subscriptions', () => {
  it('lists the configured templates to request, refuses kinds without one, and banks at most 100', async () => {
    const user = await t.signIn('subscriber');
    expect((await user.get('/me/subscriptions').expect(200)).body.items).toEqual([
      { kind: 'level_up', templateId: 'tpl-level', remaining: 0 },
      { kind: 'commission_settled', templateId: 'tpl-settled', remaining: 0 },
      { kind: 'withdrawal_paid', templateId: 'tpl-paid', remaining: 0 },
    ]);
    const refused = await user.post('/me/subscriptions', { accepted: ['reward_granted'] }).expect(422);
    expect(refused.body.error.code).toBe('UNPROCESSABLE');
    expect((await user.post('/me/subscriptions', { accepted: ['generic'] }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');

    await user.post('/me/subscriptions', { accepted: ['withdrawal_paid'] }).expect(200);
    await t.database.db.update(messageSubscriptions).set({ remaining: 100 }).where(eq(messageSubscriptions.userId, user.userId));
    await user.post('/me/subscriptions', { accepted: ['withdrawal_paid'] }).expect(200);
    expect(await remaining(user, 'withdrawal_paid')).toBe(100);
  });
});

describe('a paid withdrawal', () => {
  it('notifies its member once, with the withdrawal template when subscribed', async () => {
    // WeChat Pay's fake signs with the wall clock; the server wants its own clock within 5 minutes.
    t.clock.set(new Date());
    const member = await joinKoc(t, 'notify-withdrawer');
    await fundAvailable(t, member.memberId, 10_000);
    await member.client.post('/me/subscriptions', { accepted: ['withdrawal_paid'] }).expect(200);
    const created = await member.client.post('/me/withdrawals', { amountFen: 2_000 }).expect(201);
    expect((await t.pay.finishTransfer(outBillNoFor(created.body.id), 'SUCCESS')).status).toBe(200);
    await dispatchAll();
    await replayEvents();

    const items = (await inbox(member.client)).items;
    expect(items).toEqual([expect.objectContaining({ kind: 'withdrawal_paid', title: '提现已到账', data: { withdrawalId: created.body.id, netFen: 2_000 } })]);
    expect(messagesTo('notify-withdrawer')).toEqual([
      expect.objectContaining({ template_id: 'tpl-paid', data: expect.objectContaining({ amount1: { value: '¥20.00' } }) }),
    ]);
    const rows = await t.database.db.select().from(notifications).where(eq(notifications.userId, member.client.userId));
    expect(rows.map((row) => row.dedupeKey)).toEqual([`withdrawal.paid:${created.body.id}`]);
  });
});

describe('the access token', () => {
  it('is fetched once for concurrent callers and again only near its expiry', async () => {
    let nowMs = 1_000_000;
    const source = createAccessTokenSource({ baseUrl: t.wechat.baseUrl, appId: t.wechat.appId, appSecret: t.wechat.appSecret, timeoutMs: 2000, nowMs: () => nowMs });
    const before = t.wechat.tokensIssued();
    const tokens = await Promise.all([source.get(), source.get(), source.get(), source.get()]);
    expect(new Set(tokens).size).toBe(1);
    expect(t.wechat.tokensIssued()).toBe(before + 1);
    nowMs += (7200 - 5 * 60) * 1000 - 1; // the fake's tokens live 7200 s; refresh 5 minutes early
    expect(await source.get()).toBe(tokens[0]);
    nowMs += 1;
    expect(await source.get()).not.toBe(tokens[0]);
    expect(t.wechat.tokensIssued()).toBe(before + 2);
  });

  it('refuses wrong credentials with WECHAT_UNAVAILABLE', async () => {
    const source = createAccessTokenSource({ baseUrl: t.wechat.baseUrl, appId: t.wechat.appId, appSecret: 'wrong', timeoutMs: 2000 });
    await expect(source.get()).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
  });
});

describe('the page a subscribe message opens', () => {
  it('is a page the mini-program registers (a sub-package root and one of its pages)', () => {
    const config = readFileSync(join(__dirname, '../../miniapp/src/app.config.ts'), 'utf8');
    const registered = [...config.matchAll(/root: '([^']+)', pages: \[([^\]]*)\]/g)].flatMap(([, root, pages]) =>
      [...pages.matchAll(/'([^']+)'/g)].map(([, page]) => `${root}/${page}`),
    );
    expect(registered).toContain(NOTIFICATION_PAGE);
  });
});
