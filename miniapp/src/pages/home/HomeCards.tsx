import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Card } from '../../components/Card';
import { formatDateTime } from '../../components/format';
import { Money } from '../../components/Money';
import { ErrorState, Loading } from '../../components/StateViews';
import type { AsyncResult } from '../../hooks/useAsync';
import type { CompetitionStanding, TasksDue } from '../../hooks/useHomeCards';
import { routes } from '../../services/navigation';
import { strings } from '../../strings';

/** A card's own loading and error states, so a failure here leaves the rest of home standing. */
function CardState<T>({ result, children }: { result: AsyncResult<T>; children: (data: T) => ReactNode }) {
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.reload} />;
  return <>{children(result.data)}</>;
}

function Standing({ standing, onOpen }: { standing: CompetitionStanding; onOpen: () => void }) {
  const { competition, unit, me } = standing;
  return (
    <View className='home-card__body' onClick={onOpen}>
      <View className='row'>
        <Text className='home-card__name'>{competition.name}</Text>
        <Text className='home-card__figure'>{me && me.rank !== null ? strings.home.competitionRank(me.rank) : strings.home.competitionUnranked}</Text>
      </View>
      <View className='row home-card__line'>
        <Text className='muted'>
          {strings.compete.competitions.metric[competition.metric] ?? competition.metric}{' '}
          {unit === 'fen' ? <Money fen={me?.value ?? 0} size='small' /> : String(me?.value ?? 0)}
        </Text>
        <Text className='muted'>{strings.home.competitionEnds(formatDateTime(competition.endsAt))}</Text>
      </View>
    </View>
  );
}

interface CompetitionCardProps {
  standing: AsyncResult<CompetitionStanding | null>;
  onNavigate: (url: string) => void;
}

/** My rank in the running competition that ends soonest; a tap opens the competitions page. */
export function CompetitionCard({ standing, onNavigate }: CompetitionCardProps) {
  const open = () => onNavigate(routes.competitions);
  return (
    <Card
      title={strings.home.competitionTitle}
      extra={<Text className='link' onClick={open}>{strings.compete.home.toCompetitions} ›</Text>}
      testId='home-competition'
    >
      <CardState result={standing}>
        {(data) => (data ? <Standing standing={data} onOpen={open} /> : <Text className='muted'>{strings.home.competitionEmpty}</Text>)}
      </CardState>
    </Card>
  );
}

/** How many of my content tasks still need proof and when the next is due (KOS only); a tap opens the tasks page. */
export function TasksCard({ due, onNavigate }: { due: AsyncResult<TasksDue | null>; onNavigate: (url: string) => void }) {
  const open = () => onNavigate(routes.kosTasks);
  return (
    <Card title={strings.home.tasksTitle} extra={<Text className='link' onClick={open}>{strings.home.toTasks} ›</Text>} testId='home-tasks'>
      <CardState result={due}>
        {(data) =>
          data ? (
            <View className='home-card__body' onClick={open}>
              <Text className='home-card__figure'>{strings.home.tasksDue(data.count)}</Text>
              <Text className='muted home-card__line'>{strings.home.tasksNextDue(formatDateTime(data.nextDueAt))}</Text>
            </View>
          ) : (
            <Text className='muted'>{strings.home.tasksEmpty}</Text>
          )
        }
      </CardState>
    </Card>
  );
}
