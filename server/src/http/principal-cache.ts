import type { Principal } from './principal';

/**
 * Principals by user id for a moment: every signed-in request needs its caller's roles and member
 * record, and they change rarely. An entry is used while it is younger than `ttlMs` and no write to
 * roles or members has happened in this process since it was read (`version` counts those writes),
 * so this process sees its own changes at once; another process's within `ttlMs` — far less than
 * the access token's own lifetime, which already vouches for the caller.
 */
export function createPrincipalCache(options: { ttlMs: number; maxEntries: number; version: () => number; nowMs?: () => number }) {
  const now = options.nowMs ?? (() => performance.now());
  const entries = new Map<number, { principal: Principal; until: number; version: number }>();
  return async function principalOf(userId: number, load: (userId: number) => Promise<Principal>): Promise<Principal> {
    const version = options.version();
    const hit = entries.get(userId);
    if (hit && hit.version === version && hit.until > now()) return hit.principal;
    const principal = await load(userId);
    // Stored only if nothing was written while it loaded: the read may predate that write.
    if (options.version() === version) {
      if (entries.size >= options.maxEntries) entries.clear();
      entries.set(userId, { principal, until: now() + options.ttlMs, version });
    }
    return principal;
  };
}
