import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import StoreSalesPage from '../../src/packages/manager/store-sales/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';
import { refundedSale, sale } from '../helpers/sales-fixtures';

const s = strings.manager.storeSales;
const stores = {
  items: [
    { id: 1, name: '上海南京西路店', regionId: 1, address: null, createdAt: '2026-11-01T00:00:00.000Z' },
    { id: 2, name: '杭州湖滨店', regionId: 1, address: null, createdAt: '2026-11-01T00:00:00.000Z' },
  ],
};
const manager = { ...fixtures.meNotMember, roles: [{ role: 'store_manager' as const, storeId: 1 }] };
const hq = { ...fixtures.meNotMember, roles: [{ role: 'hq_admin' as const, storeId: null }] };
const voidedSale = { ...sale, status: 'voided' as const, refundedFen: sale.totalFen };
const refund = (amountFen: number) => ({ id: 9, saleId: 501, status: 'succeeded' as const, amountFen, lines: [], reason: 'x', createdAt: sale.createdAt, completedAt: sale.createdAt });

const base = (me: unknown, sales: unknown[] = [sale, refundedSale]): Record<string, Route> => ({
  'GET /me': { body: me },
  'GET /stores': { body: stores },
  'GET /stores/1/sales': { body: fixtures.page(sales) },
  'GET /stores/2/sales': { body: fixtures.page([]) },
});

function typeReason(container: HTMLElement, text: string) {
  fireEvent.change(within(container).getByPlaceholderText(strings.manager.reason.placeholder), { target: { value: text } });
}

describe('store sales page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<StoreSalesPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ ...base(manager), 'GET /stores/1/sales': serverError() });
    render(<StoreSalesPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('a store manager sees their own store only; no sales yet', async () => {
    serveApi(base(manager, []));
    render(<StoreSalesPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(s.empty);
    expect(screen.queryByTestId('store-choice')).toBeNull();
  });

  test('HQ picks the store', async () => {
    const calls = serveApi(base(hq));
    render(<StoreSalesPage />);
    expect(await screen.findByTestId('store-sale-501')).toBeInTheDocument();
    fireEvent.click(within(screen.getByTestId('store-choice')).getByText('杭州湖滨店'));
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(s.empty);
    expect(calls.filter((call) => call.path.endsWith('/sales')).map((call) => call.path)).toEqual(['/stores/1/sales', '/stores/2/sales']);
  });

  test('voiding takes a reason and a confirmation, then the sale shows voided', async () => {
    let voided = false;
    const calls = serveApi({
      ...base(manager),
      'GET /stores/1/sales': () => ({ status: 200, body: fixtures.page([voided ? voidedSale : sale]) }),
      'POST /sales/501/void': () => {
        voided = true;
        return { status: 200, body: refund(sale.totalFen) };
      },
    });
    render(<StoreSalesPage />);
    const card = await screen.findByTestId('store-sale-501');
    fireEvent.click(within(card).getByText(s.void));
    const form = within(card).getByTestId('reason-form');
    typeReason(form, '顾客当场退货');
    fireEvent.click(within(form).getByText(s.void));
    await waitFor(() => expect(screen.getByTestId('store-sale-501')).toHaveTextContent(strings.saleCard.status.voided));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: s.voidTitle, content: s.voidBody('R-20261123-001', '315.00') }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ reason: '顾客当场退货' });
    expect(within(screen.getByTestId('store-sale-501')).queryByText(s.void)).toBeNull();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: s.voided, icon: 'success' });
  });

  test('voiding is not sent when the modal is cancelled', async () => {
    (Taro.showModal as jest.Mock).mockResolvedValue({ confirm: false, cancel: true });
    const calls = serveApi(base(manager));
    render(<StoreSalesPage />);
    const card = await screen.findByTestId('store-sale-501');
    fireEvent.click(within(card).getByText(s.void));
    typeReason(card, '误录');
    fireEvent.click(within(within(card).getByTestId('reason-form')).getByText(s.void));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  test('refunding picks units per line up to what is left, and sends them with the reason', async () => {
    const calls = serveApi({ ...base(manager), 'POST /sales/499/refunds': { status: 201, body: refund(12000) } });
    render(<StoreSalesPage />);
    const card = await screen.findByTestId('store-sale-499');
    fireEvent.click(within(card).getByText(s.refund));
    const form = within(card).getByTestId('refund-form');
    expect(form).toHaveTextContent(s.refundLeft(1));
    typeReason(form, '茶叶受潮');
    fireEvent.click(within(within(form).getByTestId('reason-form')).getByText(s.refund));
    expect(form).toHaveTextContent(s.refundNone);

    fireEvent.click(within(form).getByTestId('refund-1-plus'));
    fireEvent.click(within(form).getByTestId('refund-1-plus'));
    expect(within(form).getByTestId('refund-1')).toHaveTextContent('−1+');
    expect(form).toHaveTextContent('¥120.00');
    fireEvent.click(within(within(form).getByTestId('reason-form')).getByText(s.refund));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: s.refunded('120.00'), icon: 'success' }));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: s.refundConfirmBody('120.00') }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ lines: [{ lineId: 1, quantity: 1 }], reason: '茶叶受潮' });
  });

  test('a sale that can no longer be refunded says so on its card', async () => {
    serveApi({ ...base(manager), 'POST /sales/501/void': fail(409, 'SALE_NOT_REFUNDABLE') });
    render(<StoreSalesPage />);
    const card = await screen.findByTestId('store-sale-501');
    fireEvent.click(within(card).getByText(s.void));
    typeReason(card, '误录');
    fireEvent.click(within(within(card).getByTestId('reason-form')).getByText(s.void));
    await waitFor(() => expect(screen.getByTestId('store-sale-501')).toHaveTextContent(strings.manager.refusal.SALE_NOT_REFUNDABLE));
  });
});
