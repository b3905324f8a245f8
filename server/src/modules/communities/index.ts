import { createAdminRightsService } from './admin-rights.service';
import type { CommunitiesDeps } from './deps';
import { createGroupAttribution } from './group-attribution';
import { createGroupsService } from './groups.service';
import { createTrainingService } from './training.service';

export { communitiesRoutes } from './communities.routes';
export type { CommunitiesDeps } from './deps';
export { createGroupAttribution, type GroupAttribution } from './group-attribution';

/**
 * Groups and their join codes, group-admin rights with the WeChat checklist, and training groups.
 * Wiring (services.ts): `onRemoved` goes to discipline.onRemoved, `onLevelChanged` to the outbox's
 * level.changed, `expireRights` to the group-admins.expire job, and `groupSeller` / `groupIdByCode`
 * (createGroupAttribution, which needs only members) to the sales service, which credits an order
 * through a customer group to its admin.
 */
export function createCommunities(deps: CommunitiesDeps) {
  const groups = createGroupsService(deps);
  const rights = createAdminRightsService(deps);
  const training = createTrainingService(deps);
  return {
    groups,
    rights,
    training,
    /** groupSeller(tx, groupId, at): the member holding admin rights over a customer group then, if any. */
    ...createGroupAttribution(deps),
    onRemoved: rights.onRemoved,
    onLevelChanged: rights.onLevelChanged,
    expireRights: rights.expireDue,
    /** Group-admin rights in the shape /me/privileges lists. */
    rightsAsPrivileges: rights.asPrivileges,
  };
}

export type Communities = ReturnType<typeof createCommunities>;
