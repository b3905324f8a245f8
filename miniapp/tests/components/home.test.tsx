import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { formatDateTime } from '../../src/components/format';
import HomePage from '../../src/pages/home/index';
import { strings } from '../../src/strings';
import { HANG, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import * as compete from '../helpers/compete-fixtures';
import * as fixtures from '../helpers/fixtures';

const mainRoutes = {
  'GET /me': { body: fixtures.me },
  'GET /me/balances': { body: fixtures.balances },
  'GET /me/level': { body: fixtures.level },
  'GET /me/badges': { body: fixtures.badges },
  'GET /me/assessment': { body: fixtures.assessment },
};
const memberRoutes = {
  ...mainRoutes,
  'GET /competitions': { body: { items: [compete.competition] } },
  'GET /competitions/12/leaderboard': { body: compete.competitionBoard },
};

describe('home page', () => {
  beforeEach(() => signedIn());

  test('shows a spinner while the first replies are on their way', () => {
    hangAll();
    render(<HomePage />);
    expect(screen.getByTestId('state-loading')).toHaveTextContent(strings.common.loading);
  });

  test('a failed load shows the error and retrying loads again', async () => {
    const calls = serveApi({ ...memberRoutes, 'GET /me/balances': serverError() });
    render(<HomePage />);
    const error = await screen.findByTestId('state-error');
    expect(error).toHaveTextContent(strings.errors.server);
    expect(error).toHaveTextContent('req-test-1');
    serveApi(memberRoutes);
    fireEvent.click(within(error).getByText(strings.common.retry));
    expect(await screen.findByTestId('home-balances')).toBeInTheDocument();
    expect(calls.some((call) => call.path === '/me/balances')).toBe(true);
  });

  test('a user who has not joined is invited to join instead of seeing empty balances', async () => {
    const calls = serveApi({ 'GET /me': { body: fixtures.meNotMember } });
    render(<HomePage />);
    const empty = await screen.findByTestId('state-empty');
    expect(empty).toHaveTextContent(strings.home.notMemberTitle);
    expect(calls.map((call) => call.path)).toEqual(['/me']);
    fireEvent.click(within(empty).getByText(strings.home.joinAction));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/auth/join/index' });
    fireEvent.click(screen.getByText(strings.home.browseShop));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/shop/index/index' });
  });

  test('a customer bound to a member lands on the way into the shop, joining offered second', async () => {
    serveApi({ 'GET /me': { body: { ...fixtures.meNotMember, customerOf: { id: 3, nickname: '超***花' } } } });
    render(<HomePage />);
    const customer = await screen.findByTestId('home-customer');
    expect(customer).toHaveTextContent(strings.home.customerTitle('超***花'));
    expect(screen.queryByText(strings.home.notMemberTitle)).toBeNull();
    fireEvent.click(within(customer).getByText(strings.home.shopAction));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/shop/index/index' });
    fireEvent.click(within(customer).getByText(strings.home.joinLink));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/auth/join/index' });
  });

  test('a member sees balances in yuan, level progress, badges and assessment', async () => {
    const calls = serveApi(memberRoutes);
    render(<HomePage />);
    const balances = await screen.findByTestId('home-balances');
    expect(balances).toHaveTextContent('¥678.00');
    expect(balances).toHaveTextContent('¥123.45');
    expect(balances).toHaveTextContent('¥50.00');
    expect(screen.getByText(strings.home.greeting('超级粉丝阿花'))).toBeInTheDocument();

    const level = screen.getByTestId('home-level');
    expect(level).toHaveTextContent(strings.home.nextLevel('黄金'));
    expect(level).toHaveTextContent('¥1234.00 / ¥5000.00');
    expect(level).toHaveTextContent('直接邀请人数');

    const badges = screen.getByTestId('home-badges');
    expect(within(badges).getAllByText(/首单达成|社群20人/).map((node) => node.textContent)).toEqual(['社群20人', '首单达成']);

    const assessment = screen.getByTestId('home-assessment');
    expect(assessment).toHaveTextContent('KOC 月度考核 · 2026-11');
    expect(assessment).toHaveTextContent(strings.assessment.outcome.warn);
    expect(assessment).toHaveTextContent('¥800.00 / ¥1000.00');

    expect(calls.every((call) => call.authorization === 'Bearer access-1')).toBe(true);
  });

  test('a member reaches the badge wall, the assessment details and the competitions from home', async () => {
    serveApi(memberRoutes);
    render(<HomePage />);
    fireEvent.click(within(await screen.findByTestId('home-badges')).getByText(`${strings.compete.home.allBadges} ›`));
    fireEvent.click(within(screen.getByTestId('home-assessment')).getByText(`${strings.compete.home.assessmentDetail} ›`));
    fireEvent.click(within(screen.getByTestId('home-competition')).getByText(`${strings.compete.home.toCompetitions} ›`));
    expect((Taro.navigateTo as jest.Mock).mock.calls.map(([options]) => options.url)).toEqual([
      '/packages/growth/badges/index',
      '/packages/compete/assessment/index',
      '/packages/compete/competitions/index',
    ]);
  });

  test('a member with nothing yet sees zero balances and the empty badge and assessment notes', async () => {
    serveApi({
      ...memberRoutes,
      'GET /me/balances': { body: fixtures.zeroBalances },
      'GET /me/badges': { body: { items: [] } },
      'GET /me/assessment': { body: { items: [] } },
      'GET /me/level': { body: { level: 5, name: '钻石', next: null } },
    });
    render(<HomePage />);
    expect(await screen.findByTestId('home-balances')).toHaveTextContent('¥0.00');
    expect(screen.getByTestId('home-badges')).toHaveTextContent(strings.home.badgesEmpty);
    expect(screen.getByTestId('home-assessment')).toHaveTextContent(strings.home.assessmentEmpty);
    expect(screen.getByTestId('home-level')).toHaveTextContent(strings.home.topLevel);
  });
});

const DAY_MS = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const task = (id: number, dueAt: string, progress: { approved: number; pending: number; rejected: number }, done = false) => ({
  id,
  topic: `任务 ${id}`,
  hashtag: '#秋茶上新',
  platform: 'xiaohongshu' as const,
  dueAt,
  target: 2,
  audience: { regionId: null, storeId: 1, tiers: null },
  createdBy: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  progress,
  done,
});
const kosRoutes = { ...memberRoutes, 'GET /me': { body: fixtures.meKos } };

describe('home competition card', () => {
  beforeEach(() => signedIn());

  test('waits for the balances before asking for competitions', async () => {
    const calls = serveApi({ ...memberRoutes, 'GET /me/balances': HANG });
    render(<HomePage />);
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('/me/assessment'));
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    expect(calls.map((call) => call.path)).not.toContain('/competitions');
  });

  test('shows the balances while the standing is still loading', async () => {
    serveApi({ ...memberRoutes, 'GET /competitions': HANG });
    render(<HomePage />);
    expect(await screen.findByTestId('home-balances')).toHaveTextContent('¥678.00');
    expect(within(screen.getByTestId('home-competition')).getByTestId('state-loading')).toHaveTextContent(strings.common.loading);
  });

  test('shows my rank and GMV in the running competition that ends soonest, and a tap opens the competitions', async () => {
    const endsLater = { ...compete.competition, id: 20, name: '年度冠军赛', endsAt: '2026-12-31T16:00:00.000Z' };
    const notMine = { ...compete.competition, id: 21, name: '门店专场', endsAt: '2026-11-20T16:00:00.000Z', eligible: false };
    const upcoming = { ...compete.competition, id: 22, name: '12 月冠军赛', status: 'scheduled' as const, endsAt: '2026-11-25T16:00:00.000Z' };
    const calls = serveApi({ ...memberRoutes, 'GET /competitions': { body: { items: [endsLater, notMine, upcoming, compete.competition] } } });
    render(<HomePage />);
    const card = await screen.findByTestId('home-competition');
    await waitFor(() => expect(card).toHaveTextContent('11 月销售冠军赛'));
    expect(card).toHaveTextContent(strings.home.competitionRank(2));
    expect(card).toHaveTextContent('销售额 ¥5300.50');
    expect(card).toHaveTextContent(strings.home.competitionEnds('2026-12-01 00:00'));
    const boards = calls.filter((call) => call.path.endsWith('/leaderboard'));
    expect(boards.map((call) => `${call.path}?${call.query}`)).toEqual(['/competitions/12/leaderboard?limit=1']);
    const paths = calls.map((call) => call.path);
    expect(paths.indexOf('/competitions')).toBeGreaterThan(paths.indexOf('/me/assessment'));

    fireEvent.click(within(card).getByText('11 月销售冠军赛'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/compete/competitions/index' });
  });

  test('a count metric shows as a count, and a member without a rank reads 未上榜', async () => {
    const tasksRace = { ...compete.taskCompetition, eligible: true };
    serveApi({
      ...memberRoutes,
      'GET /competitions': { body: { items: [tasksRace] } },
      'GET /competitions/13/leaderboard': { body: { ...compete.taskBoard, competition: tasksRace, me: { rank: null, value: 0 } } },
    });
    render(<HomePage />);
    const card = await screen.findByTestId('home-competition');
    await waitFor(() => expect(card).toHaveTextContent('KOS 内容任务赛'));
    expect(card).toHaveTextContent('未上榜');
    expect(card).toHaveTextContent('完成任务 0');
    expect(card).not.toHaveTextContent('¥');
  });

  test('with no running competition says so and asks for no board', async () => {
    const closed = { ...compete.competition, status: 'closed' as const, closedAt: '2026-11-01T00:00:00.000Z' };
    const calls = serveApi({ ...memberRoutes, 'GET /competitions': { body: { items: [closed] } } });
    render(<HomePage />);
    const card = await screen.findByTestId('home-competition');
    await waitFor(() => expect(card).toHaveTextContent(strings.home.competitionEmpty));
    expect(calls.some((call) => call.path.endsWith('/leaderboard'))).toBe(false);
  });

  test('a failed standing shows its error in the card only, and retrying loads it', async () => {
    serveApi({ ...memberRoutes, 'GET /competitions/12/leaderboard': serverError() });
    render(<HomePage />);
    const card = await screen.findByTestId('home-competition');
    const error = await within(card).findByTestId('state-error');
    expect(error).toHaveTextContent(strings.errors.server);
    expect(screen.getByTestId('home-balances')).toHaveTextContent('¥678.00');
    expect(screen.getByTestId('home-assessment')).toHaveTextContent('KOC 月度考核');

    serveApi(memberRoutes);
    fireEvent.click(within(error).getByText(strings.common.retry));
    await waitFor(() => expect(card).toHaveTextContent(strings.home.competitionRank(2)));
    expect(within(card).queryByTestId('state-error')).not.toBeInTheDocument();
  });

  test('pulling down refreshes the standing too', async () => {
    serveApi(memberRoutes);
    render(<HomePage />);
    const card = await screen.findByTestId('home-competition');
    await waitFor(() => expect(card).toHaveTextContent(strings.home.competitionRank(2)));
    serveApi({ ...memberRoutes, 'GET /competitions/12/leaderboard': { body: { ...compete.competitionBoard, me: { rank: 1, value: 1290000 } } } });
    const onPullDown = (Taro.usePullDownRefresh as jest.Mock).mock.calls.at(-1)![0] as () => void;
    act(() => onPullDown());
    await waitFor(() => expect(card).toHaveTextContent(strings.home.competitionRank(1)));
    expect(card).toHaveTextContent('¥12900.00');
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
  });
});

describe('home tasks card', () => {
  beforeEach(() => signedIn());

  test('members who are not store clerks get no tasks card and no tasks request', async () => {
    const calls = serveApi(memberRoutes);
    render(<HomePage />);
    await waitFor(() => expect(screen.getByTestId('home-competition')).toHaveTextContent(strings.home.competitionRank(2)));
    expect(screen.queryByTestId('home-tasks')).not.toBeInTheDocument();
    expect(calls.map((call) => call.path)).not.toContain('/me/tasks');
  });

  test('a clerk sees the card loading while the tasks are on their way', async () => {
    serveApi({ ...kosRoutes, 'GET /me/tasks': HANG });
    render(<HomePage />);
    const card = await screen.findByTestId('home-tasks');
    expect(within(card).getByTestId('state-loading')).toBeInTheDocument();
    expect(screen.getByTestId('home-balances')).toHaveTextContent('¥678.00');
  });

  test('a clerk sees how many open tasks still need proof and the nearest due time, and a tap opens the tasks', async () => {
    const soonest = inDays(1);
    const items = [
      task(1, inDays(5), { approved: 1, pending: 0, rejected: 2 }),
      task(2, soonest, { approved: 0, pending: 0, rejected: 0 }),
      task(3, inDays(0.5), { approved: 2, pending: 0, rejected: 0 }, true),
      task(4, inDays(0.2), { approved: 1, pending: 1, rejected: 0 }),
      task(5, inDays(-1), { approved: 0, pending: 0, rejected: 0 }),
    ];
    serveApi({ ...kosRoutes, 'GET /me/tasks': { body: { items } } });
    render(<HomePage />);
    const card = await screen.findByTestId('home-tasks');
    await waitFor(() => expect(card).toHaveTextContent(strings.home.tasksDue(2)));
    expect(card).toHaveTextContent(strings.home.tasksNextDue(formatDateTime(soonest)));

    fireEvent.click(within(card).getByText(strings.home.tasksDue(2)));
    fireEvent.click(within(card).getByText(`${strings.home.toTasks} ›`));
    expect((Taro.navigateTo as jest.Mock).mock.calls.map(([options]) => options.url)).toEqual(['/packages/kos/tasks/index', '/packages/kos/tasks/index']);
  });

  test('a clerk with every task done or past due is told nothing needs proof', async () => {
    const items = [task(3, inDays(2), { approved: 2, pending: 0, rejected: 0 }, true), task(5, inDays(-1), { approved: 0, pending: 0, rejected: 1 })];
    serveApi({ ...kosRoutes, 'GET /me/tasks': { body: { items } } });
    render(<HomePage />);
    const card = await screen.findByTestId('home-tasks');
    await waitFor(() => expect(card).toHaveTextContent(strings.home.tasksEmpty));
  });

  test('failed tasks show their error in the card only, and retrying loads them', async () => {
    serveApi({ ...kosRoutes, 'GET /me/tasks': serverError() });
    render(<HomePage />);
    const card = await screen.findByTestId('home-tasks');
    const error = await within(card).findByTestId('state-error');
    expect(error).toHaveTextContent('req-test-1');
    await waitFor(() => expect(screen.getByTestId('home-competition')).toHaveTextContent(strings.home.competitionRank(2)));

    serveApi({ ...kosRoutes, 'GET /me/tasks': { body: { items: [task(2, inDays(3), { approved: 0, pending: 0, rejected: 0 })] } } });
    fireEvent.click(within(error).getByText(strings.common.retry));
    await waitFor(() => expect(card).toHaveTextContent(strings.home.tasksDue(1)));
  });
});
