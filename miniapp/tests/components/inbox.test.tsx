import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import InboxPage from '../../src/packages/inbox/index/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import { fullInbox, inboxPage, notifications, templates } from '../helpers/inbox-fixtures';

const text = strings.inbox;
const taro = Taro as unknown as Record<string, jest.Mock>;
const noTemplates = { 'GET /me/subscriptions': { body: { items: [] } } };

/** The inbox with all five fixtures, no subscribe templates, and the given extra routes. */
function serveInbox(routes: Record<string, Route> = {}) {
  return serveApi({ 'GET /me/notifications': { body: fullInbox }, ...noTemplates, ...routes });
}

const row = (id: number) => screen.getByTestId(`notification-${id}`);
/** Ids of the notifications shown as unread. */
const unreadIds = () =>
  screen
    .queryAllByTestId(/^notification-/)
    .filter((element) => within(element).queryByText(text.unread))
    .map((element) => Number(element.dataset.testid?.replace('notification-', '')));
const posts = (calls: { method: string; path: string }[]) => calls.filter((call) => call.method === 'POST').map((call) => call.path);

describe('inbox page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<InboxPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error, then retry', async () => {
    let failing = true;
    serveApi({ 'GET /me/notifications': () => (failing ? serverError() : { status: 200, body: fullInbox }), ...noTemplates });
    render(<InboxPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
    failing = false;
    fireEvent.click(screen.getByText(strings.common.retry));
    expect(await screen.findByTestId('notification-15')).toBeInTheDocument();
  });

  test('empty: says what will arrive here, and offers no read-all', async () => {
    serveApi({ 'GET /me/notifications': { body: inboxPage([], 0) }, ...noTemplates });
    render(<InboxPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(text.empty);
    expect(screen.getByTestId('inbox-summary')).toHaveTextContent(text.unreadCount(0));
    expect(screen.queryByText(text.readAll)).toBeNull();
  });

  test('newest first with the unread ones marked, the unread count, and Beijing time', async () => {
    const calls = serveInbox();
    render(<InboxPage />);
    await screen.findByTestId('notification-15');
    const ids = screen.getAllByTestId(/^notification-/).map((element) => element.dataset.testid);
    expect(ids).toEqual(['notification-15', 'notification-14', 'notification-13', 'notification-12', 'notification-11']);
    expect(unreadIds()).toEqual([15, 14, 13, 11]);
    expect(row(14)).toHaveTextContent('您有一笔 ¥25.90 的佣金已结算，可以提现了。');
    expect(row(15)).toHaveTextContent('2026-11-21 14:30');
    expect(screen.getByTestId('inbox-summary')).toHaveTextContent(text.unreadCount(4));
    expect(calls[0].query.get('unread')).toBeNull();
  });

  test('tapping an unread reward marks it read on the server, unmarks it, counts one fewer and opens the rewards page', async () => {
    const calls = serveInbox({ 'POST /me/notifications/15/read': { body: { ...notifications.reward, readAt: '2026-11-22T01:00:00.000Z' } } });
    render(<InboxPage />);
    fireEvent.click(await screen.findByText('获得奖励'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/growth/rewards/index' }));
    expect(posts(calls)).toEqual(['/me/notifications/15/read']);
    expect(within(row(15)).queryByText(text.unread)).toBeNull();
    expect(screen.getByTestId('inbox-summary')).toHaveTextContent(text.unreadCount(3));
  });

  test('each kind opens its page: commission and level up switch tabs, a paid withdrawal the ledger, a generic notice nothing', async () => {
    const calls = serveInbox({
      'POST /me/notifications/14/read': { body: notifications.commission },
      'POST /me/notifications/13/read': { body: notifications.levelUp },
      'POST /me/notifications/11/read': { body: notifications.generic },
    });
    render(<InboxPage />);
    fireEvent.click(await screen.findByText('佣金已结算'));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/earnings/index' }));
    fireEvent.click(screen.getByText('恭喜升级'));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenLastCalledWith({ url: '/pages/home/index' }));
    // Read already: nothing to send, straight to the withdrawal in the account history.
    fireEvent.click(screen.getByText('提现已到账'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/earnings/ledger/index' }));
    fireEvent.click(screen.getByText('等级保级提醒'));
    await waitFor(() => expect(within(row(11)).queryByText(text.unread)).toBeNull());
    expect(posts(calls)).toEqual(['/me/notifications/14/read', '/me/notifications/13/read', '/me/notifications/11/read']);
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
    expect(Taro.switchTab).toHaveBeenCalledTimes(2);
  });

  test('when marking read fails the member is told, stays here and the notification stays unread', async () => {
    serveInbox({ 'POST /me/notifications/15/read': serverError() });
    render(<InboxPage />);
    fireEvent.click(await screen.findByText('获得奖励'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.errors.server, icon: 'none' }));
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    expect(within(row(15)).getByText(text.unread)).toBeInTheDocument();
  });

  test('read all: one request, then the list comes back with nothing unread', async () => {
    let allRead = false;
    const calls = serveInbox({
      'GET /me/notifications': () => ({
        status: 200,
        body: allRead ? inboxPage(Object.values(notifications).map((item) => ({ ...item, readAt: item.readAt ?? '2026-11-22T01:00:00.000Z' })), 0) : fullInbox,
      }),
      'POST /me/notifications/read-all': () => {
        allRead = true;
        return { status: 200, body: { marked: 4 } };
      },
    });
    render(<InboxPage />);
    await screen.findByTestId('notification-15');
    fireEvent.click(screen.getByText(text.readAll));
    await waitFor(() => expect(unreadIds()).toEqual([]));
    expect(posts(calls)).toEqual(['/me/notifications/read-all']);
    expect(screen.getByTestId('inbox-summary')).toHaveTextContent(text.unreadCount(0));
    expect(screen.queryByText(text.readAll)).toBeNull();
    expect(Taro.showToast).toHaveBeenCalledWith({ title: text.readAllDone, icon: 'none' });
  });

  test('read all refused: the member is told and the marks stay', async () => {
    serveInbox({ 'POST /me/notifications/read-all': serverError() });
    render(<InboxPage />);
    await screen.findByTestId('notification-15');
    fireEvent.click(screen.getByText(text.readAll));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.errors.server, icon: 'none' }));
    expect(unreadIds()).toEqual([15, 14, 13, 11]);
  });

  test('pages on with the cursor the server gave', async () => {
    const [first, second, ...rest] = Object.values(notifications);
    const calls = serveInbox({
      'GET /me/notifications': ({ query }) => ({
        status: 200,
        body: query.get('cursor') === 'c2' ? inboxPage(rest, 4) : inboxPage([first, second], 4, 'c2'),
      }),
    });
    render(<InboxPage />);
    await screen.findByTestId('notification-14');
    expect(screen.queryByTestId('notification-13')).toBeNull();
    fireEvent.click(screen.getByText(strings.common.loadMore));
    expect(await screen.findByTestId('notification-11')).toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/me/notifications').map((call) => call.query.get('cursor'))).toEqual([null, 'c2']);
    expect(screen.getByText(strings.common.noMore)).toBeInTheDocument();
  });

  test('the unread filter asks the server for unread ones only', async () => {
    const calls = serveInbox({
      'GET /me/notifications': ({ query }) => ({ status: 200, body: query.get('unread') === 'true' ? inboxPage([], 0) : fullInbox }),
    });
    render(<InboxPage />);
    await screen.findByTestId('notification-15');
    fireEvent.click(within(screen.getByTestId('inbox-filter')).getByText(text.filter.unread));
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(text.emptyUnread);
    expect(calls.filter((call) => call.path === '/me/notifications').map((call) => call.query.get('unread'))).toEqual([null, 'true']);
  });

  test('opened from a WeChat subscribe message: that notification is marked read', async () => {
    taro.useRouter.mockReturnValue({ params: { id: '14' } });
    let read = false;
    const calls = serveInbox({
      'GET /me/notifications': () => ({ status: 200, body: read ? inboxPage([{ ...notifications.commission, readAt: '2026-11-22T01:00:00.000Z' }], 0) : inboxPage([notifications.commission], 1) }),
      'POST /me/notifications/14/read': () => {
        read = true;
        return { status: 200, body: notifications.commission };
      },
    });
    render(<InboxPage />);
    await waitFor(() => expect(screen.getByTestId('inbox-summary')).toHaveTextContent(text.unreadCount(0)));
    expect(within(row(14)).queryByText(text.unread)).toBeNull();
    expect(posts(calls)).toEqual(['/me/notifications/14/read']);
  });

  describe('WeChat subscribe messages', () => {
    const allTemplates = { items: Object.values(templates) };

    test('no template configured: no subscribe button', async () => {
      serveInbox();
      render(<InboxPage />);
      await screen.findByTestId('notification-15');
      expect(screen.queryByText(text.subscribe.action)).toBeNull();
    });

    test('the kinds offered and the messages left of each', async () => {
      serveInbox({ 'GET /me/subscriptions': { body: allTemplates } });
      render(<InboxPage />);
      expect(await screen.findByTestId('subscription-level_up')).toHaveTextContent(`${text.subscribe.kind.level_up}${text.subscribe.remaining(2)}`);
      expect(screen.getByTestId('subscription-reward_granted')).toHaveTextContent(text.subscribe.remaining(0));
      expect(screen.getByText(text.subscribe.action)).toBeInTheDocument();
    });

    test('a tap asks WeChat for the three with the fewest left, records the accepted kinds and shows the new counts', async () => {
      const calls = serveInbox({
        'GET /me/subscriptions': { body: allTemplates },
        'POST /me/subscriptions': {
          body: { items: [templates.level_up, { ...templates.reward_granted, remaining: 1 }, { ...templates.commission_settled, remaining: 2 }, templates.withdrawal_paid] },
        },
      });
      taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-reward': 'accept', 'tmpl-withdrawal': 'reject', 'tmpl-commission': 'accept' });
      render(<InboxPage />);
      fireEvent.click(await screen.findByText(text.subscribe.action));
      await waitFor(() => expect(screen.getByTestId('subscription-commission_settled')).toHaveTextContent(text.subscribe.remaining(2)));
      expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-reward', 'tmpl-withdrawal', 'tmpl-commission'] });
      expect(calls.filter((call) => call.method === 'POST')).toEqual([expect.objectContaining({ path: '/me/subscriptions', body: { accepted: ['reward_granted', 'commission_settled'] } })]);
      expect(screen.getByTestId('subscription-reward_granted')).toHaveTextContent(text.subscribe.remaining(1));
      expect(Taro.showToast).toHaveBeenCalledWith({ title: text.subscribe.recorded(2), icon: 'none' });
    });

    test('every template rejected: nothing recorded', async () => {
      const calls = serveInbox({ 'GET /me/subscriptions': { body: { items: [templates.level_up] } } });
      taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-level': 'reject' });
      render(<InboxPage />);
      fireEvent.click(await screen.findByText(text.subscribe.action));
      await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: text.subscribe.noneAccepted, icon: 'none' }));
      expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-level'] });
      expect(posts(calls)).toEqual([]);
    });

    test('subscribe messages switched off in WeChat: the member is told where to turn them on', async () => {
      const calls = serveInbox({ 'GET /me/subscriptions': { body: { items: [templates.level_up] } } });
      taro.requestSubscribeMessage.mockRejectedValue({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail the main switch is switched off' });
      render(<InboxPage />);
      fireEvent.click(await screen.findByText(text.subscribe.action));
      await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: text.subscribe.switchedOff, icon: 'none' }));
      expect(posts(calls)).toEqual([]);
    });

    test('recording refused by the server: the member is told, the counts stay', async () => {
      serveInbox({ 'GET /me/subscriptions': { body: { items: [templates.level_up] } }, 'POST /me/subscriptions': fail(422, 'UNPROCESSABLE') });
      taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-level': 'accept' });
      render(<InboxPage />);
      fireEvent.click(await screen.findByText(text.subscribe.action));
      await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.errors.generic, icon: 'none' }));
      expect(screen.getByTestId('subscription-level_up')).toHaveTextContent(text.subscribe.remaining(2));
    });

    describe('on H5', () => {
      beforeEach(() => {
        process.env.TARO_ENV = 'h5';
      });
      afterEach(() => {
        delete (process.env as Record<string, string | undefined>).TARO_ENV;
      });

      test('no subscribe button (H5 has no requestSubscribeMessage), and the templates are not even asked for', async () => {
        const calls = serveInbox({ 'GET /me/subscriptions': { body: allTemplates } });
        render(<InboxPage />);
        await screen.findByTestId('notification-15');
        expect(screen.queryByText(text.subscribe.action)).toBeNull();
        expect(calls.some((call) => call.path === '/me/subscriptions')).toBe(false);
      });
    });
  });
});
