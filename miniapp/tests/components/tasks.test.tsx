import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import TasksPage from '../../src/packages/kos/tasks/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';

const t = strings.kos.tasks;
const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const task = {
  id: 7,
  topic: '秋季新茶开箱',
  hashtag: '#秋茶上新',
  platform: 'xiaohongshu' as const,
  dueAt: inAWeek,
  target: 3,
  audience: { regionId: null, storeId: 1, tiers: null },
  createdBy: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  progress: { approved: 1, pending: 1, rejected: 1 },
  done: false,
};
const pastTask = { ...task, id: 6, topic: '国庆门店探店', platform: 'douyin' as const, dueAt: '2026-10-08T00:00:00.000Z', progress: { approved: 2, pending: 0, rejected: 0 } };
const submission = {
  id: 31,
  taskId: 7,
  memberId: 4,
  url: 'https://www.xiaohongshu.com/explore/abc',
  imageUrls: [] as string[],
  note: null,
  metrics: null,
  status: 'pending' as const,
  reviewReason: null,
  reviewedBy: null,
  reviewedAt: null,
  createdAt: '2026-11-23T00:00:00.000Z',
};

function typeIn(container: HTMLElement, placeholder: string, value: string) {
  fireEvent.change(within(container).getByPlaceholderText(placeholder), { target: { value } });
}

