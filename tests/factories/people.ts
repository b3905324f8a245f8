import type { TestApp, UserClient } from '../helpers/test-app';

export const kosApplication = {
  city: '上海',
  storeSize: 80,
  teamSize: 4,
  monthlySalesFen: 12_000_000,
  phoneSales: true,
  phone: '13800000000',
  agreementAccepted: true,
};

export interface Joined {
  client: UserClient;
  memberId: number;
  referralCode: string;
}

/** A KOC who joined (optionally through someone's referral code). */
export async function joinKoc(t: TestApp, openid: string, referralCode?: string): Promise<Joined> {
  const client = await t.signIn(openid, `粉丝${openid}`);
  const response = await client.post('/members/join', { type: 'koc', referralCode }).expect(200);
  return { client, memberId: response.body.id, referralCode: response.body.referralCode };
}

/** A region and a store made by HQ. */
export async function createStore(t: TestApp, name = '南京西路店'): Promise<{ storeId: number; regionId: number }> {
  const admin = await t.admin();
  const regionName = `区域-${name}`;
  const region = await admin.post('/admin/regions', { name: regionName }).expect(201);
  const store = await admin.post('/admin/stores', { name, regionId: region.body.id }).expect(201);
  return { storeId: store.body.id, regionId: region.body.id };
}

export async function storeManager(t: TestApp, openid: string, storeId: number): Promise<UserClient> {
  const manager = await t.signIn(openid, `店长${openid}`);
  await (await t.admin()).post('/admin/staff-roles', { userId: manager.userId, role: 'store_manager', storeId }).expect(200);
  return t.signIn(openid);
}

export async function staff(t: TestApp, openid: string, role: 'community_manager' | 'hq_admin'): Promise<UserClient> {
  const user = await t.signIn(openid, openid);
  await (await t.admin()).post('/admin/staff-roles', { userId: user.userId, role }).expect(200);
  return user;
}

/** A KOS clerk of a store, approved by HQ. */
export async function approvedKos(t: TestApp, openid: string, storeId: number, referralCode?: string): Promise<Joined> {
  const client = await t.signIn(openid, `店员${openid}`);
  const joined = await client.post('/members/join', { type: 'kos', storeId, application: kosApplication, referralCode }).expect(200);
  await (await t.admin()).post(`/admin/applications/${joined.body.id}/approve`, {}).expect(200);
  return { client, memberId: joined.body.id, referralCode: joined.body.referralCode };
}
