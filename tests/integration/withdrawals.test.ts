import { verifyLedger } from '../../server/src/modules/ledger';
import { outBillNoFor } from '../../server/src/modules/withdrawals';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { joinKoc, type Joined } from '../factories/people';
import { fundAvailable } from '../factories/ledger';
import { deliverNotification } from '../fakes/wechat-pay/notifications';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DEFAULT_RULES = { minFen: 100, feeBp: 0, dailyCountMax: 3, dailyAmountMaxFen: 2_000_000, reviewThresholdFen: 100_000, maxNetFen: 199_999 };
const TRANSFER_BILLS = '/v3/fund-app/mch-transfer/transfer-bills';

beforeEach(async () => {
  // The fake WeChat Pay signs notifications with the wall clock and the server refuses any more
  // than 5 minutes off its own clock, so each scenario starts with the two in step.
  t.clock.set(new Date());
  t.pay.transferBehaviour = { kind: 'waitUserConfirm' };
  await rules(DEFAULT_RULES);
});

afterEach(async () => {
  expect(await verifyLedger(t.database.db)).toMatchObject({ ok: true, unbalancedEntries: [], balanceMismatches: [], ruleViolations: [] });
});

async function rules(withdrawals: Partial<typeof DEFAULT_RULES>) {
  await (await t.admin()).patch('/admin/settings', { withdrawals }).expect(200);
}

let seq = 0;
async function funded(fen: number): Promise<Joined> {
  seq += 1;
  const member = await joinKoc(t, `wd-${seq}`);
  await fundAvailable(t, member.memberId, fen);
  return member;
}

const balances = async (client: UserClient) => (await client.get('/me/balances').expect(200)).body;
const ledgerLines = async (client: UserClient) => (await client.get('/me/ledger', { limit: 100 }).expect(200)).body.items;
const liability = async () => (await (await t.admin()).get('/admin/ledger/liability').expect(200)).body;
const withdrawal = async (client: UserClient, id: number) => (await client.get(`/me/withdrawals/${id}`).expect(200)).body;

/** Everything a replayed notification must leave untouched. */
async function snapshot(member: Joined, id: number) {
  return { balances: await balances(member.client), ledger: await ledgerLines(member.client), liability: await liability(), withdrawal: await withdrawal(member.client, id) };
}

