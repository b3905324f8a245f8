import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import { Segmented, type Option } from '../../../components/Form';
import type { CompetitionView, LeaderboardFilter } from '../../../services/api';
import { strings } from '../../../strings';

const text = strings.compete.competitions;

function statusTone(status: CompetitionView['status']): string {
  if (status === 'running') return '';
  return status === 'cancelled' ? 'tag--danger' : 'tag--muted';
}

/** Windows end at 00:00 China time, exclusive: the last day shown is the day before. */
const lastDay = (endsAt: string) => formatDate(new Date(Date.parse(endsAt) - 1).toISOString());

export function CompetitionList({ competitions, pickedId, onPick }: { competitions: CompetitionView[]; pickedId: number | null; onPick: (id: number) => void }) {
  return (
    <Card title={text.title} testId='competitions'>
      {competitions.length === 0 ? (
        <Text className='muted'>{text.empty}</Text>
      ) : (
        competitions.map((competition) => (
          <View
            className={`competition ${competition.id === pickedId ? 'competition--picked' : ''}`}
            key={competition.id}
            onClick={() => onPick(competition.id)}
            data-testid={`competition-${competition.id}`}
          >
            <View className='row'>
              <Text className='competition__name'>{competition.name}</Text>
              <Text className={`tag ${statusTone(competition.status)}`}>{text.status[competition.status]}</Text>
            </View>
            <Text className='muted'>
              {text.metric[competition.metric]} · {text.window(formatDate(competition.startsAt), lastDay(competition.endsAt))}
            </Text>
            {competition.prizes.map((prize, index) => (
              <Text className='competition__prize' key={index}>
                {text.prizeRange(prize.fromRank, prize.toRank)}
                {prize.name ? ` · ${prize.name}` : ''}
              </Text>
            ))}
            {competition.eligible ? null : <Text className='competition__warning'>{text.notEligible}</Text>}
          </View>
        ))
      )}
    </Card>
  );
}

const metricOptions: Option<LeaderboardFilter['metric']>[] = [
  { value: 'gmv', label: text.boardMetric.gmv },
  { value: 'new_customers', label: text.boardMetric.new_customers },
];
const periodOptions: Option<LeaderboardFilter['period']>[] = [
  { value: 'week', label: text.period.week },
  { value: 'month', label: text.period.month },
];

interface StandingFiltersProps {
  filter: LeaderboardFilter;
  /** Region and store boards only for members of a store. */
  inStore: boolean;
  onChange: (filter: LeaderboardFilter) => void;
  children: ReactNode;
}

export function StandingBoard({ filter, inStore, onChange, children }: StandingFiltersProps) {
  const scopes: LeaderboardFilter['scope'][] = inStore ? ['all', 'region', 'store'] : ['all'];
  return (
    <Card title={text.standingTitle} testId='standing'>
      <View className='standing__filters'>
        <Segmented options={metricOptions} value={filter.metric} onChange={(metric) => onChange({ ...filter, metric })} testId='standing-metric' />
        <Segmented options={periodOptions} value={filter.period} onChange={(period) => onChange({ ...filter, period })} testId='standing-period' />
        {scopes.length > 1 ? (
          <Segmented options={scopes.map((scope) => ({ value: scope, label: text.scope[scope] }))} value={filter.scope} onChange={(scope) => onChange({ ...filter, scope })} testId='standing-scope' />
        ) : null}
      </View>
      {children}
    </Card>
  );
}
