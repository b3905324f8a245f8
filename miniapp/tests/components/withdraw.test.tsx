import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import WithdrawPage from '../../src/packages/earnings/withdraw/index';
import { strings } from '../../src/strings';
import { fail, hangAll, ok, serveApi, serverError, signedIn, type Call, type Handler, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

const base: Record<string, Route> = {
  'GET /me/balances': { body: fixtures.balances },
  'GET /me/withdrawals': { body: fixtures.page([]) },
};

/** GET /me/withdrawals/quote as the server answers it: a 1% fee, two withdrawals and ¥190.00 left today. */
function quoteOf(amountFen: number, overrides: Record<string, unknown> = {}) {
  const feeFen = Math.floor(amountFen / 100);
  return {
    amountFen,
    feeFen,
    netFen: amountFen - feeFen,
    availableFen: fixtures.balances.available,
    minFen: 100,
    maxNetFen: 199999,
    dailyCountLeft: 2,
    dailyAmountLeftFen: 19000,
    needsReview: false,
    refusal: null,
    ...overrides,
  };
}

const quoting = (overrides: Record<string, unknown> = {}): Handler => ({ query }) => ok(quoteOf(Number(query.get('amountFen')), overrides));

const quoteCalls = (calls: Call[]) => calls.filter((call) => call.path === '/me/withdrawals/quote');
const submitButton = () => screen.getByText(strings.withdraw.submit).closest('button') as HTMLButtonElement;

function typeAmount(text: string) {
  fireEvent.change(screen.getByPlaceholderText(strings.withdraw.amountPlaceholder), { target: { value: text } });
}

describe('withdraw page', () => {
  beforeEach(() => signedIn());
  afterEach(() => {
    delete (globalThis as { wx?: unknown }).wx;
  });

  test('loading', async () => {
    hangAll();
    render(<WithdrawPage />);
    // findBy lets the empty amount's settled (null) quote land inside act.
    expect(await screen.findByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ ...base, 'GET /me/balances': serverError() });
    render(<WithdrawPage />);
    expect(await screen.findByTestId('state-error')).toBeInTheDocument();
  });

  test('nothing available: no form, the rules and an empty history', async () => {
    serveApi({ ...base, 'GET /me/balances': { body: fixtures.zeroBalances } });
    render(<WithdrawPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.withdraw.nothingToWithdraw);
    expect(screen.queryByText(strings.withdraw.submit)).toBeNull();
    expect(screen.getByTestId('withdraw-history')).toHaveTextContent(strings.withdraw.historyEmpty);
  });

  test('typing an amount shows its fee, what reaches WeChat change and the limits left today, asked once typing pauses', async () => {
    const calls = serveApi({ ...base, 'GET /me/withdrawals/quote': quoting() });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('1');
    typeAmount('10');
    typeAmount('100');
    expect(screen.getByTestId('withdraw-form')).toHaveTextContent(strings.withdraw.quote.settling);
    expect(submitButton()).toBeDisabled();

    const quote = await screen.findByTestId('withdraw-quote');
    expect(quote).toHaveTextContent(`${strings.withdraw.result.fee}¥1.00`);
    expect(quote).toHaveTextContent(`${strings.withdraw.quote.net}¥99.00`);
    expect(quote).toHaveTextContent(strings.withdraw.quote.todayLeft(2, '190.00'));
    expect(quote).toHaveTextContent(strings.withdraw.quote.single('1.00', '1999.99'));
    expect(screen.queryByTestId('withdraw-review')).toBeNull();
    expect(screen.queryByTestId('withdraw-problem')).toBeNull();
    expect(submitButton()).toBeEnabled();
    expect(quoteCalls(calls).map((call) => call.query.get('amountFen'))).toEqual(['10000']);
  });

  test('an amount the client can refuse alone is explained and never quoted', async () => {
    const calls = serveApi({ ...base, 'GET /me/withdrawals/quote': quoting() });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('1.234');
    expect(await screen.findByTestId('withdraw-problem')).toHaveTextContent(strings.withdraw.amountInvalid);
    expect(submitButton()).toBeDisabled();
    typeAmount('1000');
    await waitFor(() => expect(screen.getByTestId('withdraw-problem')).toHaveTextContent(strings.withdraw.amountOverAvailable));
    expect(submitButton()).toBeDisabled();
    expect(quoteCalls(calls)).toHaveLength(0);
    expect(screen.queryByTestId('withdraw-quote')).toBeNull();
  });

  test.each([
    ['WITHDRAWAL_BELOW_MINIMUM', { minFen: 100 }, '单笔最低提现 ¥1.00'],
    ['WITHDRAWAL_ABOVE_MAXIMUM', { maxNetFen: 199999 }, '单笔最多到账 ¥1999.99'],
    ['WITHDRAWAL_LIMIT_REACHED', { limit: 'count', dailyCountMax: 3 }, '每天最多提现 3 次'],
    ['WITHDRAWAL_LIMIT_REACHED', { limit: 'amount', dailyAmountMaxFen: 2000000, leftTodayFen: 5000 }, '今天还可提现 ¥50.00'],
    ['MEMBER_NOT_ACTIVE', {}, strings.errors.memberNotActive],
  ])('a quote refused with %s explains the limit and cannot be confirmed', async (code, data, text) => {
    const calls = serveApi({ ...base, 'GET /me/withdrawals/quote': quoting({ refusal: { code, message: code.toLowerCase(), data } }) });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('5');
    expect(await screen.findByTestId('withdraw-problem')).toHaveTextContent(text);
    expect(screen.getByTestId('withdraw-quote')).toHaveTextContent(`${strings.withdraw.quote.net}¥4.95`);
    expect(submitButton()).toBeDisabled();
    fireEvent.click(submitButton());
    expect(Taro.showModal).not.toHaveBeenCalled();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  test('an amount above the review threshold says HQ approves it first, on the page and in the modal', async () => {
    serveApi({ ...base, 'GET /me/withdrawals/quote': quoting({ needsReview: true }), 'POST /me/withdrawals': { status: 201, body: { ...fixtures.withdrawal, status: 'review', requestMerchantTransfer: null } } });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('600');
    expect(await screen.findByTestId('withdraw-review')).toHaveTextContent(strings.withdraw.quote.review);
    fireEvent.click(submitButton());
    expect(await screen.findByTestId('withdraw-result')).toHaveTextContent(strings.withdraw.status.review);
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: strings.withdraw.confirmBody('600.00', '6.00', '594.00') + strings.withdraw.quote.review }),
    );
  });

  test('a quote that fails is explained and asked again on retry', async () => {
    let answered = 0;
    const answer = quoting();
    const calls = serveApi({ ...base, 'GET /me/withdrawals/quote': (request) => (answered++ === 0 ? serverError() : answer(request)) });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('100');
    expect(await screen.findByTestId('withdraw-problem')).toHaveTextContent(strings.errors.server);
    expect(submitButton()).toBeDisabled();
    fireEvent.click(screen.getByText(strings.common.retry));
    expect(await screen.findByTestId('withdraw-quote')).toHaveTextContent(`${strings.withdraw.quote.net}¥99.00`);
    expect(submitButton()).toBeEnabled();
    expect(quoteCalls(calls)).toHaveLength(2);
  });

  test('cancelling the modal sends nothing', async () => {
    const calls = serveApi({ ...base, 'GET /me/withdrawals/quote': quoting() });
    (Taro.showModal as jest.Mock).mockResolvedValue({ confirm: false, cancel: true });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('100');
    await waitFor(() => expect(submitButton()).toBeEnabled());
    fireEvent.click(submitButton());
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    expect(screen.queryByTestId('withdraw-result')).toBeNull();
  });

  test.each([
    ['WITHDRAWAL_LIMIT_REACHED', 422, { limit: 'count', dailyCountMax: 3 }, '每天最多提现 3 次'],
    ['WECHATPAY_UNAVAILABLE', 502, {}, strings.errors.wechatpayUnavailable],
  ])('a withdrawal refused after a clean quote (%s) is explained the same way', async (code, status, data, text) => {
    serveApi({ ...base, 'GET /me/withdrawals/quote': quoting(), 'POST /me/withdrawals': fail(status, code, data) });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('5');
    await waitFor(() => expect(submitButton()).toBeEnabled());
    fireEvent.click(submitButton());
    expect(await screen.findByTestId('withdraw-problem')).toHaveTextContent(text);
  });

  test('confirming repeats amount, fee and payout, sends the amount, then WeChat confirmation moves it on', async () => {
    let confirmed = false;
    const calls = serveApi({
      ...base,
      'GET /me/withdrawals/quote': quoting(),
      'POST /me/withdrawals': { status: 201, body: fixtures.withdrawal },
      'GET /me/withdrawals/3': () => ({ status: 200, body: { ...fixtures.withdrawal, status: confirmed ? 'processing' : 'wait_user_confirm', requestMerchantTransfer: confirmed ? null : fixtures.withdrawal.requestMerchantTransfer } }),
    });
    const requestMerchantTransfer = jest.fn((options: { success: () => void }) => {
      confirmed = true;
      options.success();
    });
    (globalThis as { wx?: unknown }).wx = { requestMerchantTransfer };

    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('100');
    await waitFor(() => expect(submitButton()).toBeEnabled());
    fireEvent.click(submitButton());
    const result = await screen.findByTestId('withdraw-result');
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: strings.withdraw.confirmTitle, content: '提现 ¥100.00，手续费 ¥1.00，到账微信零钱 ¥99.00。' }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ amountFen: 10000 });
    expect(result).toHaveTextContent('¥100.00');
    expect(result).toHaveTextContent(`${strings.withdraw.result.fee}¥1.00`);
    expect(result).toHaveTextContent(`${strings.withdraw.result.net}¥99.00`);
    expect(result).toHaveTextContent(strings.withdraw.status.wait_user_confirm);
    expect(screen.getByPlaceholderText(strings.withdraw.amountPlaceholder)).toHaveValue('');

    fireEvent.click(within(result).getByText(strings.withdraw.confirmReceipt));
    await waitFor(() => expect(screen.getByTestId('withdraw-result')).toHaveTextContent(strings.withdraw.status.processing));
    expect(requestMerchantTransfer).toHaveBeenCalledWith(expect.objectContaining({ mchId: '1900000109', appId: 'wx-demo-app', package: 'affffddafdfafddffda==' }));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.withdraw.confirmDone, icon: 'none' });
  });

  test('on H5 there is no wx.requestMerchantTransfer: the member is told to confirm in WeChat', async () => {
    serveApi({ ...base, 'GET /me/withdrawals': { body: fixtures.page([fixtures.withdrawal]) } });
    render(<WithdrawPage />);
    const history = await screen.findByTestId('withdraw-history');
    expect(history).toHaveTextContent(strings.withdraw.status.wait_user_confirm);
    fireEvent.click(within(history).getByText(strings.withdraw.confirmReceipt));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.withdraw.confirmUnavailable, icon: 'none' }));
  });
});
