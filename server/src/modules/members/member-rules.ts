import { codeForId } from '../../codes';

/** The mini-program shows the same rule (e.g. no poster for a removed member), so it lives in shared. */
export { isDistributing } from '@sharecircle/shared';

/** "张三丰" -> "张*丰": downlines and uplines see each other only masked. */
export function maskNickname(nickname: string): string {
  const chars = [...nickname];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 3))}${chars[chars.length - 1]}`;
}

/** Referral codes: uppercase, from the member id (see codeForId). */
export const referralCodeFor = (memberId: number, random: (max: number) => number) => codeForId(memberId, random);
