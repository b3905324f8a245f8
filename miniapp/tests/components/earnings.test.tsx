import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import EarningsPage from '../../src/pages/earnings/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

describe('earnings page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<EarningsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('a network failure says so', async () => {
    (Taro.request as jest.Mock).mockImplementation(() => Promise.reject({ errMsg: 'request:fail timeout' }));
    render(<EarningsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.network);
  });

  test('no commissions yet: balances still show, with the how-to-earn note', async () => {
    serveApi({ 'GET /me/balances': { body: fixtures.zeroBalances }, 'GET /me/commissions': { body: fixtures.page([]) } });
    render(<EarningsPage />);
    expect(await screen.findByTestId('earnings-balances')).toHaveTextContent('¥0.00');
    expect(within(screen.getByTestId('earnings-commissions')).getByTestId('state-empty')).toHaveTextContent(strings.earnings.commissionsEmpty);
  });

  test('commissions list with status, and tapping one opens its explanation', async () => {
    const calls = serveApi({
      'GET /me/balances': { body: fixtures.balances },
      'GET /me/commissions': ({ query }) =>
        query.get('cursor') === 'c2'
          ? { status: 200, body: fixtures.page([fixtures.settledCommission]) }
          : { status: 200, body: fixtures.page([fixtures.commission], 'c2') },
    });
    render(<EarningsPage />);
    const rows = await screen.findAllByTestId('commission-row');
    expect(rows[0]).toHaveTextContent('订单 #501 · 直接佣金');
    expect(rows[0]).toHaveTextContent('¥25.90');
    expect(rows[0]).toHaveTextContent(strings.earnings.status.pending);
    fireEvent.click(screen.getByText(strings.common.loadMore));
    expect(await screen.findByText('订单 #400 · 间接佣金')).toBeInTheDocument();
    expect(screen.getByText(strings.common.noMore)).toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/me/commissions').map((call) => call.query.get('cursor'))).toEqual([null, 'c2']);

    fireEvent.click(rows[0]);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/earnings/commission/index?saleId=501' });
    fireEvent.click(screen.getByText(strings.earnings.withdrawAction));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/earnings/withdraw/index' });
  });

  test('a reply that does not match the schema is an error, not garbage on screen', async () => {
    serveApi({ 'GET /me/balances': { body: { pending: '1.5' } }, 'GET /me/commissions': { body: fixtures.page([]) } });
    render(<EarningsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.badReply);
  });

  test('a non-member is told to join', async () => {
    serveApi({ 'GET /me/balances': fail(403, 'NOT_A_MEMBER'), 'GET /me/commissions': fail(403, 'NOT_A_MEMBER') });
    render(<EarningsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.notAMember);
  });
});
