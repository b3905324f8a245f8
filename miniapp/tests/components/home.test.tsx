import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import HomePage from '../../src/pages/home/index';
import { strings } from '../../src/strings';
import { hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

const memberRoutes = {
  'GET /me': { body: fixtures.me },
  'GET /me/balances': { body: fixtures.balances },
  'GET /me/level': { body: fixtures.level },
  'GET /me/badges': { body: fixtures.badges },
  'GET /me/assessment': { body: fixtures.assessment },
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
  });

  test('a member sees balances in yuan, level progress, badges, assessment and the placeholders', async () => {
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

    expect(screen.getByTestId('home-competition')).toHaveTextContent(strings.compete.home.competitionHint);
    expect(screen.getByTestId('home-tasks')).toHaveTextContent(strings.home.tasksPlaceholder);
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
