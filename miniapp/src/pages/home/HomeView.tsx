import { Text, View } from '@tarojs/components';
import { BadgeMedal } from '../../components/BadgeMedal';
import { BalanceGrid } from '../../components/BalanceGrid';
import { Card } from '../../components/Card';
import { describeCondition, formatAssessmentValue, formatConditionValue, outcomeTone, progressPercent } from '../../components/conditions';
import { formatDate } from '../../components/format';
import type { HomeData } from '../../hooks/useHome';
import type { HomeCardsData } from '../../hooks/useHomeCards';
import type { MeView } from '../../services/api';
import { routes } from '../../services/navigation';
import { strings } from '../../strings';
import { CompetitionCard, TasksCard } from './HomeCards';

interface HomeViewProps {
  me: MeView;
  member: NonNullable<HomeData['member']>;
  /** Loaded after the rest, each with its own states. */
  cards: Omit<HomeCardsData, 'reload'>;
  onOpenEarnings: () => void;
  onNavigate: (url: string) => void;
}

export function HomeView({ me, member, cards, onOpenEarnings, onNavigate }: HomeViewProps) {
  const linkTo = (url: string, text: string) => (
    <Text className='link' onClick={() => onNavigate(url)}>
      {text} ›
    </Text>
  );
  const { balances, level, latestBadges, assessment } = member;
  return (
    <View>
      <View className='home__hero'>
        <Text className='home__greeting'>{strings.home.greeting(me.nickname)}</Text>
        <Text className='home__level-tag'>{strings.home.levelName(level.level, level.name)}</Text>
      </View>

      <Card title={strings.home.balancesTitle} extra={<Text className='link' onClick={onOpenEarnings}>{strings.home.toEarnings} ›</Text>} testId='home-balances'>
        <BalanceGrid balances={balances} />
      </Card>

      <Card title={strings.home.levelTitle} testId='home-level'>
        {level.next ? (
          <View>
            <Text className='muted'>{strings.home.nextLevel(level.next.name)}</Text>
            {level.next.progress.map((item, index) => (
              <View className='progress' key={index}>
                <View className='row'>
                  <Text className='progress__label'>{describeCondition(item.condition)}</Text>
                  <Text className={`progress__value ${item.met ? 'progress__value--met' : ''}`}>
                    {formatConditionValue(item.condition, item.current)} / {formatConditionValue(item.condition, item.target)}
                  </Text>
                </View>
                <View className='progress__track'>
                  <View className='progress__bar' style={{ width: `${progressPercent(item.current, item.target)}%` }} />
                </View>
              </View>
            ))}
          </View>
        ) : (
          <Text className='muted'>{strings.home.topLevel}</Text>
        )}
      </Card>

      <Card title={strings.home.badgesTitle} extra={linkTo(routes.badges, strings.compete.home.allBadges)} testId='home-badges'>
        {latestBadges.length === 0 ? (
          <Text className='muted'>{strings.home.badgesEmpty}</Text>
        ) : (
          <View className='badges'>
            {latestBadges.map((badge) => (
              <View className='badge' key={badge.code}>
                <BadgeMedal badge={badge} />
                <Text className='badge__name'>{badge.name}</Text>
                <Text className='badge__date'>{formatDate(badge.earnedAt)}</Text>
              </View>
            ))}
          </View>
        )}
      </Card>

      <Card title={strings.home.assessmentTitle} extra={linkTo(routes.assessment, strings.compete.home.assessmentDetail)} testId='home-assessment'>
        {assessment.items.length === 0 ? (
          <Text className='muted'>{strings.home.assessmentEmpty}</Text>
        ) : (
          assessment.items.map((item) => (
            <View className='assessment' key={`${item.policy.id}-${item.periodKey}`}>
              <View className='row'>
                <Text className='assessment__name'>
                  {item.policy.name} · {item.periodKey}
                </Text>
                <Text className={`tag ${outcomeTone(item.projectedOutcome)}`}>
                  {strings.assessment.outcome[item.projectedOutcome]}
                </Text>
              </View>
              <Text className='muted'>
                {strings.home.assessmentScore(item.score)}
                {item.projectedTier ? ` · ${strings.assessment.tier(item.projectedTier)}` : ''} · {strings.home.assessmentCloses(formatDate(item.closesAt))}
              </Text>
              {item.metrics.map((metric) => (
                <View className='row assessment__metric' key={metric.metric}>
                  <Text>{strings.assessment.metric[metric.metric] ?? metric.metric}</Text>
                  <Text className={metric.met ? 'assessment__met' : 'assessment__unmet'}>
                    {formatAssessmentValue(metric.metric, metric.value)} / {formatAssessmentValue(metric.metric, metric.threshold)}{' '}
                    {metric.met ? strings.assessment.met : strings.assessment.notMet}
                  </Text>
                </View>
              ))}
            </View>
          ))
        )}
      </Card>

      <CompetitionCard standing={cards.competition} onNavigate={onNavigate} />
      {cards.tasks ? <TasksCard due={cards.tasks} onNavigate={onNavigate} /> : null}
    </View>
  );
}
