import { Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { formatDateTime } from '../../../components/format';
import type { LeaderboardView as Board } from '../../../services/api';
import { strings } from '../../../strings';

const text = strings.compete.competitions;

/** Board values are fen for GMV and counts otherwise: the board says which. */
const formatValue = (board: Board, value: number) => (board.unit === 'fen' ? `¥${formatYuan(value)}` : String(value));

function MyRank({ board }: { board: Board }) {
  if (!board.me) return <Text className='muted'>{text.notInBoard}</Text>;
  return (
    <View className='row leaderboard__mine' data-testid='my-rank'>
      <Text>{board.me.rank === null ? text.notRanked : text.myRank(board.me.rank)}</Text>
      <Text className='leaderboard__value'>{formatValue(board, board.me.value)}</Text>
    </View>
  );
}

/** The top of a board, the member's own row highlighted, and their rank above it (also when outside the top). */
export function LeaderboardView({ board, testId }: { board: Board; testId?: string }) {
  return (
    <View className='leaderboard' data-testid={testId}>
      <MyRank board={board} />
      {board.items.length === 0 ? (
        <Text className='muted leaderboard__empty'>{text.boardEmpty}</Text>
      ) : (
        board.items.map((entry, index) => (
          <View className={`row leaderboard__row ${entry.isMe ? 'leaderboard__row--me' : ''}`} key={`${entry.rank}-${index}`} data-testid='board-row'>
            <Text className={`leaderboard__rank leaderboard__rank--${entry.rank <= 3 ? entry.rank : 'rest'}`}>{entry.rank}</Text>
            <Text className='leaderboard__name'>
              {entry.nickname}
              {entry.isMe ? text.me : ''}
            </Text>
            <Text className='leaderboard__value'>{formatValue(board, entry.value)}</Text>
          </View>
        ))
      )}
      <Text className='leaderboard__foot'>
        {text.ranked(board.ranked)} · {board.final ? text.final : text.asOf(formatDateTime(board.asOf))}
      </Text>
    </View>
  );
}
