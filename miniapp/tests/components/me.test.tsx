import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import MePage from '../../src/pages/me/index';
import { loadSession } from '../../src/services/session';
import { strings } from '../../src/strings';
import { hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

describe('me page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<MePage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me': serverError() });
    render(<MePage />);
    expect(await screen.findByTestId('state-error')).toBeInTheDocument();
  });

  test('not a member yet: customer code and a way to join', async () => {
    serveApi({ 'GET /me': { body: fixtures.meNotMember } });
    render(<MePage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.me.notMember);
    expect(screen.getByTestId('me-account')).toHaveTextContent('cGTHK7');
    expect(screen.getByTestId('me-account')).toHaveTextContent(`${strings.me.roles}${strings.me.noRoles}`);
    // Growth pages are for members; reporting a member is open to anyone.
    expect(screen.queryByTestId('me-growth')).toBeNull();
    expect(screen.getByText(strings.compete.links.report)).toBeInTheDocument();
  });

  test('the shop and my orders, for everyone signed in', async () => {
    serveApi({ 'GET /me': { body: fixtures.meNotMember } });
    render(<MePage />);
    const shop = await screen.findByTestId('me-shop');
    fireEvent.click(within(shop).getByText(strings.shop.entry.shop));
    fireEvent.click(within(shop).getByText(strings.shop.entry.orders));
    expect((Taro.navigateTo as jest.Mock).mock.calls.map(([options]) => options.url)).toEqual(['/packages/shop/index/index', '/packages/shop/orders/index']);
  });

  test('profile, roles, referral code (copyable), and logout clears the session', async () => {
    serveApi({ 'GET /me': { body: fixtures.me } });
    render(<MePage />);
    const memberCard = await screen.findByTestId('me-member');
    expect(memberCard).toHaveTextContent(strings.member.type.koc);
    expect(memberCard).toHaveTextContent('DK4XL');
    expect(memberCard).toHaveTextContent('茶友老王');
    expect(screen.getByTestId('me-account')).toHaveTextContent(strings.member.role.community_manager);

    fireEvent.click(screen.getAllByText(strings.me.copy)[0]);
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'DK4XL' });

    fireEvent.click(within(screen.getByTestId('me-growth')).getByText(strings.growth.links.poster));
    fireEvent.click(within(screen.getByTestId('me-growth')).getByText(strings.compete.links.assessment));
    fireEvent.click(screen.getByText(strings.compete.links.report));
    expect((Taro.navigateTo as jest.Mock).mock.calls.map(([options]) => options.url)).toEqual([
      '/packages/growth/poster/index',
      '/packages/compete/assessment/index',
      '/packages/compete/report/index',
    ]);

    fireEvent.click(screen.getByText(strings.me.logout));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/packages/auth/login/index' }));
    expect(loadSession()).toBeNull();
  });

  test('the inbox row shows the unread count from the first page and opens the inbox', async () => {
    const calls = serveApi({ 'GET /me': { body: fixtures.me }, 'GET /me/notifications': { body: { items: [], nextCursor: null, unreadCount: 3 } } });
    render(<MePage />);
    const inbox = await screen.findByTestId('me-inbox');
    await waitFor(() => expect(inbox).toHaveTextContent(`${strings.me.notifications}3`));
    expect(calls.find((call) => call.path === '/me/notifications')?.query.get('limit')).toBe('1');
    fireEvent.click(inbox);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/inbox/index/index' });
  });

  test('the unread count cannot be loaded: no badge, and the row still opens the inbox', async () => {
    serveApi({ 'GET /me': { body: fixtures.me }, 'GET /me/notifications': serverError() });
    render(<MePage />);
    const inbox = await screen.findByTestId('me-inbox');
    await waitFor(() => expect(Taro.request).toHaveBeenCalledTimes(2));
    expect(inbox.querySelector('.me__badge')).toBeNull();
    expect(inbox).toHaveTextContent(`${strings.me.notifications}›`);
    fireEvent.click(inbox);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/inbox/index/index' });
  });
});
