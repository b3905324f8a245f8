import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import CompetitionsPage from '../../src/packages/compete/competitions/index';
import { strings } from '../../src/strings';
import { hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';
import { competition, competitionBoard, standingBoard, taskBoard, taskCompetition } from '../helpers/compete-fixtures';

const text = strings.compete.competitions;

const standing: Route = ({ query }) => ({ status: 200, body: standingBoard((query.get('metric') ?? 'gmv') as 'gmv' | 'new_customers', (query.get('period') ?? 'month') as 'week' | 'month') });

const routes: Record<string, Route> = {
  'GET /me': { body: fixtures.me },
  'GET /competitions': { body: { items: [competition, taskCompetition] } },
  'GET /competitions/12/leaderboard': { body: competitionBoard },
  'GET /competitions/13/leaderboard': { body: taskBoard },
  'GET /leaderboards': standing,
};

describe('competitions page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<CompetitionsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ ...routes, 'GET /competitions': serverError() });
    render(<CompetitionsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('no competition: says so, and the standing board is still there', async () => {
    serveApi({ ...routes, 'GET /competitions': { body: { items: [] } } });
    render(<CompetitionsPage />);
    expect(await screen.findByTestId('competitions')).toHaveTextContent(text.empty);
    expect(screen.queryByTestId('competition-board')).toBeNull();
    expect(await screen.findByTestId('standing-leaderboard')).toHaveTextContent('茶**王');
  });

  test('the first competition’s board: prizes, my rank above it and my row highlighted, GMV in yuan', async () => {
    serveApi(routes);
    render(<CompetitionsPage />);
    const list = await screen.findByTestId('competitions');
    expect(within(list).getByTestId('competition-12')).toHaveTextContent(`${text.metric.gmv} · ${text.window('2026-11-01', '2026-11-30')}`);
    expect(within(list).getByTestId('competition-12')).toHaveTextContent(text.prizeRange(1, 1));
    expect(within(list).getByTestId('competition-13')).toHaveTextContent(text.notEligible);

    const board = await screen.findByTestId('competition-leaderboard');
    expect(within(board).getByTestId('my-rank')).toHaveTextContent(`${text.myRank(2)}¥5300.50`);
    const rows = within(board).getAllByTestId('board-row');
    expect(rows.map((row) => row.textContent)).toEqual(['1茶**王¥12800.00', `2超**花${text.me}¥5300.50`, '3粉**美¥120.00']);
    expect(rows[1]).toHaveClass('leaderboard__row--me');
    expect(rows[0]).not.toHaveClass('leaderboard__row--me');
  });

  test('picking another competition loads its board; outside its cohort the member is told so', async () => {
    const calls = serveApi(routes);
    render(<CompetitionsPage />);
    fireEvent.click(await screen.findByTestId('competition-13'));
    await waitFor(() => expect(screen.getByTestId('competition-leaderboard')).toHaveTextContent(text.notInBoard));
    expect(screen.getByTestId('competition-leaderboard')).toHaveTextContent(text.boardEmpty);
    expect(calls.map((call) => call.path)).toContain('/competitions/13/leaderboard');
  });

  test('the standing board follows the metric and period picked; a member outside any store sees no region or store tabs', async () => {
    const calls = serveApi(routes);
    render(<CompetitionsPage />);
    const board = await screen.findByTestId('standing-leaderboard');
    expect(board).toHaveTextContent(`${text.notRanked}¥0.00`);
    expect(screen.queryByTestId('standing-scope')).toBeNull();

    fireEvent.click(within(screen.getByTestId('standing-metric')).getByText(text.boardMetric.new_customers));
    fireEvent.click(within(screen.getByTestId('standing-period')).getByText(text.period.week));
    await waitFor(() => expect(screen.getByTestId('standing-leaderboard')).toHaveTextContent('1茶**王7'));
    const last = calls.filter((call) => call.path === '/leaderboards').at(-1)!;
    expect(Object.fromEntries(last.query)).toEqual({ metric: 'new_customers', period: 'week', scope: 'all' });
  });

  test('a clerk can switch the standing board to their store', async () => {
    const calls = serveApi({ ...routes, 'GET /me': { body: { ...fixtures.me, member: { ...fixtures.member, type: 'kos', storeId: 5 } } } });
    render(<CompetitionsPage />);
    fireEvent.click(within(await screen.findByTestId('standing-scope')).getByText(text.scope.store));
    await waitFor(() => expect(calls.filter((call) => call.path === '/leaderboards').at(-1)?.query.get('scope')).toBe('store'));
  });

  test('a board that fails to load shows its error in place, and retries', async () => {
    let failing = true;
    serveApi({ ...routes, 'GET /competitions/12/leaderboard': () => (failing ? serverError() : { status: 200, body: competitionBoard }) });
    render(<CompetitionsPage />);
    const card = await screen.findByTestId('competition-board');
    const error = await within(card).findByTestId('state-error');
    failing = false;
    fireEvent.click(within(error).getByText(strings.common.retry));
    expect(await within(card).findByTestId('competition-leaderboard')).toHaveTextContent(text.myRank(2));
  });
});
