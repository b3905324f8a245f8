import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import PlatformAccountsPage from '../../src/packages/kos/accounts/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn } from '../helpers/fake-api';

const a = strings.kos.accounts;
const douyin = { id: 1, platform: 'douyin' as const, handle: '茶小张', fans: 1200, updatedAt: '2026-11-20T00:00:00.000Z', lastActivityAt: '2026-11-20T00:00:00.000Z', quiet: false };
const redbook = { id: 2, platform: 'xiaohongshu' as const, handle: 'zhang_tea', fans: 300, updatedAt: '2026-09-01T00:00:00.000Z', lastActivityAt: '2026-09-01T00:00:00.000Z', quiet: true };

const type = (placeholder: string, value: string) => fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });

describe('platform accounts page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<PlatformAccountsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/platform-accounts': serverError() });
    render(<PlatformAccountsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
    expect(screen.queryByTestId('account-form')).toBeNull();
  });

  test('none yet: says why to register, and registers one', async () => {
    let saved = false;
    const calls = serveApi({
      'GET /me/platform-accounts': () => ({ status: 200, body: { items: saved ? [douyin] : [] } }),
      'POST /me/platform-accounts': () => {
        saved = true;
        return { status: 200, body: douyin };
      },
    });
    render(<PlatformAccountsPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(a.empty);

    fireEvent.click(screen.getByText(a.save));
    expect(screen.getByTestId('account-form')).toHaveTextContent(a.problem.handle);
    expect(screen.getByTestId('account-form')).toHaveTextContent(a.problem.fans);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.click(within(screen.getByTestId('account-form')).getByText('抖音'));
    type(a.handlePlaceholder, ' 茶小张 ');
    type(a.fansPlaceholder, '1200');
    fireEvent.click(screen.getByText(a.save));
    expect(await screen.findByTestId('account-1')).toHaveTextContent('抖音 · 茶小张');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ platform: 'douyin', handle: '茶小张', fans: 1200 });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: a.saved, icon: 'success' });
  });

  test('lists accounts with fans, flags quiet ones, and updates the fans of one', async () => {
    const calls = serveApi({ 'GET /me/platform-accounts': { body: { items: [douyin, redbook] } }, 'POST /me/platform-accounts': { body: { ...redbook, fans: 450 } } });
    render(<PlatformAccountsPage />);
    const quiet = await screen.findByTestId('account-2');
    expect(quiet).toHaveTextContent('小红书 · zhang_tea');
    expect(quiet).toHaveTextContent(a.quiet);
    expect(quiet).toHaveTextContent(`${a.fans(300)} · ${a.updatedAt('2026-09-01')}`);
    expect(screen.getByTestId('account-1')).not.toHaveTextContent(a.quiet);
    expect(screen.getByTestId('account-list')).toHaveTextContent(a.quietHint);

    fireEvent.click(within(quiet).getByText(a.update));
    const form = screen.getByTestId('account-form');
    expect(form).toHaveTextContent(a.formUpdateTitle);
    expect(form).toHaveTextContent('zhang_tea');
    type(a.fansPlaceholder, '450');
    fireEvent.click(screen.getByText(a.save));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ platform: 'xiaohongshu', handle: 'zhang_tea', fans: 450 }));
  });

  test('a member who is not a clerk is told why saving failed', async () => {
    serveApi({ 'GET /me/platform-accounts': { body: { items: [douyin] } }, 'POST /me/platform-accounts': fail(403, 'NOT_A_CLERK') });
    render(<PlatformAccountsPage />);
    fireEvent.click(within(await screen.findByTestId('account-1')).getByText(a.update));
    fireEvent.click(screen.getByText(a.save));
    expect(await screen.findByTestId('account-problem')).toHaveTextContent(a.refusal.NOT_A_CLERK);
  });
});
