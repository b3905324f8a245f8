import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import RecordSalePage from '../../src/packages/kos/sale/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import { catalog, preview, sale } from '../helpers/sales-fixtures';

const s = strings.kos.sale;
const base: Record<string, Route> = {
  'GET /products': { body: catalog },
  'POST /sales/preview': { body: preview },
};

const plus = (code: string, times = 1) => {
  for (let i = 0; i < times; i++) fireEvent.click(screen.getByTestId(`pick-${code}-plus`));
};
const type = (placeholder: string, value: string, within_: HTMLElement = document.body) =>
  fireEvent.change(within(within_).getByPlaceholderText(placeholder), { target: { value } });

async function openPage() {
  render(<RecordSalePage />);
  await screen.findByTestId('sale-products');
}

describe('record-a-sale page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<RecordSalePage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /products': serverError() });
    render(<RecordSalePage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('nothing on sale', async () => {
    serveApi({ 'GET /products': { body: { categories: [] } } });
    render(<RecordSalePage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(s.catalogEmpty);
  });

  test('products are searched by name or code and filtered by category', async () => {
    serveApi(base);
    await openPage();
    const products = screen.getByTestId('sale-products');
    expect(within(products).getByText(s.hot)).toBeInTheDocument();
    type(s.searchPlaceholder, '龙井');
    expect(screen.getByTestId('sku-TEA-LJ-250')).toBeInTheDocument();
    expect(screen.queryByTestId('sku-TEA-XZ-100')).toBeNull();
    type(s.searchPlaceholder, 'cup');
    expect(screen.getByTestId('sku-CUP-QC-1')).toBeInTheDocument();
    expect(screen.queryByTestId('sku-TEA-LJ-250')).toBeNull();
    type(s.searchPlaceholder, '');
    fireEvent.click(within(screen.getByTestId('sale-categories')).getByText('茶具'));
    expect(screen.getByTestId('sku-CUP-QC-1')).toBeInTheDocument();
    expect(screen.queryByTestId('sku-TEA-XZ-100')).toBeNull();
    type(s.searchPlaceholder, '龙井');
    expect(within(products).getByText(s.noMatch)).toBeInTheDocument();
  });

  test('scan, pick, edit a price, see the preview, confirm: the sale is recorded and the form cleared', async () => {
    (Taro.scanCode as jest.Mock).mockResolvedValue({ result: 'cGTHK7', errMsg: 'scanCode:ok' });
    const calls = serveApi({ ...base, 'POST /sales': { status: 201, body: sale } });
    await openPage();
    expect(screen.getByTestId('sale-preview')).toHaveTextContent(s.previewIdle);

    fireEvent.click(screen.getByText(s.scan));
    await waitFor(() => expect(screen.getByPlaceholderText(s.customerPlaceholder)).toHaveValue('cGTHK7'));
    plus('TEA-LJ-250', 2);
    plus('TEA-XZ-100');
    const cartLine = screen.getByTestId('cart-TEA-LJ-250');
    expect(within(cartLine).getByPlaceholderText(s.unitPrice)).toHaveValue('128.00');
    type(s.unitPrice, '120', cartLine);
    type(s.unitPrice, '75', screen.getByTestId('cart-TEA-XZ-100'));
    expect(cartLine).toHaveTextContent('¥240.00');
    type(s.receiptPlaceholder, ' R-20261123-001 ');

    const previewCard = screen.getByTestId('sale-preview');
    await waitFor(() => expect(previewCard).toHaveTextContent(`${s.previewMine}¥43.00`));
    expect(previewCard).toHaveTextContent(`店员小张${s.previewMe}`);
    expect(screen.getByTestId('sale-bar')).toHaveTextContent(`${s.previewTotal}¥315.00${s.previewMine}¥43.00`);
    expect(previewCard).toHaveTextContent('¥9.45');
    const previews = calls.filter((call) => call.path === '/sales/preview');
    expect(previews[previews.length - 1].body).toEqual({
      lines: [
        { sku: 'TEA-LJ-250', quantity: 2, unitPrice: 12000 },
        { sku: 'TEA-XZ-100', quantity: 1, unitPrice: 7500 },
      ],
      customerCode: 'cGTHK7',
    });

    fireEvent.click(screen.getByText(s.submit));
    const recorded = await screen.findByTestId('sale-recorded');
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: s.confirmBody('R-20261123-001', '315.00') }));
    expect(calls.find((call) => call.method === 'POST' && call.path === '/sales')?.body).toEqual({
      receiptNo: 'R-20261123-001',
      lines: [
        { sku: 'TEA-LJ-250', quantity: 2, unitPrice: 12000 },
        { sku: 'TEA-XZ-100', quantity: 1, unitPrice: 7500 },
      ],
      customerCode: 'cGTHK7',
    });
    expect(recorded).toHaveTextContent(strings.saleCard.receipt('R-20261123-001'));
    expect(recorded).toHaveTextContent('¥315.00');
    expect(screen.getByTestId('sale-cart')).toHaveTextContent(s.cartEmpty);
    expect(screen.getByPlaceholderText(s.receiptPlaceholder)).toHaveValue('');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: s.recorded, icon: 'success' });
  });

  test('after a save the form starts afresh and the page scrolls up to the sale just recorded', async () => {
    serveApi({ ...base, 'POST /sales': { status: 201, body: sale } });
    await openPage();
    type(s.customerPlaceholder, 'cGTHK7');
    fireEvent.click(within(screen.getByTestId('sale-categories')).getByText('茶叶'));
    type(s.searchPlaceholder, '龙井');
    plus('TEA-LJ-250');
    type(s.receiptPlaceholder, 'R-20261123-001');
    expect(Taro.pageScrollTo).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText(s.submit));

    expect(await screen.findByTestId('sale-recorded')).toHaveTextContent(s.recordedTitle);
    expect(Taro.pageScrollTo).toHaveBeenCalledWith({ scrollTop: 0 });
    expect(screen.getByPlaceholderText(s.searchPlaceholder)).toHaveValue('');
    expect(screen.getByTestId('sku-CUP-QC-1')).toBeInTheDocument(); // every category again, not just tea
    expect(screen.getByTestId('pick-TEA-LJ-250')).toHaveTextContent('0');
    expect(screen.getByTestId('sale-cart')).toHaveTextContent(s.cartEmpty);
    expect(screen.getByPlaceholderText(s.customerPlaceholder)).toHaveValue('');
    expect(screen.getByPlaceholderText(s.receiptPlaceholder)).toHaveValue('');
    expect(screen.getByTestId('sale-preview')).toHaveTextContent(s.previewIdle);
  });

  test('a refused save keeps everything as typed and does not scroll', async () => {
    serveApi({ ...base, 'POST /sales': serverError() });
    await openPage();
    type(s.searchPlaceholder, '龙井');
    plus('TEA-LJ-250');
    type(s.receiptPlaceholder, 'R-3');
    fireEvent.click(screen.getByText(s.submit));
    expect(await screen.findByTestId('sale-bar')).toHaveTextContent(strings.errors.server);
    expect(screen.getByPlaceholderText(s.searchPlaceholder)).toHaveValue('龙井');
    expect(screen.getByTestId('sale-cart')).toHaveTextContent('明前龙井');
    expect(Taro.pageScrollTo).not.toHaveBeenCalled();
  });

  test('the preview waits for the lines to settle: three quick taps ask once', async () => {
    const calls = serveApi(base);
    await openPage();
    plus('CUP-QC-1', 3);
    expect(screen.getByTestId('sale-preview')).toHaveTextContent(s.previewLoading);
    await waitFor(() => expect(screen.getByTestId('sale-preview')).toHaveTextContent(s.previewMine));
    const previews = calls.filter((call) => call.path === '/sales/preview');
    expect(previews).toHaveLength(1);
    expect(previews[0].body).toEqual({ lines: [{ sku: 'CUP-QC-1', quantity: 3, unitPrice: 9900 }] });
  });

  test('a price that is not an amount is flagged and not previewed; removing the last unit takes the line out', async () => {
    const calls = serveApi(base);
    await openPage();
    plus('CUP-QC-1');
    type(s.unitPrice, '9.999', screen.getByTestId('cart-CUP-QC-1'));
    expect(screen.getByTestId('cart-CUP-QC-1')).toHaveTextContent(s.priceInvalid);
    expect(screen.getByTestId('sale-preview')).toHaveTextContent(s.previewIdle);
    expect(screen.getByTestId('sale-bar')).toHaveTextContent(`${s.previewTotal}—`);
    fireEvent.click(screen.getByTestId('cart-qty-CUP-QC-1-minus'));
    expect(screen.queryByTestId('cart-CUP-QC-1')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls.some((call) => call.path === '/sales/preview')).toBe(false);
  });

  test('nothing is sent without a receipt number and a line', async () => {
    const calls = serveApi(base);
    await openPage();
    fireEvent.click(screen.getByText(s.submit));
    expect(screen.getByTestId('sale-receipt')).toHaveTextContent(s.receiptMissing);
    expect(screen.getByTestId('sale-lines-problem')).toHaveTextContent(s.noLines);
    expect(Taro.showModal).not.toHaveBeenCalled();
    expect(calls.some((call) => call.method === 'POST' && call.path === '/sales')).toBe(false);
  });

  test('a receipt already recorded (409) shows the existing sale', async () => {
    serveApi({ ...base, 'POST /sales': fail(409, 'DUPLICATE_RECEIPT', { existing: sale }) });
    await openPage();
    plus('TEA-LJ-250');
    type(s.receiptPlaceholder, 'R-20261123-001');
    fireEvent.click(screen.getByText(s.submit));
    const duplicate = await screen.findByTestId('sale-duplicate');
    expect(duplicate).toHaveTextContent(s.duplicateTitle);
    expect(duplicate).toHaveTextContent(strings.saleCard.receipt('R-20261123-001'));
    expect(duplicate).toHaveTextContent('明前龙井 250g × 2');
    expect(screen.getByTestId('sale-cart')).toHaveTextContent('明前龙井');
    expect(screen.queryByTestId('sale-problem')).toBeNull();
  });

  test('an unknown customer code is shown at the customer field', async () => {
    serveApi({ ...base, 'POST /sales': fail(404, 'CUSTOMER_CODE_UNKNOWN') });
    await openPage();
    type(s.customerPlaceholder, 'NOPE1');
    plus('TEA-LJ-250');
    type(s.receiptPlaceholder, 'R-1');
    fireEvent.click(screen.getByText(s.submit));
    await waitFor(() => expect(screen.getByTestId('sale-customer')).toHaveTextContent(s.refusal.CUSTOMER_CODE_UNKNOWN));
  });

  test('a failed preview says so and does not stop the clerk from recording', async () => {
    const calls = serveApi({ ...base, 'POST /sales/preview': serverError(), 'POST /sales': { status: 201, body: sale } });
    await openPage();
    plus('TEA-LJ-250');
    await waitFor(() => expect(screen.getByTestId('sale-preview')).toHaveTextContent(strings.errors.server));
    type(s.receiptPlaceholder, 'R-2');
    fireEvent.click(screen.getByText(s.submit));
    expect(await screen.findByTestId('sale-recorded')).toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/sales')).toHaveLength(1);
  });

  test('on H5 scanning is not available: the clerk is told to type the code', async () => {
    (Taro.scanCode as jest.Mock).mockRejectedValue({ errMsg: 'scanCode:fail not in WeChat' });
    serveApi(base);
    await openPage();
    fireEvent.click(screen.getByText(s.scan));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: s.scanUnavailable, icon: 'none' }));
  });
});
