import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import MySalesPage from '../../src/packages/kos/sales/index';
import { strings } from '../../src/strings';
import { hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import { page } from '../helpers/fixtures';
import { refundedSale, sale } from '../helpers/sales-fixtures';

describe('my sales page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<MySalesPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/sales': serverError() });
    render(<MySalesPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('no sales yet: an invitation to record one', async () => {
    serveApi({ 'GET /me/sales': { body: page([]) } });
    render(<MySalesPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.kos.sales.empty);
    fireEvent.click(screen.getByText(strings.kos.sales.record));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/kos/sale/index' });
  });

  test('each sale with its receipt, status, lines and refunds; more on demand', async () => {
    const calls = serveApi({
      'GET /me/sales': ({ query }) => ({ status: 200, body: query.get('cursor') === 'c1' ? page([refundedSale]) : page([sale], 'c1') }),
    });
    render(<MySalesPage />);
    const [first] = await screen.findAllByTestId('my-sale');
    expect(first).toHaveTextContent(strings.saleCard.receipt('R-20261123-001'));
    expect(first).toHaveTextContent(strings.saleCard.status.paid);
    expect(first).toHaveTextContent('明前龙井 250g × 2¥240.00');
    expect(first).toHaveTextContent('¥315.00');

    fireEvent.click(screen.getByText(strings.common.loadMore));
    await waitFor(() => expect(screen.getAllByTestId('my-sale')).toHaveLength(2));
    const second = screen.getAllByTestId('my-sale')[1];
    expect(second).toHaveTextContent(strings.saleCard.status.partially_refunded);
    expect(second).toHaveTextContent(strings.saleCard.lineRefunded(1));
    expect(second).toHaveTextContent(`${strings.saleCard.refunded}¥120.00`);
    expect(calls.map((call) => call.query.get('cursor'))).toEqual([null, 'c1']);
    expect(screen.getByText(strings.common.noMore)).toBeInTheDocument();
  });
});
