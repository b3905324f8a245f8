import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import AssessmentPage from '../../src/packages/compete/assessment/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import { appeal, assessment, noAppeals, removal } from '../helpers/compete-fixtures';

const text = strings.compete.assessment;

describe('assessment page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<AssessmentPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/assessment': serverError(), 'GET /me/appeals': { body: noAppeals } });
    render(<AssessmentPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('no assessment this period and nothing to appeal', async () => {
    serveApi({ 'GET /me/assessment': { body: { items: [] } }, 'GET /me/appeals': { body: noAppeals } });
    render(<AssessmentPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(text.empty);
    expect(screen.queryByTestId('appeals')).toBeNull();
  });

  test('each metric against its target with what is missing, the score, tier, projected outcome and last period', async () => {
    serveApi({ 'GET /me/assessment': { body: assessment }, 'GET /me/appeals': { body: noAppeals } });
    render(<AssessmentPage />);
    const card = await screen.findByTestId('assessment-1');
    expect(card).toHaveTextContent('KOC 月度考核 · 2026-11');
    expect(card).toHaveTextContent(strings.assessment.outcome.warn);
    expect(card).toHaveTextContent(`${text.score(90)} · ${strings.assessment.tier('B')} · ${text.closes('2026-12-01')}`);
    const [gmv, orders] = within(card).getAllByTestId('assessment-metric');
    expect(gmv).toHaveTextContent(`${strings.assessment.metric.gmv}¥800.00 / ¥1000.00${text.shortfall('¥200.00')}`);
    expect(gmv.querySelector('.progress-bar__fill')).toHaveStyle({ width: '80%' });
    expect(orders).toHaveTextContent(`4 / 3${strings.assessment.met}`);
    expect(card).toHaveTextContent(text.lastResult('2026-10', text.outcome.pass));
    expect(screen.queryByTestId('appeals')).toBeNull();
  });

  test('a removed member appeals within the window: the reason is required, then sent, and the appeal is listed', async () => {
    let filed = false;
    const calls = serveApi({
      'GET /me/assessment': { body: { items: [] } },
      'GET /me/appeals': () => ({ status: 200, body: { removal, items: filed ? [{ ...appeal, status: 'open', decisionNote: null, decidedAt: null }] : [] } }),
      'POST /me/appeals': () => {
        filed = true;
        return { status: 201, body: { ...appeal, status: 'open', decisionNote: null, decidedAt: null } };
      },
    });
    render(<AssessmentPage />);
    const appeals = await screen.findByTestId('appeals');
    expect(appeals).toHaveTextContent(text.removal('2026-11-20', text.cause.assessment, '连续三个月考核未达标'));
    expect(appeals).toHaveTextContent(text.appealUntil('2099-12-04'));

    const form = within(appeals).getByTestId('appeal-form');
    fireEvent.click(within(form).getByText(text.appealSubmit));
    expect(form).toHaveTextContent(text.appealMissing);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByPlaceholderText(text.appealPlaceholder), { target: { value: ' 11 月住院，无法完成销售 ' } });
    fireEvent.click(within(form).getByText(text.appealSubmit));
    await waitFor(() => expect(screen.getByTestId('appeal-7')).toHaveTextContent(text.appealStatus.open));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ reason: '11 月住院，无法完成销售' });
    expect(screen.queryByTestId('appeal-form')).toBeNull();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: text.appealSent, icon: 'success' });
  });

  test('the server refusing the appeal says why', async () => {
    serveApi({ 'GET /me/assessment': { body: { items: [] } }, 'GET /me/appeals': { body: { removal, items: [] } }, 'POST /me/appeals': fail(409, 'APPEAL_WINDOW_CLOSED') });
    render(<AssessmentPage />);
    const form = await screen.findByTestId('appeal-form');
    fireEvent.change(within(form).getByPlaceholderText(text.appealPlaceholder), { target: { value: '请复核' } });
    fireEvent.click(within(form).getByText(text.appealSubmit));
    await waitFor(() => expect(form).toHaveTextContent(text.refusal.APPEAL_WINDOW_CLOSED));
  });

  test('a decided appeal shows HQ’s answer, and no second appeal is offered; nor after the window', async () => {
    serveApi({ 'GET /me/assessment': { body: { items: [] } }, 'GET /me/appeals': { body: { removal, items: [appeal] } } });
    const { unmount } = render(<AssessmentPage />);
    const decided = await screen.findByTestId('appeal-7');
    expect(decided).toHaveTextContent(text.appealStatus.rejected);
    expect(decided).toHaveTextContent(text.decision('请提供住院证明后重新加入'));
    expect(screen.queryByTestId('appeal-form')).toBeNull();
    unmount();

    serveApi({ 'GET /me/assessment': { body: { items: [] } }, 'GET /me/appeals': { body: { removal: { ...removal, appealUntil: '2026-11-22T02:00:00.000Z' }, items: [] } } });
    render(<AssessmentPage />);
    expect(await screen.findByTestId('appeals')).toHaveTextContent(text.appealClosed);
    expect(screen.queryByTestId('appeal-form')).toBeNull();
  });
});
