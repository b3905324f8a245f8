import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { codeForId } from '../../codes';
import type { StaffRole } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import type { Principal } from '../../http/principal';
import type { MiniProgramApi } from '../../wechat/miniprogram-api';
import { recordAudit } from '../audit';
import type { OrgService } from '../org';
import { staffRoles, users } from './identity.tables';
import type { TokenIssuer } from './tokens';

export type User = typeof users.$inferSelect;
export type RoleGrant = Principal['roles'][number];

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  tokens: TokenIssuer;
  wechat: MiniProgramApi;
  org: OrgService;
  /** Openids granted hq_admin on sign-in (HQ_ADMIN_OPENIDS). */
  hqAdminOpenids: string[];
}

/** Nickname WeChat users get until they set one (WeChat no longer hands out real nicknames). */
const DEFAULT_NICKNAME = '微信用户';

let roleWrites = 0;

export function createIdentityService(deps: IdentityDeps) {
  const { db, clock, tokens } = deps;

  /** Creates the user on first sight; race-safe through the unique openid. */
  async function upsertUser(input: { openid: string; unionid?: string; nickname?: string }): Promise<number> {
    const [row] = await db
      .insert(users)
      .values({
        openid: input.openid,
        unionid: input.unionid ?? null,
        nickname: input.nickname ?? DEFAULT_NICKNAME,
        createdAt: clock.now(),
      })
      .onConflictDoUpdate({
        target: users.openid,
        set: {
          unionid: sql`coalesce(excluded.unionid, ${users.unionid})`,
          nickname: input.nickname ? sql`excluded.nickname` : sql`${users.nickname}`,
        },
      })
      .returning({ id: users.id, customerCode: users.customerCode });
    if (!row.customerCode) {
      // Lowercase prefix: customer codes never look like (uppercase) referral codes.
      await db
        .update(users)
        .set({ customerCode: codeForId(row.id, randomInt, 'c') })
        .where(and(eq(users.id, row.id), isNull(users.customerCode)));
    }
    return row.id;
  }

  const session = async (userId: number) => ({ userId, ...(await tokens.issue(userId)) });

  // Asked whenever a caller's principal is not in the cache (http/principal-cache.ts): prepared once, so
  // a call skips drizzle's query building and PostgreSQL's parse and plan.
  const rolesOfUser = db
    .select({ role: staffRoles.role, storeId: staffRoles.storeId })
    .from(staffRoles)
    .where(eq(staffRoles.userId, sql.placeholder('userId')))
    .prepare('identity_roles_of_user');

  /** Signs a user in by openid; a bootstrap admin gets the hq_admin role on the way. */
  async function signIn(input: { openid: string; unionid?: string; nickname?: string }) {
    const userId = await upsertUser(input);
    if (deps.hqAdminOpenids.includes(input.openid)) {
      roleWrites += 1;
      await db
        .insert(staffRoles)
        .values({ userId, role: 'hq_admin', storeId: null, createdAt: clock.now() })
        .onConflictDoNothing();
    }
    return session(userId);
  }

  return {
    async signInWithWechat(code: string) {
      return signIn(await deps.wechat.code2Session(code));
    },

    /** Same as WeChat sign-in minus WeChat: demo and tests. Not mounted in production. */
    async signInDev(openid: string, nickname?: string) {
      return signIn({ openid, nickname });
    },

    async refresh(refreshToken: string) {
      const userId = await tokens.verify(refreshToken, 'refresh');
      await getUser(userId);
      return session(userId);
    },

    verifyAccessToken: (token: string) => tokens.verify(token, 'access'),

    /** Writes to staff roles in this process so far (see http/principal-cache.ts). */
    roleWriteCount: () => roleWrites,

    rolesOf: (userId: number): Promise<RoleGrant[]> => rolesOfUser.execute({ userId }),

    getUser,

    async userIdByCustomerCode(code: string, tx: Db = db): Promise<number | undefined> {
      const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.customerCode, code));
      return row?.id;
    },

    async usersByIds(ids: number[], tx: Db = db): Promise<Map<number, User>> {
      if (ids.length === 0) return new Map();
      const rows = await tx.select().from(users).where(inArray(users.id, ids));
      return new Map(rows.map((user) => [user.id, user]));
    },

    async grantRole(actorUserId: number, input: { userId: number; role: StaffRole; storeId?: number }) {
      await getUser(input.userId);
      if (input.storeId !== undefined) await deps.org.getStore(input.storeId);
      roleWrites += 1;
      await db.transaction(async (tx) => {
        const at = clock.now();
        await tx
          .insert(staffRoles)
          .values({ userId: input.userId, role: input.role, storeId: input.storeId ?? null, createdAt: at })
          .onConflictDoUpdate({ target: [staffRoles.userId, staffRoles.role], set: { storeId: input.storeId ?? null } });
        await recordAudit(tx, { actorUserId, action: 'role.granted', subjectType: 'user', subjectId: input.userId, data: input, at });
      });
    },

    async revokeRole(actorUserId: number, input: { userId: number; role: StaffRole }) {
      roleWrites += 1;
      await db.transaction(async (tx) => {
        const removed = await tx
          .delete(staffRoles)
          .where(and(eq(staffRoles.userId, input.userId), eq(staffRoles.role, input.role)))
          .returning({ id: staffRoles.id });
        if (removed.length === 0) throw new AppError('NOT_FOUND', `user ${input.userId} does not hold ${input.role}`);
        await recordAudit(tx, { actorUserId, action: 'role.revoked', subjectType: 'user', subjectId: input.userId, data: input, at: clock.now() });
      });
    },
  };

  async function getUser(userId: number): Promise<User> {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('USER_NOT_FOUND', `there is no user ${userId}`);
    return user;
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>;
