import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { WecomApi } from '../../wechat/wecom';
import type { BindingsService, MembersService } from '../members';
import type { IdentityService } from '../identity';
import type { NotificationsService } from '../notifications';
import type { Rewards } from '../rewards';

/** What the communities module uses of the rest of the server; injected, never imported as tables. */
export interface CommunitiesDeps {
  db: Db;
  clock: Clock;
  members: Pick<MembersService, 'lockMember' | 'sellerProfile'>;
  bindings: Pick<BindingsService, 'bind'>;
  identity: Pick<IdentityService, 'usersByIds'>;
  notifications: Pick<NotificationsService, 'notify'>;
  /** group_admin_eligible is a privilege the reward engine grants. */
  privileges: Pick<Rewards['grants'], 'activePrivileges'>;
  /** Absent when WeCom is not configured. */
  wecom?: WecomApi;
}

/** A user's nickname, or '' when unknown, inside the caller's transaction. */
export async function nicknameOf(deps: Pick<CommunitiesDeps, 'identity'>, tx: Db, userId: number): Promise<string> {
  return (await deps.identity.usersByIds([userId], tx)).get(userId)?.nickname ?? '';
}
