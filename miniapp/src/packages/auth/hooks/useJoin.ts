import { useAsync } from '../../../hooks/useAsync';
import { api, type InviterView } from '../../../services/api';
import { isApiError } from '../../../services/errors';

export function useStores() {
  return useAsync(() => api.stores(), []);
}

/**
 * What the join page knows of the inviter: nothing yet (no code, or signed out: the lookup needs a
 * session), the lookup under way, the owner of the code, or that no member has it. Any other failure
 * keeps the code: joining with it is what tells the user then.
 */
export type InviterLookup =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'found'; inviter: InviterView }
  | { kind: 'unknown' }
  | { kind: 'failed' };

export function useInviter(referralCode: string | null): InviterLookup {
  const lookup = useAsync(() => (referralCode ? api.inviter(referralCode) : Promise.resolve(null)), [referralCode]);
  if (!referralCode) return { kind: 'none' };
  if (lookup.status === 'loading') return { kind: 'checking' };
  if (lookup.status === 'error') return isApiError(lookup.error, 'REFERRAL_CODE_UNKNOWN') ? { kind: 'unknown' } : { kind: 'failed' };
  return lookup.data ? { kind: 'found', inviter: lookup.data } : { kind: 'none' };
}

/** Joining through a code the lookup found unusable would be refused, so the user joins without it (they were told). */
export function usableReferralCode(referralCode: string | null, lookup: InviterLookup): string | null {
  if (lookup.kind === 'unknown') return null;
  if (lookup.kind === 'found' && !lookup.inviter.acceptsReferrals) return null;
  return referralCode;
}
