import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import CommissionPage from '../../src/packages/earnings/commission/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

describe('commission detail page', () => {
  beforeEach(() => {
    signedIn();
    (Taro.useRouter as jest.Mock).mockReturnValue({ params: { saleId: '501' } });
  });

  test('loading', () => {
    hangAll();
    render(<CommissionPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/commissions/501': serverError() });
    render(<CommissionPage />);
    expect(await screen.findByTestId('state-error')).toBeInTheDocument();
  });

  test('a sale with no commission of mine is empty, not an error', async () => {
    serveApi({ 'GET /me/commissions/501': fail(404, 'COMMISSION_NOT_FOUND') });
    render(<CommissionPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.commission.empty);
  });

  test('each line explains its rule and arithmetic', async () => {
    serveApi({ 'GET /me/commissions/501': { body: { items: [fixtures.commission] } } });
    render(<CommissionPage />);
    expect(await screen.findByText(strings.commission.title(501))).toBeInTheDocument();
    const lines = screen.getAllByTestId('commission-line');
    expect(lines[0]).toHaveTextContent('TEA-LJ-250 × 1');
    expect(lines[0]).toHaveTextContent(strings.commission.rule.hot_item);
    expect(lines[0]).toHaveTextContent('¥128.00 × 15% = ¥19.20（向下取整到分）');
    expect(lines[1]).toHaveTextContent(strings.commission.rule.sku_fixed);
    expect(lines[1]).toHaveTextContent('¥3.35 × 2 件 = ¥6.70');
    expect(screen.getByTestId('commission-card')).toHaveTextContent('¥25.90');
    expect(screen.getByTestId('commission-card')).toHaveTextContent(strings.commission.sellerSelf);
  });
});
