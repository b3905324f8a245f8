import { createPostersService, JOIN_PAGE } from '../../server/src/modules/posters';
import { decodeQr } from '../helpers/qr';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { joinKoc, type Joined } from '../factories/people';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let t: TestApp;
let koc: Joined;

beforeAll(async () => {
  t = await startTestApp();
  koc = await joinKoc(t, 'poster-koc');
});
afterAll(() => t.close());


const codeRequests = () => t.wechat.calls.filter((call) => call.path === '/wxa/getwxacodeunlimit');

describe('GET /me/poster-code', () => {
  it('answers the PNG WeChat drew for the member’s referral code and the join page', async () => {
    const response = await koc.client.get('/me/poster-code').expect(200);
    expect(response.headers['content-type']).toBe('image/png');
    const png = response.body as Buffer;
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // The fake's image is a QR code of what it was asked for: the bytes came through unchanged.
    expect(await decodeQr(png)).toBe(`${JOIN_PAGE}?scene=${koc.referralCode}`);
    expect(codeRequests().at(-1)?.body).toEqual({ scene: koc.referralCode, page: 'packages/auth/join/index', check_path: false, env_version: 'release', width: 430, is_hyaline: true });
  });

  it('fetches a fresh access token once when WeChat stops taking the cached one', async () => {
    const issued = t.wechat.tokensIssued();
    t.wechat.expireTokens();
    await koc.client.get('/me/poster-code').expect(200);
    expect(t.wechat.tokensIssued()).toBe(issued + 1);
  });

  it('turns WeChat’s errcode into WECHAT_REFUSED naming the errcode and what it means', async () => {
    t.wechat.failNextWxaCodeWith(41030);
    const response = await koc.client.get('/me/poster-code').expect(502);
    expect(response.body.error.code).toBe('WECHAT_REFUSED');
    expect(response.body.error.message).toContain('errcode 41030');
    expect(response.body.error.message).toContain('not in the published mini-program');
    expect(response.body.error.details).toEqual([{ path: 'wechat.errcode', issue: '41030' }]);
  });

  it('refuses a user who has not joined, and a member who was removed, without asking WeChat', async () => {
    const before = codeRequests().length;
    const stranger = await t.signIn('poster-stranger');
    expect((await stranger.get('/me/poster-code').expect(403)).body.error.code).toBe('NOT_A_MEMBER');

    const removed = await joinKoc(t, 'poster-removed');
    await (await t.admin()).post(`/admin/members/${removed.memberId}/remove`, { reason: '违规推广' }).expect(200);
    expect((await removed.client.get('/me/poster-code').expect(409)).body.error.code).toBe('MEMBER_NOT_ACTIVE');
    expect(codeRequests().length).toBe(before);
  });

  it('without WeChat configured, draws a QR code of the H5 join page with the referral code as scene', async () => {
    const posters = createPostersService({
      members: t.services.members,
      wechat: { code2Session: jest.fn(), unlimitedWxaCode: jest.fn() },
      wechatConfigured: false,
      miniprogramState: 'formal',
      publicBaseUrl: 'https://demo.sharecircle.test/',
    });
    const image = await posters.posterCode(koc.client.userId);
    expect(image.contentType).toBe('image/png');
    expect(await decodeQr(image.body)).toBe(`https://demo.sharecircle.test/#/packages/auth/join/index?scene=${koc.referralCode}`);
  });
});
