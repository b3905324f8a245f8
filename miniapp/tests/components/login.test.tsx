import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import LoginPage from '../../src/packages/auth/login/index';
import { loadSession } from '../../src/services/session';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError } from '../helpers/fake-api';

const session = { accessToken: 'demo-access', refreshToken: 'demo-refresh', accessExpiresInSec: 900, userId: 6 };

describe('login page (H5)', () => {
  test('loading while it asks the server whether demo sign-in exists', () => {
    hangAll();
    render(<LoginPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error when the server cannot be reached', async () => {
    serveApi({ 'GET /auth/dev': serverError() });
    (Taro.request as jest.Mock).mockImplementation(() => Promise.reject({ errMsg: 'request:fail' }));
    render(<LoginPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.network);
  });

  test('in production (no demo route) there is no picker', async () => {
    serveApi({ 'GET /auth/dev': fail(404, 'ROUTE_NOT_FOUND') });
    render(<LoginPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.login.demoUnavailable);
    expect(screen.queryByTestId('demo-picker')).toBeNull();
  });

  test('outside production the picker signs in as the chosen demo user and goes home', async () => {
    const calls = serveApi({ 'GET /auth/dev': fail(405, 'METHOD_NOT_ALLOWED'), 'POST /auth/dev': { body: session } });
    render(<LoginPage />);
    expect(await screen.findByTestId('demo-picker')).toBeInTheDocument();
    expect(screen.getAllByText(/demo-/)).toHaveLength(strings.login.demoUsers.length);
    fireEvent.click(screen.getByTestId('demo-demo-koc-2'));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ openid: 'demo-koc-2' });
    expect(loadSession()?.accessToken).toBe('demo-access');
  });

  test('a newcomer signs in as a new user under the nickname typed in', async () => {
    const calls = serveApi({ 'GET /auth/dev': fail(405, 'METHOD_NOT_ALLOWED'), 'POST /auth/dev': { body: session } });
    render(<LoginPage />);
    const entry = await screen.findByTestId('demo-new-user');
    fireEvent.change(within(entry).getByPlaceholderText(strings.demoNewUser.nicknamePlaceholder), { target: { value: ' 新朋友小林 ' } });
    fireEvent.click(within(entry).getByText(strings.demoNewUser.signIn));
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }));
    const body = calls.find((call) => call.method === 'POST')?.body as { openid: string; nickname?: string };
    expect(body.nickname).toBe('新朋友小林');
    expect(strings.login.demoUsers.map((user) => user.openid)).not.toContain(body.openid);
    expect(loadSession()?.accessToken).toBe('demo-access');
  });

  test('each new user is someone else: a fresh openid every time, no nickname when none was typed', async () => {
    const calls = serveApi({ 'GET /auth/dev': fail(405, 'METHOD_NOT_ALLOWED'), 'POST /auth/dev': { body: session } });
    render(<LoginPage />);
    const signIn = await screen.findByText(strings.demoNewUser.signIn);
    fireEvent.click(signIn);
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledTimes(1));
    fireEvent.click(signIn);
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledTimes(2));
    const [first, second] = calls.filter((call) => call.method === 'POST').map((call) => call.body as Record<string, string>);
    expect(Object.keys(first)).toEqual(['openid']);
    expect(second.openid).not.toBe(first.openid);
  });

  test('a refused sign-in shows why and stays on the picker', async () => {
    serveApi({ 'GET /auth/dev': fail(405, 'METHOD_NOT_ALLOWED'), 'POST /auth/dev': fail(429, 'RATE_LIMITED') });
    render(<LoginPage />);
    fireEvent.click(await screen.findByTestId('demo-demo-admin'));
    expect(await screen.findByTestId('login-error')).toHaveTextContent(strings.errors.rateLimited);
    expect(screen.getByTestId('demo-picker')).toBeInTheDocument();
  });
});

test.each([
  ['a demo user', () => fireEvent.click(screen.getByTestId('demo-demo-koc-3'))],
  ['a new user', () => fireEvent.click(screen.getByText(strings.demoNewUser.signIn))],
])('after signing in as %s, goes to the page named by `next` (the join page comes back with its scene)', async (_who, signIn) => {
  const next = '/packages/auth/join/index?scene=DK4XL';
  (Taro.useRouter as jest.Mock).mockReturnValue({ params: { next: encodeURIComponent(next) } });
  serveApi({ 'GET /auth/dev': fail(405, 'METHOD_NOT_ALLOWED'), 'POST /auth/dev': { body: session } });
  render(<LoginPage />);
  await screen.findByTestId('demo-picker');
  signIn();
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: next }));
  expect(Taro.switchTab).not.toHaveBeenCalled();
});
