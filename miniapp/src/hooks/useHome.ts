import { api, type AssessmentView, type BadgeView, type BalancesView, type LevelView, type MeView } from '../services/api';
import { useAsync } from './useAsync';

export const LATEST_BADGES_MAX = 3;

export interface HomeData {
  me: MeView;
  /** null until the user joins: the home page then invites them to. */
  member: {
    balances: BalancesView;
    level: LevelView;
    latestBadges: BadgeView[];
    assessment: AssessmentView;
  } | null;
}

async function loadHome(): Promise<HomeData> {
  const me = await api.me();
  if (!me.member) return { me, member: null };
  const [balances, level, badges, assessment] = await Promise.all([api.balances(), api.level(), api.badges(), api.assessment()]);
  const latestBadges = [...badges.items].sort((a, b) => b.earnedAt.localeCompare(a.earnedAt)).slice(0, LATEST_BADGES_MAX);
  return { me, member: { balances, level, latestBadges, assessment } };
}

export function useHome() {
  return useAsync(loadHome, []);
}
