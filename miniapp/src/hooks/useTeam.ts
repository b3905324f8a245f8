import { api, type TeamMember } from '../services/api';
import { usePaged } from './usePaged';

export function useTeam(tier: 1 | 2) {
  return usePaged<TeamMember>((cursor) => api.team(tier, { cursor }), [tier]);
}
