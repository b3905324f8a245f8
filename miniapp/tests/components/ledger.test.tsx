import { render, screen } from '@testing-library/react';
import LedgerPage from '../../src/packages/earnings/ledger/index';
import { strings } from '../../src/strings';
import { hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

describe('ledger page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<LedgerPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/ledger': serverError() });
    render(<LedgerPage />);
    expect(await screen.findByTestId('state-error')).toBeInTheDocument();
  });

  test('empty', async () => {
    serveApi({ 'GET /me/ledger': { body: fixtures.page([]) } });
    render(<LedgerPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.ledger.empty);
  });

  test('one row per entry, in Chinese by kind, with signed yuan, the accounts moved and Beijing time', async () => {
    serveApi({ 'GET /me/ledger': { body: fixtures.page(fixtures.ledgerLines) } });
    render(<LedgerPage />);
    const rows = await screen.findAllByTestId('ledger-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('佣金解冻 · 订单 #501');
    expect(rows[0]).toHaveTextContent('+25.90');
    expect(rows[0]).toHaveTextContent('冻结 → 可提现');
    expect(rows[0]).toHaveTextContent('2026-11-20 12:05');
    expect(rows[1]).toHaveTextContent('提现申请 · 提现 #3');
    expect(rows[1]).toHaveTextContent('-100.00');
    expect(rows[1]).toHaveTextContent('可提现 → 提现中');
    expect(rows[2]).toHaveTextContent('佣金入账 · 订单 #501');
    expect(rows[2]).toHaveTextContent('+25.90');
    expect(rows[2]).toHaveTextContent(strings.ledger.account.pending);
  });
});
