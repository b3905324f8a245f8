import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { strings } from '../../miniapp/src/strings';
import { startFakeWechatPay, type FakeWechatPay } from '../fakes/wechat-pay';
import { launchChromium, openPhone, Screenshots, see } from '../helpers/browser';
import { dropSchema, testDatabaseUrl, withSearchPath } from '../helpers/database-url';
import { apiExpect, signInDev } from '../helpers/http-api';
import { decodeQr } from '../helpers/qr';
import { freePort, spawnServer, waitUntilReady, type ServerProcess } from '../helpers/server-process';
import { wechatPayEnv } from '../helpers/wechat-pay-env';

/**
 * The member's journey on the H5 build in headless Chromium, against the real server process on a real
 * database with the demo brand: a newcomer joins through demo-koc-1's referral link, a customer becomes the
 * newcomer's through the newcomer's link, a clerk records that customer's sale on the record-a-sale page, the
 * newcomer sees the commission pending, settlement runs, the newcomer withdraws (to the fake WeChat Pay) and
 * sees the badges and the gift the sale earned, and their poster's code leads to the join page. Every page visited is photographed at phone size into SCREENSHOTS (printed at the end).
 */
jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const SCREENSHOTS = join(__dirname, 'screenshots');
/** 2 × 宜兴紫砂壶 at the list price: 1,760.00 yuan; tea ware pays the brand's 10 % at L1 and 3 % at L2. */
const SALE = { sku: 'WARE-ZISHA-200ML', name: '宜兴紫砂壶', quantity: 2 };
/** Nicknames the newcomer and their customer type in on the login page's new-user entry. */
const NEWCOMER = '新朋友小林';
const CUSTOMER = '顾客老周';

let server: ServerProcess;
let fakePay: FakeWechatPay;
let browser: Browser;
let shots: Screenshots;
let schema: string | undefined;
let databaseUrl: string | undefined;
let adminToken: string;

const normalized = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ');
const open = (page: Page, route: string) => page.goto(`${server.baseUrl}/#${route}`);
/** A page expression: the top of the element with this test id is on the screen (DOM types are not in scope here). */
const topInView = (testId: string) =>
  `(() => { const top = document.querySelector('[data-testid="${testId}"]').getBoundingClientRect().top; return top >= 0 && top < innerHeight; })()`;
/** Taro's <Input> is a custom element around a native input; both carry the placeholder, only the input takes text. */
const typeInto = (page: Page, placeholder: string, text: string) => page.locator('input').and(page.getByPlaceholder(placeholder)).fill(text);

/** A phone of its own for each person: sessions live in the page's storage, as in the mini-program. */
const phone = () => openPhone(browser);

/** Signs in on the H5 login page by picking a demo user, as a tester would. */
async function signInOnPicker(page: Page, name: string): Promise<void> {
  await open(page, '/packages/auth/login/index');
  await see(page, strings.login.demoTitle);
  await page.getByText(name, { exact: true }).click();
  await see(page, strings.home.greeting(name));
}

/**
 * Someone new on the demo picker (inside WeChat, wx.login would sign them in silently): the picker's new-user
 * entry, under the nickname they type; login then carries on to where it was going (the page's `next`).
 */
async function signInAsNewUser(page: Page, nickname: string): Promise<void> {
  await see(page, strings.demoNewUser.signIn);
  await typeInto(page, strings.demoNewUser.nicknamePlaceholder, nickname);
  await page.getByText(strings.demoNewUser.signIn, { exact: true }).click();
}

async function runJob(name: string): Promise<Record<string, number>> {
  return (await apiExpect(server.baseUrl, `/admin/jobs/${name}/run`, { method: 'POST', token: adminToken })).result;
}

/** The outbox worker until nothing is left: sale.paid becomes commission, counters, rewards and notifications. */
async function dispatchAll(): Promise<void> {
  while ((await runJob('outbox.dispatch')).done > 0);
}

