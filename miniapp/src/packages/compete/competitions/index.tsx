import { View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { ErrorState, Loading } from '../../../components/StateViews';
import type { AsyncResult } from '../../../hooks/useAsync';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import type { LeaderboardView as Board } from '../../../services/api';
import { strings } from '../../../strings';
import { useCompetitions } from '../hooks/useCompetitions';
import { CompetitionList, StandingBoard } from './CompetitionsView';
import { LeaderboardView } from './LeaderboardView';
import './index.scss';

/** A board's own loading and error states, inside its card. */
function BoardState({ board, testId }: { board: AsyncResult<Board | null>; testId: string }) {
  if (board.status === 'loading') return <Loading />;
  if (board.status === 'error') return <ErrorState error={board.error} onRetry={board.reload} />;
  return board.data ? <LeaderboardView board={board.data} testId={testId} /> : null;
}

export default function CompetitionsPage() {
  const { overview, competitionId, pick, board, filter, setFilter, standing } = useCompetitions();
  useRefreshOnShow(() => Promise.all([overview.reload(), board.reload(), standing.reload()]));

  let content;
  if (overview.status === 'loading') content = <Loading />;
  else if (overview.status === 'error') content = <ErrorState error={overview.error} onRetry={overview.reload} />;
  else {
    const picked = overview.data.competitions.find((competition) => competition.id === competitionId);
    content = (
      <View>
        <CompetitionList competitions={overview.data.competitions} pickedId={competitionId} onPick={pick} />
        {picked ? (
          <Card title={strings.compete.competitions.boardTitle(picked.name)} testId='competition-board'>
            <BoardState board={board} testId='competition-leaderboard' />
          </Card>
        ) : null}
        <StandingBoard filter={filter} inStore={overview.data.inStore} onChange={setFilter}>
          <BoardState board={standing} testId='standing-leaderboard' />
        </StandingBoard>
      </View>
    );
  }
  return <View className='page competitions-page'>{content}</View>;
}
