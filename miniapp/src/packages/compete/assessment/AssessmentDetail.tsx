import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatAssessmentValue, outcomeTone } from '../../../components/conditions';
import { formatDate } from '../../../components/format';
import { ProgressBar } from '../../../components/ProgressBar';
import type { AssessmentView } from '../../../services/api';
import { strings } from '../../../strings';

type Item = AssessmentView['items'][number];
const text = strings.compete.assessment;

/** One policy's period: every metric against its threshold, what is still missing, the score and where it leads. */
export function AssessmentDetail({ item }: { item: Item }) {
  return (
    <Card title={`${item.policy.name} · ${item.periodKey}`} extra={<Text className={`tag ${outcomeTone(item.projectedOutcome)}`}>{strings.assessment.outcome[item.projectedOutcome]}</Text>} testId={`assessment-${item.policy.id}`}>
      <Text className='muted'>
        {text.score(item.score)}
        {item.projectedTier ? ` · ${strings.assessment.tier(item.projectedTier)}` : ''} · {text.closes(formatDate(item.closesAt))}
      </Text>
      {item.metrics.map((metric) => (
        <View className='assessment-metric' key={metric.metric} data-testid='assessment-metric'>
          <View className='row'>
            <Text className='assessment-metric__name'>{strings.assessment.metric[metric.metric] ?? metric.metric}</Text>
            <Text className={metric.met ? 'assessment-metric__met' : 'assessment-metric__unmet'}>
              {formatAssessmentValue(metric.metric, metric.value)} / {formatAssessmentValue(metric.metric, metric.threshold)}
            </Text>
          </View>
          <ProgressBar current={metric.value} target={metric.threshold} />
          <Text className='assessment-metric__note'>
            {metric.met ? strings.assessment.met : text.shortfall(formatAssessmentValue(metric.metric, metric.threshold - metric.value))}
          </Text>
        </View>
      ))}
      {item.lastResult ? <Text className='assessment__last'>{text.lastResult(item.lastResult.periodKey, text.outcome[item.lastResult.outcome])}</Text> : null}
    </Card>
  );
}
