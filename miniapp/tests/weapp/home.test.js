const { loadWeapp, eventually, distDir, routeNotFound } = require('./harness');
const { measure, MAIN_PACKAGE_MAX_BYTES } = require('../../scripts/report-size');

const { session, me } = require('./fixtures');
const competition = {
  id: 12,
  name: '11 月销售冠军赛',
  metric: 'gmv',
  cohort: {},
  startsAt: '2026-10-31T16:00:00.000Z',
  endsAt: '2026-11-30T16:00:00.000Z',
  repeat: 'none',
  prizes: [],
  status: 'running',
  closedAt: null,
  ranked: null,
  createdAt: '2026-10-30T02:00:00.000Z',
  eligible: true,
};
const replies = {
  'POST /auth/wechat': session,
  'GET /me': me,
  'GET /me/balances': { pending: 12345, available: 67800, withdrawing: 5000, debt: 0 },
  'GET /me/level': { level: 1, name: '见习', next: { level: 2, name: '白银', progress: [{ condition: { source: 'counter', metric: 'gmvFen', window: 'total', op: 'gte', value: 100000 }, current: 25000, target: 100000, met: false }] } },
  'GET /me/badges': { items: [] },
  'GET /me/assessment': { items: [] },
  'GET /competitions': { items: [competition] },
  'GET /competitions/12/leaderboard': {
    metric: 'gmv',
    unit: 'fen',
    from: competition.startsAt,
    to: competition.endsAt,
    periodKey: null,
    scope: null,
    final: false,
    asOf: '2026-11-23T04:05:00.000Z',
    ranked: 5,
    items: [{ rank: 1, nickname: '茶**王', value: 1280000, isMe: false }],
    me: { rank: 3, value: 88800 },
    competition,
  },
};

function answer(request) {
  const data = replies[`${request.method} ${request.path}`];
  return data ? { statusCode: 200, data } : routeNotFound(request);
}

describe('built weapp output', () => {
  test('the main package stays under WeChat’s 2 MB limit', () => {
    const sizes = measure(distDir);
    expect(sizes.main).toBeLessThan(MAIN_PACKAGE_MAX_BYTES);
    expect(Object.keys(sizes.sub)).toEqual(expect.arrayContaining(['packages/auth/', 'packages/earnings/', 'packages/kos/', 'packages/manager/']));
  });

  test('the home page signs in with wx.login, renders the balances from wx.request in yuan, then my competition rank', async () => {
    const app = loadWeapp({ answer });
    const home = app.openPage('pages/home/index');

    await eventually(() => expect(home.text()).toContain('678.00'));
    const texts = home.texts();
    expect(texts).toEqual(expect.arrayContaining(['可提现', '678.00', '冻结中', '123.45', '提现中', '50.00']));
    expect(home.text()).toContain('你好，超级粉丝阿花');
    expect(home.text()).toContain('¥250.00 / ¥1000.00');
    // The competition card loads after the rest: my rank and GMV in it.
    await eventually(() => expect(home.text()).toContain('第 3 名'));
    expect(home.text()).toContain('888.00');

    expect(app.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /auth/wechat',
      'GET /me',
      'GET /me/balances',
      'GET /me/level',
      'GET /me/badges',
      'GET /me/assessment',
      'GET /competitions',
      'GET /competitions/12/leaderboard',
    ]);
    expect(app.requests[0].data).toEqual({ code: 'harness-code' });
    expect(app.requests[1].header.authorization).toBe('Bearer weapp-access');
    expect(app.requests[1].url).toBe('http://localhost:3000/api/v1/me');
    expect(app.storage.get('sharecircle.session')).toMatchObject({ accessToken: 'weapp-access', refreshToken: 'weapp-refresh' });

    home.tap('收益详情');
    await eventually(() => expect(app.calls.switchTab).toEqual(['/pages/earnings/index']));
  });
});
