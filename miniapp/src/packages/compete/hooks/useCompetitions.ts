import { useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { api, type LeaderboardFilter } from '../../../services/api';

/**
 * The competitions I can see and, for the one picked (the first by default), its board; beside them
 * the standing boards. Region and store boards exist only for members of a store.
 */
export function useCompetitions() {
  const overview = useAsync(async () => {
    const [competitions, me] = await Promise.all([api.competitions(), api.me()]);
    return { competitions: competitions.items, inStore: (me.member?.storeId ?? null) !== null };
  }, []);
  const [pickedId, setPickedId] = useState<number | null>(null);
  const competitionId = pickedId ?? (overview.status === 'ready' ? overview.data.competitions[0]?.id ?? null : null);
  const board = useAsync(async () => (competitionId === null ? null : api.competitionLeaderboard(competitionId)), [competitionId]);

  const [filter, setFilter] = useState<LeaderboardFilter>({ metric: 'gmv', period: 'month', scope: 'all' });
  const standing = useAsync(() => api.leaderboard(filter), [filter.metric, filter.period, filter.scope]);

  return { overview, competitionId, pick: setPickedId, board, filter, setFilter, standing };
}
