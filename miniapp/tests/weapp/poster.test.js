const { loadWeapp, eventually, answerFrom } = require('./harness');

const { session, me } = require('./fixtures');
const CODE_PATH = 'wxfile://tmp/wxacode-DK4XL.png';

const answer = answerFrom({ 'POST /auth/wechat': { statusCode: 200, data: session }, 'GET /me': { statusCode: 200, data: me } });

function download(request) {
  return request.path === '/me/poster-code' && request.header.authorization === 'Bearer weapp-access'
    ? { statusCode: 200, tempFilePath: CODE_PATH }
    : { statusCode: 401, tempFilePath: 'wxfile://tmp/401.json' };
}

const methods = (device, name) => device.drawing.filter((call) => call.method === name);

async function openDrawnPoster(options = {}) {
  const app = loadWeapp({ answer, download, ...options });
  const poster = app.openPage('packages/growth/poster/index');
  await eventually(() => expect(methods(app.device, 'fillText').map((call) => call.args[0])).toContain('超级粉丝阿花'));
  return { app, poster };
}

describe('built weapp output: the poster page', () => {
  // Each test loads the app afresh: App() and Page() run only when their files are first required.
  beforeEach(() => jest.resetModules());

  test('draws the member’s poster on the 2D canvas with the code the server drew', async () => {
    const { app, poster } = await openDrawnPoster();
    expect(app.device.queries).toContain('#poster');
    expect(app.device.canvas.width).toBe(600);
    expect(app.device.canvas.height).toBe(960);
    const images = methods(app.device, 'drawImage').map((call) => call.args[0].src);
    expect(images).toEqual([CODE_PATH]);
    expect(methods(app.device, 'fillText').map((call) => call.args[0])).toEqual(expect.arrayContaining(['分享圈', '超', '超级粉丝阿花', '邀请码 DK4XL']));
    expect(poster.text()).toContain('保存到相册');

    // The share menu is on, and a shared card opens the join page with the referral code.
    expect(app.device.shareMenu).toEqual([expect.objectContaining({ withShareTicket: true })]);
    expect(poster.page.onShareAppMessage({ from: 'menu' })).toEqual(expect.objectContaining({ title: '超级粉丝阿花 邀请你加入分享圈', path: '/packages/auth/join/index?scene=DK4XL' }));
  });

  test('saves the exported poster to the album', async () => {
    const { app, poster } = await openDrawnPoster();
    poster.tap('保存到相册');
    await eventually(() => expect(app.device.saved).toEqual(['wxfile://tmp/poster-1.png']));
    expect(app.device.exported).toEqual(['wxfile://tmp/poster-1.png']);
    await eventually(() => expect(app.device.toasts).toContain('已保存到相册'));
    expect(app.device.modals).toEqual([]);
  });

  test('with the album refused before, explains and opens the settings, then saves', async () => {
    const { app, poster } = await openDrawnPoster({ album: 'denied' });
    poster.tap('保存到相册');
    await eventually(() => expect(app.device.saved).toEqual(['wxfile://tmp/poster-1.png']));
    expect(app.device.modals).toEqual([expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' })]);
    expect(app.device.settingsOpened).toBe(1);
  });
});
