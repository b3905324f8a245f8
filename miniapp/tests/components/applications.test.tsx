import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ApplicationsPage from '../../src/packages/manager/applications/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, signedIn, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

const s = strings.manager.applications;
const stores = { items: [{ id: 1, name: '上海南京西路店', regionId: 1, address: null, createdAt: '2026-11-01T00:00:00.000Z' }] };
const kos = {
  memberId: 12,
  userId: 30,
  nickname: '店员小刘',
  type: 'kos' as const,
  status: 'applied' as const,
  storeId: 1,
  application: { city: '上海', storeSize: 80, teamSize: 5, monthlySalesFen: 5000050, phoneSales: true, phone: '13800138000', agreementAccepted: true as const },
  appliedAt: '2026-11-20T02:00:00.000Z',
};
const external = { ...kos, memberId: 13, userId: 31, nickname: '分销商老陈', type: 'external' as const, storeId: null, application: { ...kos.application, phoneSales: false } };
const approved = { ...fixtures.member, id: 12, type: 'kos' as const, storeId: 1 };

const base = (pending: unknown[]): Record<string, Route> => ({
  'GET /admin/applications': ({ query }) => ({ status: 200, body: { items: query.get('status') === 'applied' ? pending : [] } }),
  'GET /stores': { body: stores },
});

describe('applications page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<ApplicationsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error: a user without the role is told so', async () => {
    serveApi({ ...base([]), 'GET /admin/applications': fail(403, 'FORBIDDEN') });
    render(<ApplicationsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.manager.refusal.FORBIDDEN);
  });

  test('none waiting, and the other states are a tap away', async () => {
    const calls = serveApi(base([]));
    render(<ApplicationsPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(s.empty.applied);
    fireEvent.click(within(screen.getByTestId('applications-status')).getByText(s.status.rejected));
    await waitFor(() => expect(screen.getByTestId('state-empty')).toHaveTextContent(s.empty.rejected));
    expect(calls.filter((call) => call.path === '/admin/applications').map((call) => call.query.get('status'))).toEqual(['applied', 'rejected']);
  });

  test('shows what each applicant filed, with the store by name', async () => {
    serveApi(base([kos, external]));
    render(<ApplicationsPage />);
    const card = await screen.findByTestId('application-12');
    expect(card).toHaveTextContent('店员小刘');
    expect(card).toHaveTextContent(strings.member.type.kos);
    expect(card).toHaveTextContent(s.store('上海南京西路店'));
    expect(card).toHaveTextContent(`${s.monthlySales}¥50000.50`);
    expect(card).toHaveTextContent(`${s.phoneSales}${s.yes}`);
    expect(card).toHaveTextContent('13800138000');
    const other = screen.getByTestId('application-13');
    expect(other).not.toHaveTextContent(s.store(''));
    expect(other).toHaveTextContent(`${s.phoneSales}${s.no}`);
  });

  test('approving asks first, then sends and reloads', async () => {
    let decided = false;
    const calls = serveApi({
      ...base([kos]),
      'GET /admin/applications': () => ({ status: 200, body: { items: decided ? [] : [kos] } }),
      'POST /admin/applications/12/approve': () => {
        decided = true;
        return { status: 200, body: approved };
      },
    });
    render(<ApplicationsPage />);
    fireEvent.click(within(await screen.findByTestId('application-12')).getByText(s.approve));
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(s.empty.applied);
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: s.approveBody('店员小刘') }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({});
    expect(Taro.showToast).toHaveBeenCalledWith({ title: s.approved, icon: 'success' });
  });

  test('approving can be called off at the modal', async () => {
    (Taro.showModal as jest.Mock).mockResolvedValue({ confirm: false, cancel: true });
    const calls = serveApi(base([kos]));
    render(<ApplicationsPage />);
    fireEvent.click(within(await screen.findByTestId('application-12')).getByText(s.approve));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  test('rejecting needs a reason, which is sent', async () => {
    const calls = serveApi({ ...base([kos]), 'POST /admin/applications/12/reject': { body: { ...approved, status: 'rejected' } } });
    render(<ApplicationsPage />);
    const card = await screen.findByTestId('application-12');
    fireEvent.click(within(card).getByText(s.reject));
    const form = within(card).getByTestId('reason-form');
    fireEvent.click(within(form).getByText(s.reject));
    expect(form).toHaveTextContent(strings.manager.reason.missing);
    fireEvent.change(within(form).getByPlaceholderText(strings.manager.reason.placeholder), { target: { value: ' 门店未登记该店员 ' } });
    fireEvent.click(within(form).getByText(s.reject));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ reason: '门店未登记该店员' }));
    await waitFor(() => expect(screen.queryByTestId('reason-form')).toBeNull());
  });

  test('a decision someone else already made is explained on the card', async () => {
    serveApi({ ...base([kos]), 'POST /admin/applications/12/approve': fail(409, 'APPLICATION_NOT_PENDING') });
    render(<ApplicationsPage />);
    fireEvent.click(within(await screen.findByTestId('application-12')).getByText(s.approve));
    await waitFor(() => expect(screen.getByTestId('application-12')).toHaveTextContent(strings.manager.refusal.APPLICATION_NOT_PENDING));
  });
});
