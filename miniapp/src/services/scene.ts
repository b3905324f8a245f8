import { referralCodeSchema } from '@sharecircle/shared';

export type Scene = { kind: 'none' } | { kind: 'code'; code: string } | { kind: 'invalid' };

/**
 * The referral code a poster or shared card (join page, shop) carries in `scene`. WeChat hands the scene
 * URL-encoded (decodeURIComponent per its docs); a code only uses scene characters, so decoding twice is harmless.
 */
export function readScene(raw: string | undefined): Scene {
  if (!raw) return { kind: 'none' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { kind: 'invalid' };
  }
  return referralCodeSchema.safeParse(decoded).success ? { kind: 'code', code: decoded } : { kind: 'invalid' };
}
