import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ReportPage from '../../src/packages/compete/report/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';
import { report } from '../helpers/compete-fixtures';

const text = strings.compete.report;

function fill(code: string, reason?: string, evidence?: string) {
  const form = screen.getByTestId('report-form');
  fireEvent.change(within(form).getByPlaceholderText(text.codePlaceholder), { target: { value: code } });
  if (reason) fireEvent.click(within(form).getByText(reason));
  if (evidence !== undefined) fireEvent.change(within(form).getByPlaceholderText(text.evidencePlaceholder), { target: { value: evidence } });
  fireEvent.click(within(form).getByText(text.submit));
  return form;
}

describe('report page', () => {
  beforeEach(() => signedIn());

  test('the history loads under the form', () => {
    hangAll();
    render(<ReportPage />);
    expect(screen.getByTestId('report-form')).toBeInTheDocument();
    expect(within(screen.getByTestId('report-history')).getByTestId('state-loading')).toBeInTheDocument();
  });

  test('a history that fails to load shows the error in its card', async () => {
    serveApi({ 'GET /me/reports': serverError() });
    render(<ReportPage />);
    expect(await within(screen.getByTestId('report-history')).findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('no report yet', async () => {
    serveApi({ 'GET /me/reports': { body: fixtures.page([]) } });
    render(<ReportPage />);
    await waitFor(() => expect(screen.getByTestId('report-history')).toHaveTextContent(text.historyEmpty));
  });

  test('past reports with their outcome', async () => {
    serveApi({ 'GET /me/reports': { body: fixtures.page([report, { ...report, id: 30, memberCode: 'AB3CD', reason: 'harassment', status: 'open', decidedAt: null }]) } });
    render(<ReportPage />);
    expect(await screen.findByTestId('report-31')).toHaveTextContent(`XY7Q2${text.status.confirmed}${text.reasons.fake_orders} · ${text.filedAt('2026-11-18')}`);
    expect(screen.getByTestId('report-30')).toHaveTextContent(text.status.open);
  });

  test('the code and a reason are required before anything is sent', async () => {
    const calls = serveApi({ 'GET /me/reports': { body: fixtures.page([]) } });
    render(<ReportPage />);
    const form = fill('x');
    expect(form).toHaveTextContent(text.problem.code);
    expect(form).toHaveTextContent(text.problem.reason);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  test('a report is sent with its reason and evidence, then shows in the history and the form empties', async () => {
    let filed = false;
    const routes: Record<string, Route> = {
      'GET /me/reports': () => ({ status: 200, body: fixtures.page(filed ? [{ ...report, status: 'open', decidedAt: null }] : []) }),
      'POST /reports': () => {
        filed = true;
        return { status: 201, body: { ...report, status: 'open', decidedAt: null } };
      },
    };
    const calls = serveApi(routes);
    render(<ReportPage />);
    await waitFor(() => expect(screen.getByTestId('report-history')).toHaveTextContent(text.historyEmpty));
    fill(' XY7Q2 ', text.reasons.fake_orders, '群里发刷单链接');
    expect(await screen.findByTestId('report-31')).toHaveTextContent(text.status.open);
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ memberCode: 'XY7Q2', reason: 'fake_orders', evidence: '群里发刷单链接' });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: text.sent, icon: 'success' });
    expect(screen.getByPlaceholderText(text.codePlaceholder)).toHaveValue('');
  });

  test.each([
    ['MEMBER_NOT_FOUND', 404, text.refusal.MEMBER_NOT_FOUND],
    ['SELF_REPORT', 422, text.refusal.SELF_REPORT],
    ['RATE_LIMITED', 429, text.rateLimited(5, 24)],
  ])('a refusal with %s says why and keeps what was typed', async (code, status, message) => {
    serveApi({ 'GET /me/reports': { body: fixtures.page([]) }, 'POST /reports': fail(status, code) });
    render(<ReportPage />);
    const form = fill('XY7Q2', text.reasons.other);
    await waitFor(() => expect(form).toHaveTextContent(message));
    expect(within(form).getByPlaceholderText(text.codePlaceholder)).toHaveValue('XY7Q2');
  });
});
