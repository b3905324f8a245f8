import { codeForId } from '../../codes';
import type { MemberStatus } from '@sharecircle/shared';

/** Statuses in which a member is a working distributor: can refer others and earn. */
const DISTRIBUTING: readonly MemberStatus[] = ['active', 'warned', 'probation'];
export const isDistributing = (status: MemberStatus) => DISTRIBUTING.includes(status);

/** "张三丰" -> "张*丰": downlines and uplines see each other only masked. */
export function maskNickname(nickname: string): string {
  const chars = [...nickname];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 3))}${chars[chars.length - 1]}`;
}

/** Referral codes: uppercase, from the member id (see codeForId). */
export const referralCodeFor = (memberId: number, random: (max: number) => number) => codeForId(memberId, random);