beforeAll(async () => {
  // `npm run build:h5:if-stale -w miniapp`; webpack's progress bar stays out of the test log unless the build fails.
  execFileSync(process.execPath, [join(ROOT, 'miniapp', 'scripts', 'build-if-stale.js'), 'h5'], { cwd: ROOT, stdio: 'pipe' });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sharecircle-h5-'));
  fakePay = await startFakeWechatPay({ mode: 'publicKey' });
  const env: Record<string, string> = { PORT: String(port), DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, ...wechatPayEnv(fakePay, dataDir, `${baseUrl}/api/v1/payments/wechat/notify`) };
  // The local PostgreSQL in a schema of its own when there is one, else PGlite in DATA_DIR as `npm start` does.
  databaseUrl = await testDatabaseUrl();
  if (databaseUrl) {
    schema = `e2e_h5_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    env.DATABASE_URL = withSearchPath(databaseUrl, schema);
  }
  server = spawnServer(env);
  await waitUntilReady(server);
  browser = await launchChromium();
  shots = new Screenshots(SCREENSHOTS);

  adminToken = (await signInDev(server.baseUrl, 'demo-admin')).accessToken;
  // No clock to move in a server process: commission settles at once instead of after 7 days; and a store
  // sale earns for the member the customer is bound to, so the newcomer earns from their customer's purchase.
  await apiExpect(server.baseUrl, '/admin/settings', { method: 'PATCH', token: adminToken, body: { commission: { freezeDays: 0 }, attribution: { policy: 'binding' } } });
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await fakePay?.close();
  if (databaseUrl && schema) await dropSchema(databaseUrl, schema);
  if (shots) console.log(`H5 screenshots: ${shots.dir}`);
});

describe('the H5 build in Chromium, a member from invitation to withdrawal', () => {
  let newcomer: Page;
  let newcomerCode: string;
  let customer: Page;
  let customerCode: string;

  it('a newcomer opens demo-koc-1’s referral link, signs in and joins as KOC', async () => {
    const inviter = await signInDev(server.baseUrl, 'demo-koc-1');
    const inviterCode = (await apiExpect(server.baseUrl, '/me', { token: inviter.accessToken })).member.referralCode as string;

    newcomer = await phone();
    await open(newcomer, `/packages/auth/join/index?scene=${inviterCode}`);
    await see(newcomer, strings.join.invitedBy(inviterCode));
    await shots.take(newcomer, 'join-invitation');
    await newcomer.getByText(strings.join.loginH5, { exact: true }).click();
    await see(newcomer, strings.login.demoTitle);
    await shots.take(newcomer, 'login-demo-picker');

    await signInAsNewUser(newcomer, NEWCOMER);
    await see(newcomer, strings.join.typeTitle);
    expect(newcomer.url()).toBe(`${server.baseUrl}/#/packages/auth/join/index?scene=${inviterCode}`);
    await see(newcomer, strings.inviter.invites('超***花'));
    await newcomer.getByText(strings.join.type.koc.name, { exact: true }).click();
    await shots.take(newcomer, 'join-form');
    await newcomer.getByText(strings.join.submit, { exact: true }).click();

    await see(newcomer, strings.home.greeting(NEWCOMER));
    await see(newcomer, strings.home.levelName(1, '见习'));
    await shots.take(newcomer, 'home-after-joining');

    await newcomer.getByText(strings.tabs.me, { exact: true }).click();
    await see(newcomer, strings.me.referralCode);
    const me = await normalized(newcomer);
    expect(me).toContain(`${strings.me.memberType} ${strings.member.type.koc}`);
    expect(me).toContain(`${strings.me.upline} 超***花`);
    newcomerCode = /我的邀请码 (\w+)/.exec(me)![1];
    await shots.take(newcomer, 'me');
  });

  it('the inviter sees the newcomer in their team', async () => {
    const inviter = await phone();
    await signInOnPicker(inviter, '超级粉丝阿花');
    await inviter.getByText(strings.tabs.team, { exact: true }).click();
    await see(inviter, '新***林');
    await shots.take(inviter, 'team-of-the-inviter');
    await inviter.context().close();
  });

  it('a customer the newcomer brought buys in the store and the clerk records the sale', async () => {
    // The customer opens the newcomer's shared link, signs in, only wants to buy: bound to the newcomer, they
    // get the customer code to show at the till.
    customer = await phone();
    await open(customer, `/packages/auth/join/index?scene=${newcomerCode}`);
    await customer.getByText(strings.join.loginH5, { exact: true }).click();
    await signInAsNewUser(customer, CUSTOMER);
    await see(customer, strings.inviter.invites('新***林'));
    await customer.getByText(strings.customerPath.action, { exact: true }).click();
    await see(customer, strings.customerPath.boundTitle('新***林'));
    customerCode = (await customer.locator('.customer-code__value').innerText()).trim();
    expect(customerCode).toMatch(/^c\w+$/);
    await shots.take(customer, 'customer-code');

    // From there, the shop: a pick adds to the total; paying needs WeChat, which H5 says instead of ordering.
    await customer.getByText(strings.home.shopAction, { exact: true }).click();
    await see(customer, '武夷山大红袍');
    await customer.getByTestId('qty-TEA-PUER-357G-plus').click();
    await customer.getByTestId('qty-TEA-PUER-357G-plus').click();
    expect(await customer.getByTestId('checkout-bar').innerText()).toMatch(new RegExp(`${strings.shop.total}\\s*¥598\\.00`));
    await shots.take(customer, 'shop');
    await customer.getByText(strings.shop.pay, { exact: true }).click();
    await see(customer, strings.shop.outcome.unavailable);

    const clerk = await phone();
    await signInOnPicker(clerk, '店员小张');
    await open(clerk, '/packages/kos/sale/index');
    await see(clerk, strings.kos.sale.productsTitle);
    await typeInto(clerk, strings.kos.sale.customerPlaceholder, customerCode);
    await typeInto(clerk, strings.kos.sale.searchPlaceholder, '紫砂');
    await see(clerk, SALE.name);
    for (let i = 0; i < SALE.quantity; i += 1) await clerk.getByTestId(`pick-${SALE.sku}-plus`).click();
    await typeInto(clerk, strings.kos.sale.receiptPlaceholder, 'E2E-0001');
    // The preview names who earns what before anything is recorded: the newcomer L1, their inviter L2.
    await see(clerk, strings.kos.sale.previewNote);
    const preview = await normalized(clerk);
    expect(preview).toContain(`${strings.kos.sale.previewTotal} ¥1760.00`);
    expect(preview).toMatch(/直接佣金 · \S+ ¥176\.00/);
    expect(preview).toMatch(/间接佣金 · \S+ ¥52\.80/);
    await shots.take(clerk, 'record-a-sale');

    // The clerk reads the preview at the foot of the page, then submits from the bar.
    await clerk.getByText(strings.kos.sale.previewNote).scrollIntoViewIfNeeded();
    await clerk.getByText(strings.kos.sale.submit, { exact: true }).last().click();
    await see(clerk, strings.kos.sale.confirmBody('E2E-0001', '1760.00'));
    await clerk.getByText(strings.common.confirm, { exact: true }).click();
    // Saved: the form starts afresh and the page scrolls back up to the card of the sale just recorded.
    await see(clerk, strings.kos.sale.recordedTitle);
    await clerk.waitForFunction(topInView('sale-recorded'), undefined, { timeout: 5_000 });
    for (const placeholder of [strings.kos.sale.customerPlaceholder, strings.kos.sale.searchPlaceholder, strings.kos.sale.receiptPlaceholder]) {
      expect(await clerk.locator('input').and(clerk.getByPlaceholder(placeholder)).inputValue()).toBe('');
    }
    expect(await normalized(clerk)).toContain(strings.kos.sale.cartEmpty);
    await shots.take(clerk, 'sale-recorded');
    await clerk.context().close();
    await dispatchAll();
  });

  it('the newcomer sees the commission pending on Home and Earnings', async () => {
    await newcomer.getByText(strings.tabs.home, { exact: true }).click();
    await newcomer.reload();
    await see(newcomer, '¥176.00');
    expect(await normalized(newcomer)).toContain(`${strings.balances.pending} ¥176.00`);
    await shots.take(newcomer, 'home-commission-pending');

    await newcomer.getByText(strings.tabs.earnings, { exact: true }).click();
    await see(newcomer, strings.earnings.commissionsTitle);
    const earnings = await normalized(newcomer);
    expect(earnings).toMatch(/订单 #\d+ · 直接佣金 ¥176\.00 冻结中/);
    expect(earnings).toContain(`${strings.balances.available} ¥0.00`);
    // Withdraw and the ledger line up with the balances above them, edge to edge: [left gap, right gap] in px.
    const insets = (await newcomer.evaluate(`(() => {
      const card = document.querySelector('[data-testid="earnings-balances"]');
      const grid = card.querySelector('[data-testid="balances"]').getBoundingClientRect();
      const buttons = [...card.querySelectorAll('.earnings__action')].map((button) => button.getBoundingClientRect());
      return [buttons[0].left - grid.left, grid.right - buttons[buttons.length - 1].right];
    })()`)) as number[];
    expect(insets.map(Math.round)).toEqual([0, 0]);
    await shots.take(newcomer, 'earnings-pending');

    await newcomer.getByText(strings.earnings.viewDetail).first().click();
    await see(newcomer, '¥1760.00 × 10% = ¥176.00');
    await shots.take(newcomer, 'commission-explained');
  });

  it('settlement makes it available, and the newcomer withdraws 100 yuan to WeChat change', async () => {
    expect((await runJob('commission.settle')).settled).toBe(2); // the newcomer's L1 and demo-koc-1's L2
    await dispatchAll();

    await open(newcomer, '/pages/earnings/index');
    await newcomer.reload();
    await see(newcomer, strings.earnings.status.settled);
    expect(await normalized(newcomer)).toContain(`${strings.balances.available} ¥176.00`);
    await shots.take(newcomer, 'earnings-settled');

    await newcomer.getByText(strings.earnings.withdrawAction, { exact: true }).first().click();
    await see(newcomer, strings.withdraw.availableLabel);
    await typeInto(newcomer, strings.withdraw.amountPlaceholder, '100');
    // The button takes only an amount the server has quoted: wait for the quote, as the member does.
    await newcomer.locator('.withdraw__net', { hasText: '¥100.00' }).waitFor({ state: 'visible', timeout: 15_000 });
    await shots.take(newcomer, 'withdraw-form');
    await newcomer.getByText(strings.withdraw.submit, { exact: true }).click();
    await see(newcomer, strings.withdraw.confirmTitle);
    await shots.take(newcomer, 'withdraw-confirm');
    await newcomer.getByText(strings.common.confirm, { exact: true }).click();

    await see(newcomer, strings.withdraw.result.title);
    const submitted = await normalized(newcomer);
    expect(submitted).toContain(`${strings.withdraw.result.net} ¥100.00`);
    expect(submitted).toContain(`${strings.withdraw.result.status} ${strings.withdraw.status.wait_user_confirm}`);
    // WeChat's "confirm receipt" sheet exists only inside WeChat; H5 says so.
    await newcomer.getByText(strings.withdraw.confirmReceipt, { exact: true }).first().click();
    await see(newcomer, strings.withdraw.confirmUnavailable);
    await shots.take(newcomer, 'withdraw-submitted');

    // The member confirms in WeChat: WeChat Pay finishes the transfer and notifies the server.
    const [bill] = [...fakePay.transferBills.values()];
    expect((await fakePay.finishTransfer(bill.outBillNo, 'SUCCESS')).status).toBe(200);
    await newcomer.reload();
    await see(newcomer, strings.withdraw.status.succeeded);
    expect(await normalized(newcomer)).toContain(`${strings.withdraw.availableLabel} ¥76.00`);
    await shots.take(newcomer, 'withdraw-paid');
  });

  it('the newcomer sees the badges and the level the sale earned', async () => {
    await open(newcomer, '/pages/home/index');
    await newcomer.reload();
    await see(newcomer, '千元俱乐部');
    const home = await normalized(newcomer);
    expect(home).toContain('白银达人');
    expect(home).toContain(strings.home.levelName(2, '白银'));
    await shots.take(newcomer, 'home-badges');

    await newcomer.getByText(strings.compete.home.allBadges).click();
    await see(newcomer, strings.growth.badges.count(2));
    expect(await normalized(newcomer)).toContain('千元俱乐部');
    await shots.take(newcomer, 'badge-wall');

    // The first sale also earned the playbook's gift, which waits for the member's address.
    await open(newcomer, '/pages/me/index');
    await newcomer.getByText(strings.growth.links.rewards, { exact: true }).click();
    await see(newcomer, '首单定制茶礼');
    expect(await normalized(newcomer)).toContain(strings.growth.rewards.status.awaiting_address);
    await shots.take(newcomer, 'rewards');

    await open(newcomer, '/pages/me/index');
    await newcomer.getByText(strings.growth.links.poster, { exact: true }).click();
    await see(newcomer, strings.growth.poster.save);
    await newcomer.getByText(strings.common.loading).waitFor({ state: 'hidden' });
    expect(await normalized(newcomer)).not.toContain(strings.growth.poster.drawFailed);
    // Scanned, the poster's code opens the join page with the newcomer's own referral code.
    expect(await decodeQr(await newcomer.locator('canvas').screenshot())).toBe(`${server.baseUrl}/#/packages/auth/join/index?scene=${newcomerCode}`);
    await shots.take(newcomer, 'poster');
  });

  it('the customer finds the store purchase in My orders', async () => {
    await open(customer, '/pages/me/index');
    await customer.getByText(strings.shop.entry.orders, { exact: true }).click();
    // The receipt number, not the product's name: the shop page visited before is still in the page stack.
    await see(customer, strings.saleCard.receipt('E2E-0001'));
    expect(await normalized(customer)).toContain(`${SALE.name} 200 毫升 × ${SALE.quantity}`);
    await shots.take(customer, 'my-orders');
    await customer.context().close();
  });
});
