import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import WithdrawPage from '../../src/packages/earnings/withdraw/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

const base: Record<string, Route> = {
  'GET /me/balances': { body: fixtures.balances },
  'GET /me/withdrawals': { body: fixtures.page([]) },
};

function typeAmount(text: string) {
  fireEvent.change(screen.getByPlaceholderText(strings.withdraw.amountPlaceholder), { target: { value: text } });
}

describe('withdraw page', () => {
  beforeEach(() => signedIn());
  afterEach(() => {
    delete (globalThis as { wx?: unknown }).wx;
  });

  test('loading', () => {
    hangAll();
    render(<WithdrawPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
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

  test('checks the amount before asking the server', async () => {
    const calls = serveApi(base);
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('1.234');
    fireEvent.click(screen.getByText(strings.withdraw.submit));
    expect(screen.getByTestId('withdraw-problem')).toHaveTextContent(strings.withdraw.amountInvalid);
    typeAmount('1000');
    fireEvent.click(screen.getByText(strings.withdraw.submit));
    expect(screen.getByTestId('withdraw-problem')).toHaveTextContent(strings.withdraw.amountOverAvailable);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  test.each([
    ['WITHDRAWAL_BELOW_MINIMUM', { minFen: 100 }, '单笔最低提现 ¥1.00'],
    ['WITHDRAWAL_ABOVE_MAXIMUM', { maxNetFen: 199999 }, '单笔最多到账 ¥1999.99'],
    ['WITHDRAWAL_LIMIT_REACHED', { limit: 'count', dailyCountMax: 3 }, '每天最多提现 3 次'],
    ['WITHDRAWAL_LIMIT_REACHED', { limit: 'amount', dailyAmountMaxFen: 2000000, leftTodayFen: 5000 }, '今天还可提现 ¥50.00'],
    ['INSUFFICIENT_BALANCE', { amountFen: 500 }, strings.withdraw.limits.insufficient],
    ['WECHATPAY_UNAVAILABLE', {}, strings.errors.wechatpayUnavailable],
  ])('a refusal with %s explains the limit', async (code, data, text) => {
    serveApi({ ...base, 'POST /me/withdrawals': fail(code === 'WECHATPAY_UNAVAILABLE' ? 502 : 422, code, data) });
    render(<WithdrawPage />);
    await screen.findByTestId('withdraw-form');
    typeAmount('5');
    fireEvent.click(screen.getByText(strings.withdraw.submit));
    expect(await screen.findByTestId('withdraw-problem')).toHaveTextContent(text);
  });

  test('after confirming, shows the fee and net the server answered, then WeChat confirmation', async () => {
    let confirmed = false;
    const calls = serveApi({
      ...base,
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
    fireEvent.click(screen.getByText(strings.withdraw.submit));
    const result = await screen.findByTestId('withdraw-result');
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: strings.withdraw.confirmBody('100.00') }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ amountFen: 10000 });
    expect(result).toHaveTextContent('¥100.00');
    expect(result).toHaveTextContent(`${strings.withdraw.result.fee}¥1.00`);
    expect(result).toHaveTextContent(`${strings.withdraw.result.net}¥99.00`);
    expect(result).toHaveTextContent(strings.withdraw.status.wait_user_confirm);

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
