import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import GroupsPage from '../../src/packages/manager/groups/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';

const g = strings.manager.groups;
const todo = {
  id: 5,
  kind: 'add_admin' as const,
  assigneeUserId: 7,
  groupId: 2,
  trainingGroupId: null,
  groupName: '南京西路老茶客群',
  memberId: 3,
  newName: null,
  instruction: '在微信群「南京西路老茶客群」中把 超级粉丝阿花 设为群管理员',
  createdAt: '2026-11-22T02:00:00.000Z',
  doneAt: null,
};
const group = (admin: unknown) => ({
  id: 2,
  kind: 'customer' as const,
  name: '南京西路老茶客群',
  joinCode: 'NJXL01',
  referralCode: null,
  ownerMemberId: null,
  size: 180,
  sizeSource: 'wecom' as const,
  sizeReportedAt: null,
  wecomChatId: 'wrOgQhDgAA',
  createdAt: '2026-11-01T00:00:00.000Z',
  admin,
});
const adminRef = { rightId: 8, memberId: 3, scope: 'full' as const, grantedAt: '2026-11-10T00:00:00.000Z', expiresAt: null };
const right = {
  id: 8,
  groupId: 2,
  groupName: '南京西路老茶客群',
  memberId: 3,
  nickname: '超级粉丝阿花',
  scope: 'full' as const,
  requiredLevel: 3,
  grantedBy: 7,
  grantedAt: '2026-11-10T00:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  revokeCause: null,
  revokeReason: null,
};
const oldRight = { ...right, id: 6, nickname: '粉丝小美', memberId: 4, scope: 'moderation' as const, revokedAt: '2026-11-05T00:00:00.000Z', revokeCause: 'demotion' as const, revokeReason: '等级降到 2' };

const base = (overrides: Record<string, Route> = {}): Record<string, Route> => ({
  'GET /admin/groups/wechat-checklist': { body: { items: [todo] } },
  'GET /admin/groups': { body: { items: [group(null)] } },
  'GET /admin/groups/2/admins': { body: { items: [oldRight] } },
  ...overrides,
});

describe('groups page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<GroupsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi(base({ 'GET /admin/groups': serverError() }));
    render(<GroupsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('nothing to do and no groups', async () => {
    serveApi(base({ 'GET /admin/groups/wechat-checklist': { body: { items: [] } }, 'GET /admin/groups': { body: { items: [] } } }));
    render(<GroupsPage />);
    expect(await screen.findByTestId('wechat-checklist')).toHaveTextContent(g.checklistEmpty);
    expect(screen.getByTestId('state-empty')).toHaveTextContent(g.groupsEmpty);
  });

  test('asks only for customer groups and pending to-dos; a to-do done in WeChat is ticked off', async () => {
    let done = false;
    const calls = serveApi(
      base({
        'GET /admin/groups/wechat-checklist': () => ({ status: 200, body: { items: done ? [] : [todo] } }),
        'POST /admin/groups/wechat-checklist/5/done': () => {
          done = true;
          return { status: 200, body: { ...todo, doneAt: '2026-11-23T00:00:00.000Z' } };
        },
      }),
    );
    render(<GroupsPage />);
    const item = await screen.findByTestId('checklist-5');
    expect(item).toHaveTextContent(g.kind.add_admin);
    expect(item).toHaveTextContent(todo.instruction);
    fireEvent.click(within(item).getByText(g.markDone));
    await waitFor(() => expect(screen.getByTestId('wechat-checklist')).toHaveTextContent(g.checklistEmpty));
    expect(calls.find((call) => call.path === '/admin/groups')?.query.get('kind')).toBe('customer');
    expect(calls.find((call) => call.path === '/admin/groups/wechat-checklist')?.query.get('status')).toBe('pending');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: g.markedDone, icon: 'success' });
  });

  test('a group without an admin: its history, and granting rights to a member', async () => {
    let granted = false;
    const calls = serveApi(
      base({
        'GET /admin/groups': () => ({ status: 200, body: { items: [group(granted ? adminRef : null)] } }),
        'POST /admin/groups/2/admins': () => {
          granted = true;
          return { status: 201, body: right };
        },
      }),
    );
    render(<GroupsPage />);
    const card = await screen.findByTestId('group-2');
    expect(card).toHaveTextContent(g.size(180));
    expect(card).toHaveTextContent(g.noAdmin);
    fireEvent.click(within(card).getByText(g.manage));
    const admins = await screen.findByTestId('group-admins-2');
    await waitFor(() => expect(admins).toHaveTextContent(g.granted('粉丝小美', '2026-11-10')));
    expect(admins).toHaveTextContent(`${g.revokeCause.demotion}：等级降到 2`);

    const form = within(admins).getByTestId('grant-form');
    fireEvent.click(within(form).getByText(g.grant));
    expect(form).toHaveTextContent(g.memberIdInvalid);
    fireEvent.change(within(form).getByPlaceholderText(g.memberIdPlaceholder), { target: { value: '3' } });
    fireEvent.click(within(form).getByText(g.scope.full));
    fireEvent.change(within(form).getByPlaceholderText(g.requiredLevelPlaceholder), { target: { value: '4' } });
    fireEvent.click(within(form).getByText(g.grant));
    await waitFor(() => expect(screen.getByTestId('group-2')).toHaveTextContent(g.admin(3)));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ memberId: 3, scope: 'full', requiredLevel: 4 });
    expect(calls.filter((call) => call.path === '/admin/groups/wechat-checklist')).toHaveLength(2);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: g.grantedToast, icon: 'none' });
  });

  test('a refused grant says why', async () => {
    serveApi(base({ 'POST /admin/groups/2/admins': fail(409, 'NOT_ELIGIBLE') }));
    render(<GroupsPage />);
    fireEvent.click(within(await screen.findByTestId('group-2')).getByText(g.manage));
    const form = await screen.findByTestId('grant-form');
    fireEvent.change(within(form).getByPlaceholderText(g.memberIdPlaceholder), { target: { value: '9' } });
    fireEvent.click(within(form).getByText(g.grant));
    await waitFor(() => expect(screen.getByTestId('group-admins-2')).toHaveTextContent(strings.manager.refusal.NOT_ELIGIBLE));
  });

  test('revoking the current admin, with an optional reason, after a confirmation', async () => {
    const calls = serveApi(base({ 'GET /admin/groups': { body: { items: [group(adminRef)] } }, 'GET /admin/groups/2/admins': { body: { items: [right] } }, 'DELETE /admin/groups/2/admins/3': { body: { ...right, revokedAt: '2026-11-23T00:00:00.000Z', revokeCause: 'manual' } } }));
    render(<GroupsPage />);
    const card = await screen.findByTestId('group-2');
    expect(card).toHaveTextContent(`${g.admin(3)} · ${g.scope.full}`);
    fireEvent.click(within(card).getByText(g.manage));
    const admins = await screen.findByTestId('group-admins-2');
    expect(within(admins).queryByTestId('grant-form')).toBeNull();
    fireEvent.click(within(admins).getByText(g.revoke));
    fireEvent.click(within(within(admins).getByTestId('reason-form')).getByText(g.revoke));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE')).toBe(true));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: g.revokeBody(3) }));
    expect(calls.find((call) => call.method === 'DELETE')?.query.get('reason')).toBeNull();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: g.revokedToast, icon: 'none' });
  });
});
