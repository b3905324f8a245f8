import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import TrainingPage from '../../src/packages/manager/training/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';

const t = strings.manager.training;
const recruiting = {
  id: 4,
  brand: '分享圈',
  nameTemplate: t.defaultTemplate,
  phase: 'recruiting' as const,
  displayName: '分享圈 KOC 培训营 · 招募中',
  wecomChatId: null,
  createdBy: 7,
  createdAt: '2026-11-01T00:00:00.000Z',
  phaseChangedAt: '2026-11-01T00:00:00.000Z',
  enrolled: 12,
};
const finished = { ...recruiting, id: 3, phase: 'finished' as const, displayName: '分享圈 KOC 培训营 · 已结束' };
const change = (group: object, setNameTo: string) => ({ ...group, wechat: { setNameTo, checklistItemId: 30 } });

describe('training groups page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<TrainingPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /admin/training-groups': serverError() });
    render(<TrainingPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('none yet: creating one sends Chinese phase names and tells the name to give the WeChat group', async () => {
    let created = false;
    const calls = serveApi({
      'GET /admin/training-groups': () => ({ status: 200, body: { items: created ? [recruiting] : [] } }),
      'POST /admin/training-groups': () => {
        created = true;
        return { status: 201, body: change(recruiting, recruiting.displayName) };
      },
    });
    render(<TrainingPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(t.empty);
    const form = screen.getByTestId('training-create');
    fireEvent.click(within(form).getByText(t.create));
    expect(form).toHaveTextContent(t.brandInvalid);
    fireEvent.change(within(form).getByPlaceholderText(t.templatePlaceholder), { target: { value: '{brand} 新人营' } });
    fireEvent.change(within(form).getByPlaceholderText(t.brandPlaceholder), { target: { value: '分享圈' } });
    fireEvent.click(within(form).getByText(t.create));
    expect(form).toHaveTextContent(t.templateInvalid);
    fireEvent.change(within(form).getByPlaceholderText(t.templatePlaceholder), { target: { value: '' } });
    fireEvent.click(within(form).getByText(t.create));
    expect(await screen.findByTestId('training-4')).toHaveTextContent(t.enrolled(12));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      brand: '分享圈',
      nameTemplate: t.defaultTemplate,
      phaseLabels: { recruiting: '招募中', training: '培训中', in_session: '上课中', closing: '结营中', finished: '已结束' },
    });
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: t.renameTitle, content: t.renameBody(recruiting.displayName), showCancel: false }));
  });

  test('moves a group to its next phase after a confirmation, and says what to rename it to; a finished group has no next phase', async () => {
    const calls = serveApi({
      'GET /admin/training-groups': { body: { items: [recruiting, finished] } },
      'POST /admin/training-groups/4/phase': { body: change({ ...recruiting, phase: 'training' }, '分享圈 KOC 培训营 · 培训中') },
    });
    render(<TrainingPage />);
    const card = await screen.findByTestId('training-4');
    expect(card).toHaveTextContent(t.phase.recruiting);
    expect(within(screen.getByTestId('training-3')).queryByText(/进入/)).toBeNull();
    fireEvent.click(within(card).getByText(t.next(t.phase.training)));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: t.renameBody('分享圈 KOC 培训营 · 培训中') })));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: t.nextBody(recruiting.displayName, t.phase.training) }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ phase: 'training' });
  });

  test('a phase change the server refuses is explained on the card', async () => {
    serveApi({ 'GET /admin/training-groups': { body: { items: [recruiting] } }, 'POST /admin/training-groups/4/phase': fail(409, 'TRAINING_PHASE_INVALID') });
    render(<TrainingPage />);
    fireEvent.click(within(await screen.findByTestId('training-4')).getByText(t.next(t.phase.training)));
    await waitFor(() => expect(screen.getByTestId('training-4')).toHaveTextContent(strings.manager.refusal.TRAINING_PHASE_INVALID));
  });
});
