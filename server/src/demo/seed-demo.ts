import type { Logger } from 'pino';
import type { Services } from '../services';
import { seedDemoCatalog } from './demo-catalog';
import { seedDemoRewards } from './demo-rewards';

/** The demo people, by openid: sign in as any of them with POST /api/v1/auth/dev. */
export const DEMO_OPENIDS = {
  admin: 'demo-admin',
  manager: 'demo-manager',
  clerks: ['demo-clerk-1', 'demo-clerk-2'],
  community: 'demo-community',
  kocChain: ['demo-koc-1', 'demo-koc-2', 'demo-koc-3'],
} as const;

/**
 * Seeds the demo brand through the same services the API uses, so the data obeys every rule.
 * Does nothing when the demo admin already exists.
 */
export async function seedDemo(services: Services, logger: Logger): Promise<boolean> {
  const { identity, org, members, settings } = services;
  const admin = await identity.signInDev(DEMO_OPENIDS.admin, 'HQ 管理员');
  if ((await org.listRegions()).length > 0) return false;
  await identity.grantRole(admin.userId, { userId: admin.userId, role: 'hq_admin' });

  await settings.patch(admin.userId, { members: { autoApproveApplications: false } });
  const region = await org.createRegion(admin.userId, { name: '华东大区' });
  const store = await org.createStore(admin.userId, { name: '上海南京西路店', regionId: region.id, address: '上海市静安区南京西路 1601 号' });
  await seedDemoCatalog(services.catalog, admin.userId);
  await seedDemoRewards(services, admin.userId);

  const manager = await identity.signInDev(DEMO_OPENIDS.manager, '王店长');
  await identity.grantRole(admin.userId, { userId: manager.userId, role: 'store_manager', storeId: store.id });
  const community = await identity.signInDev(DEMO_OPENIDS.community, '社群小李');
  await identity.grantRole(admin.userId, { userId: community.userId, role: 'community_manager' });

  const clerkNames = ['店员小张', '店员小陈'];
  for (const [index, openid] of DEMO_OPENIDS.clerks.entries()) {
    const clerk = await identity.signInDev(openid, clerkNames[index]);
    const { member } = await members.join(clerk.userId, {
      type: 'kos',
      storeId: store.id,
      application: { city: '上海', storeSize: 120, teamSize: 6, monthlySalesFen: 30_000_000, phoneSales: true, phone: `1380000000${index + 1}`, agreementAccepted: true },
    });
    await members.decideApplication({ userId: manager.userId, roles: [{ role: 'store_manager', storeId: store.id }], member: null }, member.id, true, 'demo clerk');
  }

  const kocNames = ['超级粉丝阿花', '粉丝小美', '粉丝大壮'];
  let referralCode: string | undefined;
  for (const [index, openid] of DEMO_OPENIDS.kocChain.entries()) {
    const koc = await identity.signInDev(openid, kocNames[index]);
    const { member } = await members.join(koc.userId, { type: 'koc', referralCode });
    referralCode = member.referralCode;
  }
  logger.info({ store: store.name }, 'demo data seeded');
  return true;
}
