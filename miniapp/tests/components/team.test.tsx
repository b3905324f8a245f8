import { fireEvent, render, screen } from '@testing-library/react';
import TeamPage from '../../src/pages/team/index';
import { strings } from '../../src/strings';
import { hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

describe('team page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<TeamPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/team': serverError() });
    render(<TeamPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('empty tier', async () => {
    serveApi({ 'GET /me/team': { body: fixtures.page([]) } });
    render(<TeamPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.team.empty[1]);
  });

  test('L1 then L2 downlines with type, status and join date', async () => {
    const calls = serveApi({
      'GET /me/team': ({ query }) => ({ status: 200, body: fixtures.page(query.get('tier') === '2' ? fixtures.teamTier2 : fixtures.teamTier1) }),
    });
    render(<TeamPage />);
    const rows = await screen.findAllByTestId('team-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('粉**美');
    expect(rows[0]).toHaveTextContent(strings.member.status.active);
    expect(rows[1]).toHaveTextContent(strings.member.status.probation);
    expect(rows[0]).toHaveTextContent('2026-11-03 加入');
    expect(rows[0]).toHaveTextContent('本月销售 ¥1760.00 · 为我带来佣金 ¥52.80');
    expect(screen.getByText(strings.team.count(2, false))).toBeInTheDocument();

    fireEvent.click(screen.getByText(strings.team.tier2));
    expect(await screen.findByText('粉**壮')).toBeInTheDocument();
    // Only two tiers pay: an indirect member brings sales, never commission.
    const indirect = await screen.findAllByTestId('team-row');
    expect(indirect[0]).toHaveTextContent('本月销售 ¥300.00');
    expect(indirect[0]).not.toHaveTextContent('为我带来佣金');
    expect(calls.map((call) => call.query.get('tier'))).toEqual(['1', '2']);
  });
});
