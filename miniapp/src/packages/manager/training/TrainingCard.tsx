import { Button, Text, View } from '@tarojs/components';
import { TRAINING_PHASES, type TrainingPhase } from '@sharecircle/shared';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import type { TrainingGroup } from '../../../services/api';
import { strings } from '../../../strings';

/** Phases only move forward, one at a time (the server refuses anything else). */
export function nextPhase(phase: TrainingPhase): TrainingPhase | null {
  return TRAINING_PHASES[TRAINING_PHASES.indexOf(phase) + 1] ?? null;
}

interface TrainingCardProps {
  group: TrainingGroup;
  busy: boolean;
  problem: string | null;
  onAdvance: (phase: TrainingPhase) => void;
}

export function TrainingCard({ group, busy, problem, onAdvance }: TrainingCardProps) {
  const t = strings.manager.training;
  const next = nextPhase(group.phase);
  return (
    <Card title={group.displayName} extra={<Text className={`tag ${group.phase === 'finished' ? 'tag--muted' : ''}`}>{t.phase[group.phase]}</Text>} testId={`training-${group.id}`}>
      <Text className='muted'>
        {t.enrolled(group.enrolled)} · {t.since(formatDate(group.phaseChangedAt))}
      </Text>
      {problem ? <Text className='item-problem'>{problem}</Text> : null}
      {next ? (
        <View className='item-actions'>
          <Button className='btn-plain item-actions__button' size='mini' disabled={busy || undefined} onClick={() => onAdvance(next)}>
            {t.next(t.phase[next])}
          </Button>
        </View>
      ) : null}
    </Card>
  );
}
