import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import MyOrdersPage from '../../src/packages/shop/orders/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import { page } from '../helpers/fixtures';
import { order, paidOrder, payment } from '../helpers/sales-fixtures';

const s = strings.shop;
const taro = Taro as unknown as { requestPayment: jest.Mock; usePullDownRefresh: jest.Mock };
const closedOrder = { ...order, id: 588, status: 'closed' as const };
const olderOrder = { ...paidOrder, id: 570 };

const orderCards = () => screen.getAllByTestId('my-order');
const cardOf = (id: number) => orderCards().find((card) => card.textContent?.includes(s.orderTitle(id))) as HTMLElement;

describe('my orders page', () => {
  beforeEach(() => signedIn());
  afterEach(() => {
    delete (process.env as Record<string, string | undefined>).TARO_ENV;
  });

  test('loading', () => {
    hangAll();
    render(<MyOrdersPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/orders': serverError() });
    render(<MyOrdersPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('no orders yet: a way to the shop', async () => {
    serveApi({ 'GET /me/orders': { body: page([]) } });
    render(<MyOrdersPage />);
    const empty = await screen.findByTestId('state-empty');
    expect(empty).toHaveTextContent(s.orders.empty);
    fireEvent.click(within(empty).getByText(s.orders.toShop));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/shop/index/index' });
  });

  test('each order with its lines, total and status, 去支付 only on unpaid ones; more on demand', async () => {
    const calls = serveApi({
      'GET /me/orders': ({ query }) => ({ status: 200, body: query.get('cursor') === 'c1' ? page([olderOrder]) : page([order, closedOrder], 'c1') }),
    });
    render(<MyOrdersPage />);
    await screen.findAllByTestId('my-order');
    const unpaid = cardOf(601);
    expect(unpaid).toHaveTextContent(strings.saleCard.status.created);
    expect(unpaid).toHaveTextContent(strings.saleCard.online);
    expect(unpaid).toHaveTextContent('明前龙井 250g × 2¥256.00');
    expect(unpaid).toHaveTextContent('正山小种 100g × 1¥68.00');
    expect(unpaid).toHaveTextContent(`${strings.saleCard.total}¥324.00`);
    expect(within(unpaid).getByText(s.pay)).toBeInTheDocument();
    expect(cardOf(588)).toHaveTextContent(strings.saleCard.status.closed);
    expect(within(cardOf(588)).queryByText(s.pay)).toBeNull();

    fireEvent.click(screen.getByText(strings.common.loadMore));
    await waitFor(() => expect(orderCards()).toHaveLength(3));
    expect(cardOf(570)).toHaveTextContent(strings.saleCard.status.paid);
    expect(within(cardOf(570)).queryByText(s.pay)).toBeNull();
    expect(calls.map((call) => call.query.get('cursor'))).toEqual([null, 'c1']);
    expect(screen.getByText(strings.common.noMore)).toBeInTheDocument();
  });

  test('paying later: fresh parameters for the order, WeChat Pay, then the list shows it paid', async () => {
    let paid = false;
    const calls = serveApi({
      'GET /me/orders': () => ({ status: 200, body: page([paid ? paidOrder : order]) }),
      'POST /orders/601/payment': { body: { order, payment } },
      'GET /sales/601': () => ({ status: 200, body: paid ? paidOrder : order }),
    });
    taro.requestPayment.mockImplementationOnce(async () => {
      paid = true;
      return { errMsg: 'requestPayment:ok' };
    });
    render(<MyOrdersPage />);
    await screen.findAllByTestId('my-order');
    fireEvent.click(within(cardOf(601)).getByText(s.pay));

    await waitFor(() => expect(cardOf(601)).toHaveTextContent(strings.saleCard.status.paid));
    expect(taro.requestPayment).toHaveBeenCalledWith(payment);
    expect(calls.some((call) => call.method === 'POST' && call.path === '/orders/601/payment')).toBe(true);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: s.outcome.paid, icon: 'none' });
    expect(within(cardOf(601)).queryByText(s.pay)).toBeNull();
  });

  test('cancelled again in WeChat: said so, and the order is still there to pay', async () => {
    serveApi({ 'GET /me/orders': { body: page([order]) }, 'POST /orders/601/payment': { body: { order, payment } } });
    taro.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    render(<MyOrdersPage />);
    await screen.findAllByTestId('my-order');
    fireEvent.click(within(cardOf(601)).getByText(s.pay));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: s.outcome.cancelled, icon: 'none' }));
    expect(cardOf(601)).toHaveTextContent(strings.saleCard.status.created);
    expect(within(cardOf(601)).getByText(s.pay)).toBeEnabled();
  });

  test('an order closed meanwhile (409): explained, and the list reloaded to show it closed', async () => {
    let closed = false;
    serveApi({
      'GET /me/orders': () => ({ status: 200, body: page([closed ? { ...order, status: 'closed' } : order]) }),
      'POST /orders/601/payment': () => {
        closed = true;
        return fail(409, 'CONFLICT');
      },
    });
    render(<MyOrdersPage />);
    await screen.findAllByTestId('my-order');
    fireEvent.click(within(cardOf(601)).getByText(s.pay));
    expect(await screen.findByTestId('orders-problem')).toHaveTextContent(s.refusal.CONFLICT);
    await waitFor(() => expect(cardOf(601)).toHaveTextContent(strings.saleCard.status.closed));
    expect(taro.requestPayment).not.toHaveBeenCalled();
  });

  test('on H5 there is no WeChat Pay: the buyer is told to pay in WeChat, nothing is asked of the server', async () => {
    process.env.TARO_ENV = 'h5';
    const calls = serveApi({ 'GET /me/orders': { body: page([order]) } });
    render(<MyOrdersPage />);
    await screen.findAllByTestId('my-order');
    fireEvent.click(within(cardOf(601)).getByText(s.pay));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: s.outcome.unavailable, icon: 'none' }));
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    expect(taro.requestPayment).not.toHaveBeenCalled();
  });

  test('pull-down refresh loads the first page again and stops the spinner', async () => {
    let paid = false;
    serveApi({ 'GET /me/orders': () => ({ status: 200, body: page([paid ? paidOrder : order]) }) });
    render(<MyOrdersPage />);
    await screen.findAllByTestId('my-order');
    expect(cardOf(601)).toHaveTextContent(strings.saleCard.status.created);
    paid = true;
    const onPullDown = taro.usePullDownRefresh.mock.calls.at(-1)[0];
    await act(async () => onPullDown());
    await waitFor(() => expect(cardOf(601)).toHaveTextContent(strings.saleCard.status.paid));
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled();
  });
});
