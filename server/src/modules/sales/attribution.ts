import type { Settings } from '@sharecircle/shared';
import { BASIS_POINTS_PER_WHOLE } from '@sharecircle/shared';
import type { Attribution } from './sales.tables';

/**
 * The seller of record of a store sale under the brand's policy: the clerk (default), the member the
 * buyer is bound to (`binding`), or both with the configured shares (`split`). Without a bound member
 * the clerk sells alone.
 */
export function storeSaleAttribution(settings: Settings['attribution'], clerkMemberId: number, boundMemberId: number | null): Attribution {
  if (boundMemberId === null || boundMemberId === clerkMemberId || settings.policy === 'clerk') {
    return { policy: settings.policy, sellers: [{ memberId: clerkMemberId, shareBp: BASIS_POINTS_PER_WHOLE }] };
  }
  if (settings.policy === 'binding') return { policy: 'binding', sellers: [{ memberId: boundMemberId, shareBp: BASIS_POINTS_PER_WHOLE }] };
  const sellers = [
    { memberId: clerkMemberId, shareBp: settings.clerkShareBp },
    { memberId: boundMemberId, shareBp: BASIS_POINTS_PER_WHOLE - settings.clerkShareBp },
  ].filter((seller) => seller.shareBp > 0);
  return { policy: 'split', sellers };
}

/** A mini-program order earns for the member the buyer is bound to when paying, if any. */
export function onlineOrderAttribution(boundMemberId: number | null): Attribution {
  return { policy: 'online_binding', sellers: boundMemberId === null ? [] : [{ memberId: boundMemberId, shareBp: BASIS_POINTS_PER_WHOLE }] };
}
