import type { ChangeFeed } from '../db/change-feed';
import type { Principal } from './principal';

/**
 * Principals by user id: every signed-in request needs its caller's roles and member record, and they
 * change rarely. An entry is used while no change has been announced since it was read: the database
 * announces every change to roles and members on commit to every process (`changes`, see migration
 * 0017), and this process also counts its own writes as it makes them (`localWrites`), so it sees them
 * from its very next request. While announcements are not arriving (the listening connection is down)
 * nothing is kept. `ttlMs` only bounds how long an entry lives if an announcement were ever lost.
 */
export function createPrincipalCache(options: { ttlMs: number; maxEntries: number; changes: ChangeFeed; localWrites: () => number; nowMs?: () => number }) {
  const now = options.nowMs ?? (() => performance.now());
  const version = () => options.localWrites() + options.changes.generation();
  const entries = new Map<number, { principal: Principal; until: number; version: number }>();
  return async function principalOf(userId: number, load: (userId: number) => Promise<Principal>): Promise<Principal> {
    if (!options.changes.live()) return load(userId);
    const before = version();
    const hit = entries.get(userId);
    if (hit && hit.version === before && hit.until > now()) return hit.principal;
    const principal = await load(userId);
    // Kept only if nothing changed while it loaded: the read may predate that change.
    if (version() === before && options.changes.live()) {
      if (entries.size >= options.maxEntries) entries.clear();
      entries.set(userId, { principal, until: now() + options.ttlMs, version: before });
    }
    return principal;
  };
}
