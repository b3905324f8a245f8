import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ReportsPage from '../../src/packages/manager/reports/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import { page } from '../helpers/fixtures';

const r = strings.manager.reports;
const open = {
  id: 21,
  memberCode: 'DK4XL',
  reason: 'other_brand_goods' as const,
  status: 'open' as const,
  createdAt: '2026-11-21T02:00:00.000Z',
  decidedAt: null,
  reporterUserId: 40,
  memberId: 3,
  memberNickname: '超级粉丝阿花',
  evidence: '群里发了别家茶叶的链接',
  note: null,
  decidedBy: null,
  forfeitedFen: null,
};
const confirmed = { ...open, id: 20, status: 'confirmed' as const, note: '核实属实', decidedAt: '2026-11-22T02:00:00.000Z', decidedBy: 2, forfeitedFen: { pending: 1200, available: 3400 } };

const note = (container: HTMLElement, text: string) =>
  fireEvent.change(within(container).getByPlaceholderText(strings.manager.reason.notePlaceholder), { target: { value: text } });

describe('violation reports page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<ReportsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /admin/reports': serverError() });
    render(<ReportsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('nothing open', async () => {
    serveApi({ 'GET /admin/reports': { body: page([]) } });
    render(<ReportsPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(r.empty.open);
  });

  test('an open report with its evidence; decided ones show the notes and what was forfeited', async () => {
    const calls = serveApi({ 'GET /admin/reports': ({ query }) => ({ status: 200, body: page<object>(query.get('status') === 'open' ? [open] : [confirmed]) }) });
    render(<ReportsPage />);
    const card = await screen.findByTestId('report-21');
    expect(card).toHaveTextContent(r.reason.other_brand_goods);
    expect(card).toHaveTextContent(r.member('超级粉丝阿花', 'DK4XL'));
    expect(card).toHaveTextContent('群里发了别家茶叶的链接');
    fireEvent.click(within(screen.getByTestId('reports-status')).getByText(r.status.confirmed));
    const decided = await screen.findByTestId('report-20');
    expect(decided).toHaveTextContent('核实属实');
    expect(decided).toHaveTextContent(`${r.forfeited}¥46.00`);
    expect(within(decided).queryByText(r.confirm)).toBeNull();
    expect(calls.map((call) => call.query.get('status'))).toEqual(['open', 'confirmed']);
  });

  test('confirming takes a note and warns what it does before sending', async () => {
    let decided = false;
    const calls = serveApi({
      'GET /admin/reports': () => ({ status: 200, body: page(decided ? [] : [open]) }),
      'POST /admin/reports/21/confirm': () => {
        decided = true;
        return { status: 200, body: { ...open, status: 'confirmed', note: '核实属实' } };
      },
    });
    render(<ReportsPage />);
    const card = await screen.findByTestId('report-21');
    fireEvent.click(within(card).getByText(r.confirm));
    const form = within(card).getByTestId('reason-form');
    fireEvent.click(within(form).getByText(r.confirm));
    expect(form).toHaveTextContent(strings.manager.reason.missing);
    note(form, '核实属实');
    fireEvent.click(within(form).getByText(r.confirm));
    expect(await screen.findByTestId('state-empty')).toBeInTheDocument();
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: r.confirmBody('超级粉丝阿花') }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ note: '核实属实' });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: r.confirmed, icon: 'success' });
  });

  test('dismissing sends the note without the ban warning', async () => {
    const calls = serveApi({ 'GET /admin/reports': { body: page([open]) }, 'POST /admin/reports/21/dismiss': { body: { ...open, status: 'dismissed' } } });
    render(<ReportsPage />);
    const card = await screen.findByTestId('report-21');
    fireEvent.click(within(card).getByText(r.dismiss));
    note(card, '链接是品牌自己的');
    fireEvent.click(within(within(card).getByTestId('reason-form')).getByText(r.dismiss));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.path).toBe('/admin/reports/21/dismiss'));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ note: '链接是品牌自己的' });
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  test('a report someone else decided meanwhile is explained on the card', async () => {
    serveApi({ 'GET /admin/reports': { body: page([open]) }, 'POST /admin/reports/21/dismiss': fail(409, 'REPORT_ALREADY_DECIDED') });
    render(<ReportsPage />);
    const card = await screen.findByTestId('report-21');
    fireEvent.click(within(card).getByText(r.dismiss));
    note(card, '重复举报');
    fireEvent.click(within(within(card).getByTestId('reason-form')).getByText(r.dismiss));
    await waitFor(() => expect(screen.getByTestId('report-21')).toHaveTextContent(strings.manager.refusal.REPORT_ALREADY_DECIDED));
  });
});
