import type { MemberStatus, MemberType, StaffRole } from '@sharecircle/shared';
import { AppError } from './app-error';

/** Who is calling: the signed-in user, their staff roles and, if they joined, their member record. */
export interface Principal {
  userId: number;
  roles: { role: StaffRole; storeId: number | null }[];
  member: { id: number; type: MemberType; status: MemberStatus; storeId: number | null } | null;
}

/** Who may call a route. Scope (which store) is checked by the service with the helpers below. */
export type Access = 'public' | 'user' | 'member' | readonly StaffRole[];

export function hasRole(principal: Principal, role: StaffRole): boolean {
  return principal.roles.some((grant) => grant.role === role);
}

export function authorize(principal: Principal | null, access: Access): void {
  if (access === 'public') return;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'sign in first');
  if (access === 'user') return;
  if (access === 'member') {
    if (!principal.member) throw new AppError('NOT_A_MEMBER', 'join the community first');
    return;
  }
  if (!access.some((role) => hasRole(principal, role))) {
    throw new AppError('FORBIDDEN', `this needs one of the roles: ${access.join(', ')}`);
  }
}

/** The stores a caller may manage: every store for HQ (null), their own for a store manager. */
export function managedStoreIds(principal: Principal): number[] | null {
  if (hasRole(principal, 'hq_admin')) return null;
  return principal.roles.filter((grant) => grant.role === 'store_manager').map((grant) => grant.storeId as number);
}

export function assertManagesStore(principal: Principal, storeId: number | null): void {
  const stores = managedStoreIds(principal);
  if (stores === null) return;
  if (storeId === null || !stores.includes(storeId)) throw new AppError('FORBIDDEN', 'this belongs to another store');
}

export function requireMember(principal: Principal): NonNullable<Principal['member']> {
  if (!principal.member) throw new AppError('NOT_A_MEMBER', 'join the community first');
  return principal.member;
}
