import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ShopPage from '../../src/packages/shop/index/index';
import { CONFIRM_ATTEMPTS, CONFIRM_INTERVAL_MS } from '../../src/packages/shop/payment';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';
import { catalog, order, paidOrder, payment } from '../helpers/sales-fixtures';

const s = strings.shop;
const taro = Taro as unknown as { requestPayment: jest.Mock; useShareAppMessage: jest.Mock; useRouter: jest.Mock };

const base: Record<string, Route> = {
  'GET /products': { body: catalog },
  'GET /me': { body: fixtures.me },
};

const bar = () => screen.getByTestId('checkout-bar');
const payButton = () => within(bar()).getByText(s.pay).closest('button') as HTMLButtonElement;
const plus = (code: string, times = 1) => {
  for (let i = 0; i < times; i++) fireEvent.click(screen.getByTestId(`qty-${code}-plus`));
};

/** Two 明前龙井 and one 正山小种: ¥324.00, the order fixture's lines. */
async function fillCart() {
  await screen.findByTestId('sku-TEA-LJ-250');
  plus('TEA-LJ-250', 2);
  plus('TEA-XZ-100');
}

describe('shop page', () => {
  beforeEach(() => signedIn());
  afterEach(() => {
    delete (process.env as Record<string, string | undefined>).TARO_ENV;
    jest.useRealTimers();
  });

  test('loading', () => {
    hangAll();
    render(<ShopPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('a failed load shows the error, and retrying shows the products', async () => {
    serveApi({ ...base, 'GET /products': serverError() });
    render(<ShopPage />);
    const error = await screen.findByTestId('state-error');
    expect(error).toHaveTextContent(strings.errors.server);
    serveApi(base);
    fireEvent.click(within(error).getByText(strings.common.retry));
    expect(await screen.findByTestId('sku-TEA-LJ-250')).toBeInTheDocument();
  });

  test('nothing on sale: says so, with the way to my orders', async () => {
    serveApi({ ...base, 'GET /products': { body: { categories: [{ id: 1, name: '茶叶', products: [] }] } } });
    render(<ShopPage />);
    const empty = await screen.findByTestId('state-empty');
    expect(empty).toHaveTextContent(s.empty);
    fireEvent.click(within(empty).getByText(s.toOrders));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/shop/orders/index' });
  });

  test('products by category with their prices, hot ones marked; nothing picked, nothing to pay', async () => {
    serveApi(base);
    render(<ShopPage />);
    const hot = await screen.findByTestId('product-10');
    expect(hot).toHaveTextContent(`明前龙井${s.hot}`);
    expect(hot).toHaveTextContent('250g¥128.00');
    expect(screen.getByTestId('product-11')).not.toHaveTextContent(s.hot);
    expect(screen.getByTestId('product-20')).toHaveTextContent('¥99.00');
    expect(screen.getByText('茶具')).toBeInTheDocument();
    expect(bar()).toHaveTextContent(`${s.total}¥0.00${s.pieces(0)}`);
    expect(payButton()).toBeDisabled();
  });

  test('the total is the sum of price × quantity in fen, as quantities go up and down', async () => {
    const priced = {
      categories: [{ id: 3, name: '零食', products: [{ id: 30, name: '桂花糕', description: '每盒 6 块', hot: false, skus: [{ id: 300, code: 'SN-GH', name: '桂花糕', priceFen: 1990 }, { id: 301, code: 'SN-GH-2', name: '双盒装', priceFen: 10 }] }] }],
    };
    serveApi({ ...base, 'GET /products': { body: priced } });
    render(<ShopPage />);
    await screen.findByTestId('sku-SN-GH');
    expect(screen.getByTestId('product-30')).toHaveTextContent('每盒 6 块');
    plus('SN-GH', 3);
    // 3 × 19.90 in floating point is 59.699999…; in fen it is 5970.
    expect(bar()).toHaveTextContent(`¥59.70${s.pieces(3)}`);
    plus('SN-GH-2', 2);
    expect(bar()).toHaveTextContent(`¥59.90${s.pieces(5)}`);
    fireEvent.click(screen.getByTestId('qty-SN-GH-minus'));
    expect(bar()).toHaveTextContent(`¥40.00${s.pieces(4)}`);
    expect(screen.getByTestId('qty-SN-GH')).toHaveTextContent('2');
  });

  test('paying: the order is placed, WeChat Pay opened with its parameters, and the paid order shown once the server has it', async () => {
    const calls = serveApi({ ...base, 'POST /orders': { status: 201, body: { order, payment } }, 'GET /sales/601': { body: paidOrder } });
    render(<ShopPage />);
    await fillCart();
    expect(bar()).toHaveTextContent('¥324.00');
    fireEvent.click(payButton());

    const outcome = await screen.findByTestId('order-outcome');
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({ path: '/orders', body: { lines: [{ sku: 'TEA-LJ-250', quantity: 2 }, { sku: 'TEA-XZ-100', quantity: 1 }] } });
    expect(taro.requestPayment).toHaveBeenCalledWith(payment);
    expect(outcome).toHaveTextContent(s.orderTitle(601));
    expect(outcome).toHaveTextContent(s.outcomeTag.paid);
    expect(outcome).toHaveTextContent(s.outcome.paid);
    expect(outcome).toHaveTextContent('¥324.00');
    expect(within(outcome).queryByText(s.pay)).toBeNull();
    // The order exists: the cart is empty, a second tap cannot order it twice.
    expect(bar()).toHaveTextContent(`¥0.00${s.pieces(0)}`);
    fireEvent.click(within(outcome).getByText(s.toOrders));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/shop/orders/index' });
  });

  test('paid in WeChat but no word from WeChat Pay yet: asks a few times, then says it is being confirmed', async () => {
    jest.useFakeTimers();
    const calls = serveApi({ ...base, 'POST /orders': { status: 201, body: { order, payment } }, 'GET /sales/601': { body: order } });
    render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());
    await act(async () => {
      await jest.advanceTimersByTimeAsync(CONFIRM_ATTEMPTS * CONFIRM_INTERVAL_MS);
    });
    const outcome = await screen.findByTestId('order-outcome');
    expect(outcome).toHaveTextContent(s.outcomeTag.confirming);
    expect(outcome).toHaveTextContent(s.outcome.confirming);
    expect(calls.filter((call) => call.path === '/sales/601')).toHaveLength(CONFIRM_ATTEMPTS);
  });

  test('cancelled in WeChat: the order stays 待支付 and can be paid from here again', async () => {
    let paid = false;
    const calls = serveApi({
      ...base,
      'POST /orders': { status: 201, body: { order, payment } },
      'POST /orders/601/payment': { body: { order, payment: { ...payment, package: 'prepay_id=wx2312' } } },
      'GET /sales/601': () => ({ status: 200, body: paid ? paidOrder : order }),
    });
    taro.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());

    const outcome = await screen.findByTestId('order-outcome');
    expect(outcome).toHaveTextContent(s.outcomeTag.cancelled);
    expect(outcome).toHaveTextContent(s.outcome.cancelled);
    expect(calls.some((call) => call.path === '/sales/601')).toBe(false);

    taro.requestPayment.mockImplementationOnce(async () => {
      paid = true;
      return { errMsg: 'requestPayment:ok' };
    });
    fireEvent.click(within(outcome).getByText(s.pay));
    await waitFor(() => expect(screen.getByTestId('order-outcome')).toHaveTextContent(s.outcome.paid));
    expect(taro.requestPayment).toHaveBeenLastCalledWith({ ...payment, package: 'prepay_id=wx2312' });
    expect(calls.filter((call) => call.path === '/orders')).toHaveLength(1);
  });

  test('WeChat Pay fails: a clear message, the order still to pay', async () => {
    serveApi({ ...base, 'POST /orders': { status: 201, body: { order, payment } } });
    taro.requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail system error' });
    render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());
    const outcome = await screen.findByTestId('order-outcome');
    expect(outcome).toHaveTextContent(s.outcome.failed);
    expect(outcome).toHaveTextContent(s.outcomeTag.failed);
    expect(within(outcome).getByText(s.pay)).toBeInTheDocument();
  });

  test('an order the server refuses is explained in the bar; the cart is kept and WeChat Pay never opened', async () => {
    serveApi({ ...base, 'POST /orders': fail(422, 'SKU_INACTIVE') });
    render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());
    expect(await screen.findByTestId('checkout-problem')).toHaveTextContent(s.refusal.SKU_INACTIVE);
    expect(taro.requestPayment).not.toHaveBeenCalled();
    expect(screen.queryByTestId('order-outcome')).toBeNull();
    expect(bar()).toHaveTextContent('¥324.00');
  });

  test('WeChat Pay down on the server: says so', async () => {
    serveApi({ ...base, 'POST /orders': fail(503, 'WECHATPAY_UNAVAILABLE') });
    render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());
    expect(await screen.findByTestId('checkout-problem')).toHaveTextContent(strings.errors.wechatpayUnavailable);
  });

  test('on H5 there is no WeChat Pay: the buyer is told to pay in WeChat and nothing is ordered', async () => {
    process.env.TARO_ENV = 'h5';
    const calls = serveApi(base);
    render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());
    expect(await screen.findByTestId('checkout-problem')).toHaveTextContent(s.outcome.unavailable);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: s.outcome.unavailable, icon: 'none' });
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    expect(taro.requestPayment).not.toHaveBeenCalled();
    expect(bar()).toHaveTextContent('¥324.00');
  });

  test('a member shares the shop with their referral code; anyone else shares the plain shop', async () => {
    serveApi(base);
    const { unmount } = render(<ShopPage />);
    await screen.findByTestId('sku-TEA-LJ-250');
    const shareOf = () => taro.useShareAppMessage.mock.calls.at(-1)[0]();
    expect(shareOf()).toEqual({ title: s.shareTitle(fixtures.me.nickname), path: '/packages/shop/index/index?scene=DK4XL' });
    unmount();

    serveApi({ ...base, 'GET /me': { body: fixtures.meNotMember } });
    render(<ShopPage />);
    await screen.findByTestId('sku-TEA-LJ-250');
    expect(shareOf()).toEqual({ title: s.titles.shop, path: '/packages/shop/index/index' });
  });

  test('opened from a shared card by someone bound to no one: offers to become the sharer’s customer', async () => {
    taro.useRouter.mockReturnValue({ params: { scene: 'DK4XL' } });
    serveApi({ ...base, 'GET /me': { body: fixtures.meNotMember } });
    render(<ShopPage />);
    const invited = await screen.findByTestId('shop-invited');
    fireEvent.click(within(invited).getByText(s.invited.action));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/auth/join/index?scene=DK4XL' });
  });

  test('an order placed from a shared card carries the sharer’s code; one placed from the shop itself carries none', async () => {
    taro.useRouter.mockReturnValue({ params: { scene: 'DK4XL' } });
    const shared = serveApi({ ...base, 'POST /orders': { status: 201, body: { order, payment } }, 'GET /sales/601': { body: paidOrder } });
    const { unmount } = render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());
    await screen.findByTestId('order-outcome');
    expect(shared.find((call) => call.method === 'POST')?.body).toMatchObject({ referralCode: 'DK4XL' });
    unmount();

    taro.useRouter.mockReturnValue({ params: {} });
    const direct = serveApi({ ...base, 'POST /orders': { status: 201, body: { order, payment } }, 'GET /sales/601': { body: paidOrder } });
    render(<ShopPage />);
    await fillCart();
    fireEvent.click(payButton());
    await screen.findByTestId('order-outcome');
    expect(direct.find((call) => call.method === 'POST')?.body).not.toHaveProperty('referralCode');
  });

  test('a shared card opened by a member, or by a customer already bound, offers no invitation', async () => {
    taro.useRouter.mockReturnValue({ params: { scene: 'DK4XL' } });
    serveApi(base);
    const { unmount } = render(<ShopPage />);
    await screen.findByTestId('sku-TEA-LJ-250');
    expect(screen.queryByTestId('shop-invited')).toBeNull();
    unmount();

    serveApi({ ...base, 'GET /me': { body: { ...fixtures.meNotMember, customerOf: { id: 5, nickname: '粉***美' } } } });
    render(<ShopPage />);
    await screen.findByTestId('sku-TEA-LJ-250');
    expect(screen.queryByTestId('shop-invited')).toBeNull();
  });
});
