import { isDistributing, type MemberStatus } from '@sharecircle/shared';
import { useAsync } from '../../../hooks/useAsync';
import { api } from '../../../services/api';

export type PosterData =
  | { kind: 'not-member' }
  /** Removed, banned or still in review: their code would invite nobody, so there is no poster. */
  | { kind: 'inactive'; status: MemberStatus }
  | { kind: 'ready'; nickname: string; referralCode: string; codePath: string };

async function loadPoster(): Promise<PosterData> {
  const me = await api.me();
  if (!me.member) return { kind: 'not-member' };
  if (!isDistributing(me.member.status)) return { kind: 'inactive', status: me.member.status };
  return { kind: 'ready', nickname: me.nickname, referralCode: me.member.referralCode, codePath: await api.posterCode() };
}

export function usePosterData() {
  return useAsync(loadPoster, []);
}