describe('KOS tasks page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<TasksPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/tasks': serverError() });
    render(<TasksPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('no tasks', async () => {
    serveApi({ 'GET /me/tasks': { body: { items: [] } } });
    render(<TasksPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(t.empty);
  });

  test('each task with its platform, due date and review results; a closed task takes no proof', async () => {
    serveApi({ 'GET /me/tasks': { body: { items: [task, pastTask] } } });
    render(<TasksPage />);
    const open = await screen.findByTestId('task-7');
    expect(open).toHaveTextContent('小红书 · #秋茶上新');
    expect(open).toHaveTextContent(t.progress(1, 3));
    expect(open).toHaveTextContent(t.reviewing(1));
    expect(open).toHaveTextContent(t.rejected(1));
    expect(open).toHaveTextContent(t.rejectedHint);
    const closed = screen.getByTestId('task-6');
    expect(closed).toHaveTextContent(t.overdue);
    expect(closed).toHaveTextContent(t.due('2026-10-08'));
    expect(within(closed).queryByText(t.submit)).toBeNull();
  });

  test('proof is checked, sent, and the task then counts it as under review', async () => {
    let sent = false;
    const calls = serveApi({
      'GET /me/tasks': () => ({ status: 200, body: { items: [sent ? { ...task, progress: { ...task.progress, pending: 2 } } : task] } }),
      'POST /me/tasks/7/submissions': () => {
        sent = true;
        return { status: 201, body: submission };
      },
    });
    render(<TasksPage />);
    const card = await screen.findByTestId('task-7');
    fireEvent.click(within(card).getByText(t.submit));
    const form = screen.getByTestId('proof-form');
    typeIn(form, t.urlPlaceholder, 'xiaohongshu.com/abc');
    typeIn(form, t.metric.views, '1200');
    fireEvent.click(within(form).getByText(t.send));
    expect(form).toHaveTextContent(t.problem.url);
    expect(within(form).getAllByText(t.problem.metric)).toHaveLength(3);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    typeIn(form, t.urlPlaceholder, ' https://www.xiaohongshu.com/explore/abc ');
    typeIn(form, t.notePlaceholder, '周末发布');
    typeIn(form, t.metric.likes, '88');
    typeIn(form, t.metric.comments, '9');
    typeIn(form, t.metric.leads, '2');
    fireEvent.click(within(form).getByText(t.send));
    await waitFor(() => expect(screen.getByTestId('task-7')).toHaveTextContent(t.reviewing(2)));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      url: 'https://www.xiaohongshu.com/explore/abc',
      note: '周末发布',
      metrics: { views: 1200, likes: 88, comments: 9, leads: 2 },
    });
    expect(screen.queryByTestId('proof-form')).toBeNull();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: t.sent, icon: 'success' });
  });

  test('a link sent twice is refused with a reason, and the form stays open', async () => {
    serveApi({ 'GET /me/tasks': { body: { items: [task] } }, 'POST /me/tasks/7/submissions': fail(409, 'DUPLICATE_SUBMISSION') });
    render(<TasksPage />);
    fireEvent.click(within(await screen.findByTestId('task-7')).getByText(t.submit));
    typeIn(screen.getByTestId('proof-form'), t.urlPlaceholder, 'https://v.douyin.com/x1');
    fireEvent.click(screen.getByText(t.send));
    expect(await screen.findByTestId('proof-problem')).toHaveTextContent(t.refusal.DUPLICATE_SUBMISSION);
    expect(screen.getByTestId('proof-form')).toBeInTheDocument();
  });

  describe('screenshots as proof', () => {
    const p = strings.taskProof;
    const taro = Taro as unknown as { chooseMedia: jest.Mock; uploadFile: jest.Mock };
    const uploadedUrl = (n: number) => `https://api.example.com/api/v1/uploads/${String(n).repeat(32)}.jpg`;
    const picked = (...files: { path: string; size?: number }[]) =>
      taro.chooseMedia.mockResolvedValue({ type: 'image', tempFiles: files.map((file) => ({ tempFilePath: file.path, size: file.size ?? 200_000, fileType: 'image' })), errMsg: 'chooseMedia:ok' });
    /** The API behind Taro.uploadFile: each upload answers the next URL, or what `reply` says. */
    function serveUploads(reply?: (filePath: string) => { statusCode: number; data: string } | Promise<never>) {
      let n = 0;
      taro.uploadFile.mockImplementation((options: { filePath: string }) =>
        Promise.resolve(reply ? reply(options.filePath) : { statusCode: 201, data: JSON.stringify({ url: uploadedUrl(++n) }), errMsg: 'uploadFile:ok' }),
      );
    }
    async function openForm() {
      fireEvent.click(within(await screen.findByTestId('task-7')).getByText(t.submit));
      return screen.getByTestId('proof-form');
    }
    const thumbnails = (form: HTMLElement) => Array.from(form.querySelectorAll('img')).map((img) => img.getAttribute('src'));

    test('are picked, uploaded with the session, shown as thumbnails, and sent instead of a link', async () => {
      const calls = serveApi({ 'GET /me/tasks': { body: { items: [task] } }, 'POST /me/tasks/7/submissions': { status: 201, body: { ...submission, url: null, imageUrls: [uploadedUrl(1), uploadedUrl(2)] } } });
      picked({ path: 'wxfile://tmp/live-1.jpg' }, { path: 'wxfile://tmp/live-2.jpg' });
      serveUploads();
      render(<TasksPage />);
      const form = await openForm();
      fireEvent.click(within(form).getByText(p.add));
      await waitFor(() => expect(within(form).getByText(t.send)).not.toBeDisabled());
      expect(taro.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 3, mediaType: ['image'] }));
      expect(taro.uploadFile.mock.calls.map(([options]) => options)).toEqual([
        expect.objectContaining({ url: '/api/v1/uploads', filePath: 'wxfile://tmp/live-1.jpg', name: 'file', header: { authorization: 'Bearer access-1' } }),
        expect.objectContaining({ url: '/api/v1/uploads', filePath: 'wxfile://tmp/live-2.jpg', name: 'file', header: { authorization: 'Bearer access-1' } }),
      ]);
      expect(thumbnails(form)).toEqual(['wxfile://tmp/live-1.jpg', 'wxfile://tmp/live-2.jpg']);
      expect(form).not.toHaveTextContent(p.uploading);

      // One removed before sending is not sent.
      picked({ path: 'wxfile://tmp/blurry.jpg' });
      fireEvent.click(within(form).getByText(p.add));
      await waitFor(() => expect(thumbnails(form)).toHaveLength(3));
      expect(within(form).queryByText(p.add)).toBeNull();
      fireEvent.click(within(within(form).getAllByTestId('proof-image')[2]).getByText(p.remove));
      typeIn(form, t.notePlaceholder, '直播截图');
      fireEvent.click(within(form).getByText(t.send));
      await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: t.sent, icon: 'success' }));
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ imageUrls: [uploadedUrl(1), uploadedUrl(2)], note: '直播截图' });
    });

    test('without a link or a screenshot nothing is sent', async () => {
      const calls = serveApi({ 'GET /me/tasks': { body: { items: [task] } } });
      render(<TasksPage />);
      const form = await openForm();
      fireEvent.click(within(form).getByText(t.send));
      expect(form).toHaveTextContent(p.needLinkOrImage);
      expect(calls.some((call) => call.method === 'POST')).toBe(false);
    });

    test('an image over 5 MB stays out, a refused upload says why and can be retried, and sending waits for uploads', async () => {
      serveApi({ 'GET /me/tasks': { body: { items: [task] } } });
      picked({ path: 'wxfile://tmp/huge.jpg', size: 6 * 1024 * 1024 }, { path: 'wxfile://tmp/shot.heic' });
      serveUploads(() => ({ statusCode: 415, data: JSON.stringify({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send a PNG or JPEG image' } }) }));
      render(<TasksPage />);
      const form = await openForm();
      fireEvent.click(within(form).getByText(p.add));
      expect(await within(form).findByText(p.failed)).toBeInTheDocument();
      expect(form).toHaveTextContent(p.refusal.UNSUPPORTED_MEDIA_TYPE);
      expect(thumbnails(form)).toEqual(['wxfile://tmp/shot.heic']);
      expect(taro.uploadFile).toHaveBeenCalledTimes(1);

      let finish: (reply: { statusCode: number; data: string }) => void = () => undefined;
      taro.uploadFile.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
      fireEvent.click(within(form).getByText(p.failed));
      expect(within(form).getByText(p.uploading)).toBeInTheDocument();
      expect(within(form).getByText(p.waitForUploads)).toBeDisabled();
      await waitFor(() => expect(taro.uploadFile).toHaveBeenCalledTimes(2));
      finish({ statusCode: 201, data: JSON.stringify({ url: uploadedUrl(7) }) });
      await waitFor(() => expect(within(form).getByText(t.send)).not.toBeDisabled());
      expect(form).not.toHaveTextContent(p.refusal.UNSUPPORTED_MEDIA_TYPE);
      expect(taro.uploadFile).toHaveBeenLastCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/shot.heic' }));
    });

    test('an image over 5 MB is refused before any upload', async () => {
      serveApi({ 'GET /me/tasks': { body: { items: [task] } } });
      picked({ path: 'wxfile://tmp/huge.jpg', size: 5 * 1024 * 1024 + 1 });
      render(<TasksPage />);
      const form = await openForm();
      fireEvent.click(within(form).getByText(p.add));
      expect(await within(form).findByText(p.tooLarge(5))).toBeInTheDocument();
      expect(thumbnails(form)).toEqual([]);
      expect(taro.uploadFile).not.toHaveBeenCalled();
    });
  });

  describe('my submissions for a task', () => {
    const p = strings.taskProof;
    const rejected = { ...submission, id: 30, status: 'rejected' as const, reviewReason: '未带话题标签 #秋茶上新', reviewedBy: 2, reviewedAt: '2026-11-22T08:00:00.000Z', createdAt: '2026-11-21T02:00:00.000Z' };
    const approved = {
      ...submission,
      id: 29,
      url: null,
      imageUrls: ['https://api.example.com/api/v1/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg', 'https://api.example.com/api/v1/uploads/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.png'],
      note: '直播截图',
      status: 'approved' as const,
      createdAt: '2026-11-20T02:00:00.000Z',
    };
    const openHistory = async () => {
      fireEvent.click(within(await screen.findByTestId('task-7')).getByText(p.historyShow(3)));
      return screen.getByTestId('submissions-7');
    };

    test('expand a task to see each post’s review, the reason a post was rejected, its link and images', async () => {
      const calls = serveApi({ 'GET /me/tasks': { body: { items: [task] } }, 'GET /me/tasks/7/submissions': { body: { items: [submission, rejected, approved] } } });
      render(<TasksPage />);
      const history = await openHistory();
      await waitFor(() => expect(within(history).getAllByTestId(/^submission-/)).toHaveLength(3));
      expect(calls.filter((call) => call.path === '/me/tasks/7/submissions')).toHaveLength(1);
      const [newest, refused, counted] = within(history).getAllByTestId(/^submission-/);
      expect(newest).toHaveTextContent(p.status.pending);
      expect(refused).toHaveTextContent(p.status.rejected);
      expect(refused).toHaveTextContent(p.reason('未带话题标签 #秋茶上新'));
      expect(refused).toHaveTextContent(p.submittedAt('2026-11-21 10:00'));
      expect(counted).toHaveTextContent(p.status.approved);
      expect(counted).not.toHaveTextContent(p.reason(''));
      expect(counted).toHaveTextContent('直播截图');

      fireEvent.click(within(refused).getByText(submission.url));
      expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: submission.url });
      const images = counted.querySelectorAll('img');
      expect(Array.from(images).map((img) => img.getAttribute('src'))).toEqual(approved.imageUrls);
      fireEvent.click(images[1].parentElement!);
      expect(Taro.previewImage).toHaveBeenCalledWith({ urls: approved.imageUrls, current: approved.imageUrls[1] });

      fireEvent.click(within(screen.getByTestId('task-7')).getByText(p.historyHide));
      expect(screen.queryByTestId('submissions-7')).toBeNull();
    });

    test('a task with nothing sent offers no history', async () => {
      serveApi({ 'GET /me/tasks': { body: { items: [{ ...task, progress: { approved: 0, pending: 0, rejected: 0 } }] } } });
      render(<TasksPage />);
      expect(await screen.findByTestId('task-7')).not.toHaveTextContent(p.historyShow(0));
    });

    test('loading, error with retry, and empty', async () => {
      let reply: 'hang' | 'fail' | 'empty' = 'hang';
      serveApi({
        'GET /me/tasks': { body: { items: [task] } },
        'GET /me/tasks/7/submissions': () => (reply === 'hang' ? new Promise(() => undefined) : reply === 'fail' ? serverError() : { status: 200, body: { items: [] } }),
      });
      render(<TasksPage />);
      const history = await openHistory();
      expect(within(history).getByTestId('state-loading')).toBeInTheDocument();
      fireEvent.click(within(screen.getByTestId('task-7')).getByText(p.historyHide));
      reply = 'fail';
      const failed = await openHistory();
      expect(await within(failed).findByTestId('state-error')).toHaveTextContent(strings.errors.server);
      reply = 'empty';
      fireEvent.click(within(failed).getByText(strings.common.retry));
      expect(await within(failed).findByTestId('state-empty')).toHaveTextContent(p.historyEmpty);
    });

    test('a post sent while the history is open shows up in it', async () => {
      let sent = false;
      const calls = serveApi({
        'GET /me/tasks': () => ({ status: 200, body: { items: [sent ? { ...task, progress: { ...task.progress, pending: 2 } } : task] } }),
        'GET /me/tasks/7/submissions': () => ({ status: 200, body: { items: sent ? [{ ...submission, id: 32 }, submission, rejected, approved] : [submission, rejected, approved] } }),
        'POST /me/tasks/7/submissions': () => {
          sent = true;
          return { status: 201, body: { ...submission, id: 32 } };
        },
      });
      render(<TasksPage />);
      const history = await openHistory();
      await waitFor(() => expect(within(history).getAllByTestId(/^submission-/)).toHaveLength(3));
      fireEvent.click(within(screen.getByTestId('task-7')).getByText(t.submit));
      typeIn(screen.getByTestId('proof-form'), t.urlPlaceholder, 'https://v.douyin.com/new');
      fireEvent.click(screen.getByText(t.send));
      await waitFor(() => expect(within(screen.getByTestId('submissions-7')).getAllByTestId(/^submission-/)).toHaveLength(4));
      expect(screen.getByTestId('task-7')).toHaveTextContent(p.historyHide);
      expect(calls.filter((call) => call.method === 'GET' && call.path === '/me/tasks/7/submissions')).toHaveLength(2);
    });
  });
});
