import Taro from '@tarojs/taro';
import { api } from '../../src/services/api';
import { ApiError } from '../../src/services/errors';
import { loadSession, saveSession } from '../../src/services/session';
import { fail, ok, serveApi, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

const fresh = { accessToken: 'access-2', refreshToken: 'refresh-2', accessExpiresInSec: 900, userId: 6 };

describe('API client', () => {
  test('sends the stored token and parses the reply with the shared schema', async () => {
    signedIn();
    const calls = serveApi({ 'GET /me/balances': { body: fixtures.balances } });
    await expect(api.balances()).resolves.toEqual(fixtures.balances);
    expect(calls[0].authorization).toBe('Bearer access-1');
  });

  test('a 401 refreshes the session once and retries with the new token', async () => {
    signedIn();
    const calls = serveApi({
      'GET /me/balances': () => (calls.filter((call) => call.path === '/me/balances').length === 1 ? fail(401, 'TOKEN_INVALID') : ok(fixtures.balances)),
      'POST /auth/refresh': { body: fresh },
    });
    await expect(api.balances()).resolves.toEqual(fixtures.balances);
    expect(calls.map((call) => `${call.method} ${call.path} ${call.authorization ?? ''}`.trim())).toEqual([
      'GET /me/balances Bearer access-1',
      'POST /auth/refresh',
      'GET /me/balances Bearer access-2',
    ]);
    expect(calls[1].body).toEqual({ refreshToken: 'refresh-1' });
    expect(loadSession()?.accessToken).toBe('access-2');
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  test('when the refresh is refused the session is dropped and the user goes back through login', async () => {
    signedIn();
    serveApi({ 'GET /me': fail(401, 'TOKEN_INVALID'), 'POST /auth/refresh': fail(401, 'TOKEN_INVALID') });
    await expect(api.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(loadSession()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/packages/auth/login/index' });
  });

  test('concurrent 401s share one refresh', async () => {
    signedIn();
    let refreshes = 0;
    serveApi({
      'GET /me/balances': () => (loadSession()?.accessToken === 'access-2' ? ok(fixtures.balances) : fail(401, 'TOKEN_INVALID')),
      'GET /me/level': () => (loadSession()?.accessToken === 'access-2' ? ok(fixtures.level) : fail(401, 'TOKEN_INVALID')),
      'POST /auth/refresh': () => {
        refreshes += 1;
        return ok(fresh);
      },
    });
    await Promise.all([api.balances(), api.level()]);
    expect(refreshes).toBe(1);
  });

  test('an access token about to expire is refreshed before the request', async () => {
    saveSession({ accessToken: 'old', refreshToken: 'refresh-1', accessExpiresInSec: 30, userId: 6 });
    const calls = serveApi({ 'POST /auth/refresh': { body: fresh }, 'GET /me': { body: fixtures.me } });
    await api.me();
    expect(calls.map((call) => call.path)).toEqual(['/auth/refresh', '/me']);
    expect(calls[1].authorization).toBe('Bearer access-2');
  });

  test('signed out on H5: no request, straight to login', async () => {
    const calls = serveApi({});
    await expect(api.me()).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(0);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/packages/auth/login/index' });
  });

  test('error replies keep the code and the extra data the server sent', async () => {
    signedIn();
    serveApi({ 'POST /me/withdrawals': fail(422, 'WITHDRAWAL_BELOW_MINIMUM', { minFen: 100 }) });
    await expect(api.requestWithdrawal(50)).rejects.toMatchObject({ code: 'WITHDRAWAL_BELOW_MINIMUM', status: 422, data: { minFen: 100 }, requestId: 'req-test-1' });
  });
});

describe('API client on WeChat', () => {
  const previous = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = previous;
  });

  test('signed out: signs in with wx.login silently, then makes the call', async () => {
    process.env.TARO_ENV = 'weapp';
    let weappApi: typeof api | undefined;
    jest.isolateModules(() => {
      weappApi = (require('../../src/services/api') as typeof import('../../src/services/api')).api;
    });
    const calls = serveApi({ 'POST /auth/wechat': { body: fresh }, 'GET /me/balances': { body: fixtures.balances } });
    await expect(weappApi!.balances()).resolves.toEqual(fixtures.balances);
    expect(Taro.login).toHaveBeenCalled();
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/auth/wechat', body: { code: 'wx-code' } });
    expect(calls[1].authorization).toBe('Bearer access-2');
  });
});
