import { hasCjkFont } from '../../server/src/modules/certificates';
import { decodeQr } from '../helpers/qr';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { joinKoc, type Joined } from '../factories/people';

const API = '/api/v1';
const GRANT_ID = 7001;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let t: TestApp;
let koc: Joined;
let serial: string;

const issue = (grantId?: number) =>
  t.services.certificates.issue(t.database.db, {
    memberId: koc.memberId,
    memberName: '张三丰',
    title: '荣誉证书',
    achievement: '累计推荐 10 位新会员，荣获「金牌推广大使」称号。',
    grantId,
  });

beforeAll(async () => {
  t = await startTestApp();
  koc = await joinKoc(t, 'cert-koc');
  ({ serial } = await issue(GRANT_ID));
});
afterAll(() => t.close());

/** PNG: 8-byte signature, then the IHDR chunk (length, "IHDR", width, height as big-endian uint32). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}


describe('certificates', () => {
  it('gets an unguessable serial stamped with the year of issue', () => {
    expect(serial).toMatch(/^SC-2026-[A-HJ-NP-Z2-9]{10}$/);
  });

  it('verifies in public with the name masked', async () => {
    const response = await t.http.get(`${API}/certificates/${serial}`).expect(200);
    expect(response.body).toEqual({
      serial,
      memberName: '张*丰',
      title: '荣誉证书',
      achievement: '累计推荐 10 位新会员，荣获「金牌推广大使」称号。',
      issuedAt: t.clock.now().toISOString(),
      valid: true,
    });
  });

  it('renders a 1600x1120 PNG whose QR code carries the verification URL', async () => {
    const started = performance.now();
    const response = await t.http.get(`${API}/certificates/${serial}/image`).expect(200);
    const elapsedMs = Math.round(performance.now() - started);
    expect(response.headers['content-type']).toBe('image/png');
    const png = response.body as Buffer;
    expect(Buffer.isBuffer(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 1600, height: 1120 });
    expect(png.length).toBeGreaterThan(10 * 1024);
    expect(png.length).toBeLessThan(2 * 1024 * 1024);
    expect(await decodeQr(png)).toBe(`${t.config.publicBaseUrl}/api/v1/certificates/${serial}`);
    console.info(`certificate PNG: ${png.length} bytes, served in ${elapsedMs} ms, CJK font installed: ${hasCjkFont()}`);
  });

  it('answers 404 CERTIFICATE_NOT_FOUND for an unknown serial and 400 for a malformed one', async () => {
    for (const path of ['/certificates/SC-2026-ABCDEFGHJK', '/certificates/SC-2026-ABCDEFGHJK/image']) {
      const response = await t.http.get(API + path).expect(404);
      expect(response.body.error.code).toBe('CERTIFICATE_NOT_FOUND');
    }
    const malformed = await t.http.get(`${API}/certificates/not-a-serial`).expect(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('issues one certificate per grant: a replayed grant gets the same serial', async () => {
    expect(await issue(GRANT_ID)).toEqual({ serial });
    const other = await issue(GRANT_ID + 1);
    expect(other.serial).not.toBe(serial);
    expect(await issue(GRANT_ID + 1)).toEqual(other);
  });

  it('lists the member’s own certificates with their image and verification URLs', async () => {
    const response = await koc.client.get('/me/certificates').expect(200);
    const mine = response.body.items.find((item: { serial: string }) => item.serial === serial);
    expect(mine).toEqual({
      serial,
      memberName: '张三丰',
      title: '荣誉证书',
      achievement: '累计推荐 10 位新会员，荣获「金牌推广大使」称号。',
      issuedAt: t.clock.now().toISOString(),
      valid: true,
      verifyUrl: `${t.config.publicBaseUrl}/api/v1/certificates/${serial}`,
      imageUrl: `${t.config.publicBaseUrl}/api/v1/certificates/${serial}/image`,
    });
    const stranger = await joinKoc(t, 'cert-stranger');
    expect((await stranger.client.get('/me/certificates').expect(200)).body.items).toEqual([]);
  });
});
