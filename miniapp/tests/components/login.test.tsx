import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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

  test('a refused sign-in shows why and stays on the picker', async () => {
    serveApi({ 'GET /auth/dev': fail(405, 'METHOD_NOT_ALLOWED'), 'POST /auth/dev': fail(429, 'RATE_LIMITED') });
    render(<LoginPage />);
    fireEvent.click(await screen.findByTestId('demo-demo-admin'));
    expect(await screen.findByTestId('login-error')).toHaveTextContent(strings.errors.rateLimited);
    expect(screen.getByTestId('demo-picker')).toBeInTheDocument();
  });
});

test('after signing in, goes to the page named by `next` (the join page comes back with its scene)', async () => {
  const next = '/packages/auth/join/index?scene=DK4XL';
  (Taro.useRouter as jest.Mock).mockReturnValue({ params: { next: encodeURIComponent(next) } });
  serveApi({ 'GET /auth/dev': fail(405, 'METHOD_NOT_ALLOWED'), 'POST /auth/dev': { body: session } });
  render(<LoginPage />);
  fireEvent.click(await screen.findByTestId('demo-demo-koc-3'));
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: next }));
  expect(Taro.switchTab).not.toHaveBeenCalled();
});
