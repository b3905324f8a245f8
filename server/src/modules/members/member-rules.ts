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

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A referral code unique by construction: the member id in base 32 (so two ids never collide),
 * then random characters so codes cannot be walked. Fits WeChat's 32-character scene.
 */
export function referralCodeFor(memberId: number, random: (max: number) => number): string {
  let id = memberId;
  let head = '';
  do {
    head = CODE_ALPHABET[id % 32] + head;
    id = Math.floor(id / 32);
  } while (id > 0);
  let tail = '';
  for (let i = 0; i < 4; i += 1) tail += CODE_ALPHABET[random(32)];
  return head + tail;
}