describe('requesting a withdrawal', () => {
  it('refuses less than the minimum with WITHDRAWAL_BELOW_MINIMUM and reserves nothing', async () => {
    const member = await funded(10_000);
    const response = await member.client.post('/me/withdrawals', { amountFen: 99 }).expect(422);
    expect(response.body.error).toMatchObject({ code: 'WITHDRAWAL_BELOW_MINIMUM', minFen: 100 });
    expect(await balances(member.client)).toEqual({ pending: 0, available: 10_000, withdrawing: 0, debt: 0 });
  });

  it('refuses a payout at or above 2,000 yuan (WeChat would want a real name) with WITHDRAWAL_ABOVE_MAXIMUM', async () => {
    const member = await funded(300_000);
    const response = await member.client.post('/me/withdrawals', { amountFen: 200_000 }).expect(422);
    expect(response.body.error).toMatchObject({ code: 'WITHDRAWAL_ABOVE_MAXIMUM', maxNetFen: 199_999 });
    expect(await balances(member.client)).toEqual({ pending: 0, available: 300_000, withdrawing: 0, debt: 0 });
  });

  it('takes the amount from available, shows the fee rounded down, and asks WeChat Pay for the rest', async () => {
    await rules({ feeBp: 150 });
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amount: 1001 }).expect(201);
    // 1001 * 1.5% = 15.015 fen: the fee rounds down, in the member's favour.
    expect(created.body).toMatchObject({ amountFen: 1001, feeFen: 15, netFen: 986, status: 'wait_user_confirm' });
    expect(await balances(member.client)).toEqual({ pending: 0, available: 8999, withdrawing: 986, debt: 0 });
    expect(t.pay.transferBills.get(outBillNoFor(created.body.id))).toMatchObject({ amountFen: 986, remark: '佣金提现' });
  });

  it('answers the wx.requestMerchantTransfer parameters while WeChat waits for the member, to its owner only', async () => {
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 2000 }).expect(201);
    const bill = t.pay.transferBills.get(outBillNoFor(created.body.id))!;
    expect(bill.state).toBe('WAIT_USER_CONFIRM');
    const expected = { mchId: t.pay.keys.mchid, appId: t.pay.keys.appid, package: bill.packageInfo };
    expect(created.body).toMatchObject({ status: 'wait_user_confirm', transferBillNo: bill.transferBillNo, requestMerchantTransfer: expected });
    expect((await withdrawal(member.client, created.body.id)).requestMerchantTransfer).toEqual(expected);
    const listed = await member.client.get('/me/withdrawals').expect(200);
    expect(listed.body.items.map((w: { id: number }) => w.id)).toEqual([created.body.id]);

    const stranger = await joinKoc(t, 'wd-stranger');
    expect((await stranger.client.get(`/me/withdrawals/${created.body.id}`).expect(404)).body.error.code).toBe('WITHDRAWAL_NOT_FOUND');
    expect((await stranger.client.post(`/me/withdrawals/${created.body.id}/cancel`).expect(404)).body.error.code).toBe('WITHDRAWAL_NOT_FOUND');
  });

  it('pages my withdrawals newest first with a cursor', async () => {
    const member = await funded(10_000);
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await member.client.post('/me/withdrawals', { amountFen: 100 }).expect(201)).body.id);
    const first = await member.client.get('/me/withdrawals', { limit: 2 }).expect(200);
    expect(first.body.items.map((w: { id: number }) => w.id)).toEqual([ids[2], ids[1]]);
    const second = await member.client.get('/me/withdrawals', { limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect(second.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
  });

  it('holds the daily count per Beijing day; money that came back does not count', async () => {
    // 23:58 in Beijing: the day ends two minutes later, whatever the machine's own time zone.
    t.clock.set('2026-12-01T15:58:00.000Z');
    await rules({ dailyCountMax: 2 });
    const member = await funded(10_000);
    const first = await member.client.post('/me/withdrawals', { amountFen: 100 }).expect(201);
    await member.client.post('/me/withdrawals', { amountFen: 100 }).expect(201);
    const refused = await member.client.post('/me/withdrawals', { amountFen: 100 }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'WITHDRAWAL_LIMIT_REACHED', limit: 'count', dailyCountMax: 2 });
    await member.client.post(`/me/withdrawals/${first.body.id}/cancel`).expect(200);
    t.clock.set(new Date()); // in step with WeChat for the notification
    await t.pay.finishTransfer(outBillNoFor(first.body.id), 'CANCELLED');
    t.clock.set('2026-12-01T15:59:00.000Z');
    await member.client.post('/me/withdrawals', { amountFen: 100 }).expect(201);
    await member.client.post('/me/withdrawals', { amountFen: 100 }).expect(422);
    t.clock.set('2026-12-01T16:00:00.000Z'); // midnight in Beijing: a new day
    await member.client.post('/me/withdrawals', { amountFen: 100 }).expect(201);
  });

  it('quotes the fee, the payout and today’s limits before the member confirms, and the refusal a request would meet', async () => {
    await rules({ feeBp: 150, dailyAmountMaxFen: 5000 });
    const member = await funded(10_000);
    const quote = async (amountFen: number) => (await member.client.get('/me/withdrawals/quote', { amountFen }).expect(200)).body;
    expect(await quote(1001)).toEqual({
      amountFen: 1001,
      feeFen: 15,
      netFen: 986,
      availableFen: 10_000,
      minFen: 100,
      maxNetFen: 199_999,
      dailyCountLeft: 3,
      dailyAmountLeftFen: 5000,
      needsReview: false,
      refusal: null,
    });
    await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    expect(await quote(2500)).toMatchObject({ dailyCountLeft: 2, dailyAmountLeftFen: 2000, refusal: { code: 'WITHDRAWAL_LIMIT_REACHED', data: { limit: 'amount', leftTodayFen: 2000 } } });
    expect((await quote(99)).refusal).toMatchObject({ code: 'WITHDRAWAL_BELOW_MINIMUM', data: { minFen: 100 } });
    await rules({ dailyAmountMaxFen: 2_000_000 });
    expect((await quote(8000)).refusal).toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    // A quote reserves nothing.
    expect(await balances(member.client)).toEqual({ pending: 0, available: 7000, withdrawing: 2955, debt: 0 });
    expect((await member.client.get('/me/withdrawals/quote', { amountFen: 'lots' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('holds the daily amount', async () => {
    await rules({ dailyAmountMaxFen: 5000 });
    const member = await funded(10_000);
    await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    const refused = await member.client.post('/me/withdrawals', { amountFen: 2500 }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'WITHDRAWAL_LIMIT_REACHED', limit: 'amount', leftTodayFen: 2000 });
    await member.client.post('/me/withdrawals', { amountFen: 2000 }).expect(201);
    expect(await balances(member.client)).toMatchObject({ available: 5000, withdrawing: 5000 });
  });
});

describe('concurrency', () => {
  it('50 concurrent withdrawals against a balance covering 10: exactly 10 succeed, 40 get INSUFFICIENT_BALANCE', async () => {
    await rules({ dailyCountMax: 100 });
    const member = await funded(10 * 1000);
    const replies = await Promise.all(Array.from({ length: 50 }, () => member.client.post('/me/withdrawals', { amountFen: 1000 })));
    const statuses = replies.map((reply) => (reply.status === 201 ? 'ok' : `${reply.status} ${reply.body.error?.code}`));
    expect(statuses.filter((s) => s === 'ok')).toHaveLength(10);
    expect(statuses.filter((s) => s === '409 INSUFFICIENT_BALANCE')).toHaveLength(40);
    expect(await balances(member.client)).toEqual({ pending: 0, available: 0, withdrawing: 10_000, debt: 0 });
    expect((await member.client.get('/me/withdrawals', { limit: 100 }).expect(200)).body.items).toHaveLength(10);
  });

  it('20 concurrent withdrawals with a daily count of 3: exactly 3 succeed', async () => {
    const member = await funded(100_000);
    const replies = await Promise.all(Array.from({ length: 20 }, () => member.client.post('/me/withdrawals', { amountFen: 1000 })));
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(3);
    expect(replies.filter((reply) => reply.body.error?.code === 'WITHDRAWAL_LIMIT_REACHED')).toHaveLength(17);
    expect(await balances(member.client)).toMatchObject({ available: 97_000, withdrawing: 3000 });
  });
});

describe('review above the threshold', () => {
  it('holds the money in withdrawing until HQ approves, then sends it to WeChat Pay', async () => {
    await rules({ reviewThresholdFen: 5000 });
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 5000 }).expect(201);
    expect(created.body).toMatchObject({ status: 'review', requestMerchantTransfer: null });
    expect(t.pay.transferBills.has(outBillNoFor(created.body.id))).toBe(false);
    expect(await balances(member.client)).toMatchObject({ available: 5000, withdrawing: 5000 });

    const admin = await t.admin();
    const queue = await admin.get('/admin/withdrawals', { status: 'review' }).expect(200);
    expect(queue.body.items.map((w: { id: number }) => w.id)).toContain(created.body.id);
    const approved = await admin.post(`/admin/withdrawals/${created.body.id}/approve`).expect(200);
    expect(approved.body).toMatchObject({ status: 'wait_user_confirm', requestMerchantTransfer: { package: expect.any(String) } });
    expect((await admin.post(`/admin/withdrawals/${created.body.id}/approve`).expect(409)).body.error.code).toBe('WITHDRAWAL_NOT_IN_REVIEW');
    expect((await admin.post(`/admin/withdrawals/${created.body.id}/reject`, { reason: 'late' }).expect(409)).body.error.code).toBe('WITHDRAWAL_NOT_IN_REVIEW');
  });

  it('gives the money back, fee included, when HQ rejects', async () => {
    await rules({ reviewThresholdFen: 5000, feeBp: 100 });
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 6000 }).expect(201);
    expect(await balances(member.client)).toMatchObject({ available: 4000, withdrawing: 5940 });
    const admin = await t.admin();
    const rejected = await admin.post(`/admin/withdrawals/${created.body.id}/reject`, { reason: '资料不全' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', failReason: '资料不全' });
    expect(await balances(member.client)).toEqual({ pending: 0, available: 10_000, withdrawing: 0, debt: 0 });
    expect((await admin.post(`/admin/withdrawals/${created.body.id}/reject`, { reason: 'again' }).expect(409)).body.error.code).toBe('WITHDRAWAL_NOT_IN_REVIEW');
    expect((await admin.post('/admin/withdrawals/999999/approve').expect(404)).body.error.code).toBe('WITHDRAWAL_NOT_FOUND');
  });
});

describe('the transfer notification settles the withdrawal', () => {
  it('SUCCESS moves the money from withdrawing into payout clearing', async () => {
    const member = await funded(10_000);
    const before = await liability();
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    expect((await t.pay.finishTransfer(outBillNoFor(created.body.id), 'SUCCESS')).status).toBe(200);
    expect(await withdrawal(member.client, created.body.id)).toMatchObject({ status: 'succeeded', requestMerchantTransfer: null });
    expect(await balances(member.client)).toEqual({ pending: 0, available: 7000, withdrawing: 0, debt: 0 });
    // The brand owes the member 3000 fen less: it left through WeChat Pay.
    expect((await liability()).total).toBe(before.total - 3000);
    const lines = await ledgerLines(member.client);
    expect(lines.filter((line: { refId: number }) => line.refId === created.body.id).map((line: { kind: string; account: string; amountFen: number }) => [line.kind, line.account, line.amountFen])).toEqual([
      ['withdrawal.paid', 'withdrawing', -3000],
      ['withdrawal', 'withdrawing', 3000],
      ['withdrawal', 'available', -3000],
    ]);
  });

  it('FAIL gives the whole amount, fee included, back to available', async () => {
    await rules({ feeBp: 100 });
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    await t.pay.finishTransfer(outBillNoFor(created.body.id), 'FAIL', { failReason: 'PAYEE_ACCOUNT_ABNORMAL' });
    expect(await withdrawal(member.client, created.body.id)).toMatchObject({ status: 'failed', failReason: 'PAYEE_ACCOUNT_ABNORMAL' });
    expect(await balances(member.client)).toEqual({ pending: 0, available: 10_000, withdrawing: 0, debt: 0 });
  });

  it('the member cancels while WeChat waits for confirmation; CANCELLED gives the money back', async () => {
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    const cancelling = await member.client.post(`/me/withdrawals/${created.body.id}/cancel`).expect(200);
    expect(cancelling.body).toMatchObject({ status: 'processing', requestMerchantTransfer: null });
    expect(t.pay.transferBills.get(outBillNoFor(created.body.id))!.state).toBe('CANCELING');
    expect((await member.client.post(`/me/withdrawals/${created.body.id}/cancel`).expect(409)).body.error.code).toBe('STATUS_TRANSITION_INVALID');
    await t.pay.finishTransfer(outBillNoFor(created.body.id), 'CANCELLED');
    expect(await withdrawal(member.client, created.body.id)).toMatchObject({ status: 'cancelled' });
    expect(await balances(member.client)).toEqual({ pending: 0, available: 10_000, withdrawing: 0, debt: 0 });
  });

  it('a transfer WeChat Pay fails at once gives the money back immediately', async () => {
    t.pay.transferBehaviour = { kind: 'failed', failReason: 'OPENID_INVALID' };
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    expect(created.body).toMatchObject({ status: 'failed', failReason: 'OPENID_INVALID' });
    expect(await balances(member.client)).toMatchObject({ available: 10_000, withdrawing: 0 });
  });

  it.each(['SUCCESS', 'FAIL', 'CANCELLED'] as const)('%s delivered three times changes nothing after the first', async (outcome) => {
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    const outBillNo = outBillNoFor(created.body.id);
    if (outcome === 'CANCELLED') await member.client.post(`/me/withdrawals/${created.body.id}/cancel`).expect(200);
    // WeChat's retries: a fresh notification id each time ...
    expect((await t.pay.finishTransfer(outBillNo, outcome)).status).toBe(200);
    const after = await snapshot(member, created.body.id);
    expect(after.withdrawal.status).toBe({ SUCCESS: 'succeeded', FAIL: 'failed', CANCELLED: 'cancelled' }[outcome]);
    expect((await t.pay.finishTransfer(outBillNo, outcome)).status).toBe(200);
    expect((await t.pay.finishTransfer(outBillNo, outcome)).status).toBe(200);
    expect(await snapshot(member, created.body.id)).toEqual(after);
    // ... and the very same bytes again, as a replay.
    const bill = t.pay.transferBills.get(outBillNo)!;
    const same = t.pay.buildNotification('MCHTRANSFER.BILL.FINISHED', {
      out_bill_no: outBillNo,
      transfer_bill_no: bill.transferBillNo,
      state: outcome,
      mch_id: t.pay.keys.mchid,
      transfer_amount: 3000,
      openid: bill.openid,
    });
    for (let i = 0; i < 3; i += 1) expect(await deliverNotification(bill.notifyUrl!, same)).toBe(200);
    expect(await snapshot(member, created.body.id)).toEqual(after);
  });

  it('refuses a forged signature and a 6-minute-old timestamp with nothing posted', async () => {
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    const outBillNo = outBillNoFor(created.body.id);
    const before = await snapshot(member, created.body.id);
    const forged = await t.pay.finishTransfer(outBillNo, 'SUCCESS', { forgeSignature: true });
    expect(forged.status).toBe(401);
    const stale = await t.pay.finishTransfer(outBillNo, 'SUCCESS', { timestampOffsetSec: -360 });
    expect(stale.status).toBe(401);
    expect(await snapshot(member, created.body.id)).toEqual(before);
    // The genuine one still settles it.
    expect((await t.pay.finishTransfer(outBillNo, 'SUCCESS')).status).toBe(200);
    expect(await withdrawal(member.client, created.body.id)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses a notification whose amount is not what we asked WeChat to pay', async () => {
    const member = await funded(10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    const outBillNo = outBillNoFor(created.body.id);
    t.pay.transferBills.get(outBillNo)!.amountFen = 30_000;
    expect((await t.pay.finishTransfer(outBillNo, 'SUCCESS')).status).toBe(422);
    expect(await balances(member.client)).toMatchObject({ available: 7000, withdrawing: 3000 });
    expect(await withdrawal(member.client, created.body.id)).toMatchObject({ status: 'wait_user_confirm' });
  });
});

describe('WeChat Pay outages', () => {
  it('keeps a withdrawal WeChat did not answer in submitting; the submit job sends it again, once', async () => {
    const member = await funded(10_000);
    t.pay.failNext({ method: 'POST', path: TRANSFER_BILLS }, { status: 500, code: 'SYSTEM_ERROR' });
    const created = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    expect(created.body).toMatchObject({ status: 'submitting' });
    expect(await balances(member.client)).toMatchObject({ available: 7000, withdrawing: 3000 });

    expect(await t.runJob('withdrawals.submit')).toEqual({ tried: 1, accepted: 1, failed: 0, stillSubmitting: 0 });
    expect(await withdrawal(member.client, created.body.id)).toMatchObject({ status: 'wait_user_confirm', requestMerchantTransfer: { package: expect.any(String) } });
    expect(await t.runJob('withdrawals.submit')).toEqual({ tried: 0, accepted: 0, failed: 0, stillSubmitting: 0 });
    const sent = t.pay.requests.filter((r) => r.pathname === TRANSFER_BILLS && (r.body as { out_bill_no?: string })?.out_bill_no === outBillNoFor(created.body.id));
    expect(sent.map((r) => r.responseStatus)).toEqual([500, 200]);
  });

  it('retries while the merchant account lacks funds; fails and gives the money back on a definite refusal', async () => {
    const member = await funded(10_000);
    t.pay.transferBehaviour = { kind: 'refused', status: 403, code: 'NOT_ENOUGH', message: '资金不足' };
    const waiting = await member.client.post('/me/withdrawals', { amountFen: 3000 }).expect(201);
    expect(waiting.body.status).toBe('submitting');
    t.pay.transferBehaviour = { kind: 'refused', status: 400, code: 'PARAM_ERROR', message: '参数错误' };
    const refused = await member.client.post('/me/withdrawals', { amountFen: 2000 }).expect(201);
    expect(refused.body).toMatchObject({ status: 'failed', failReason: 'PARAM_ERROR: 参数错误' });
    expect(await balances(member.client)).toMatchObject({ available: 7000, withdrawing: 3000 });
    t.pay.transferBehaviour = { kind: 'waitUserConfirm' };
    expect(await t.runJob('withdrawals.submit')).toMatchObject({ accepted: 1, stillSubmitting: 0 });
    expect(await withdrawal(member.client, waiting.body.id)).toMatchObject({ status: 'wait_user_confirm' });
  });
});
