import { Button, Text, View } from '@tarojs/components';
import { appealBodySchema } from '@sharecircle/shared';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { TextField } from '../../../components/Form';
import { formatDate } from '../../../components/format';
import type { AppealsView } from '../../../services/api';
import { strings } from '../../../strings';

const text = strings.compete.assessment;
const REASON_LENGTH_MAX = 1000;

function appealTone(status: AppealsView['items'][number]['status']): string {
  if (status === 'upheld') return '';
  return status === 'open' ? 'tag--warn' : 'tag--danger';
}

interface AppealsProps {
  appeals: AppealsView;
  submitting: boolean;
  submitError: string | null;
  nowMs: number;
  onAppeal: (reason: string) => void;
}

/** My removal, the one appeal it allows while the window is open, and every appeal with HQ's answer. */
export function Appeals({ appeals, submitting, submitError, nowMs, onAppeal }: AppealsProps) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { removal, items } = appeals;
  const appealed = removal !== null && items.some((appeal) => appeal.removalId === removal.id);
  const windowOpen = removal !== null && nowMs < Date.parse(removal.appealUntil);

  const submit = () => {
    if (!appealBodySchema.safeParse({ reason }).success) {
      setProblem(text.appealMissing);
      return;
    }
    setProblem(null);
    onAppeal(reason.trim());
  };

  return (
    <Card title={text.appealsTitle} testId='appeals'>
      {removal ? (
        <View className='appeal__removal'>
          <Text>{text.removal(formatDate(removal.removedAt), text.cause[removal.cause], removal.reason)}</Text>
          {!appealed ? <Text className='muted appeal__window'>{windowOpen ? text.appealUntil(formatDate(removal.appealUntil)) : text.appealClosed}</Text> : null}
        </View>
      ) : null}
      {removal && !appealed && windowOpen ? (
        <View data-testid='appeal-form'>
          <TextField
            label={text.appealLabel}
            value={reason}
            placeholder={text.appealPlaceholder}
            problem={problem ?? submitError}
            multiline={{ maxLength: REASON_LENGTH_MAX }}
            onChange={(value) => {
              setReason(value);
              setProblem(null);
            }}
          />
          <Button className='btn-primary appeal__submit' disabled={submitting || undefined} onClick={submit}>
            {submitting ? text.appealSubmitting : text.appealSubmit}
          </Button>
        </View>
      ) : null}
      {items.length === 0 ? (
        <Text className='muted'>{text.noAppeals}</Text>
      ) : (
        items.map((appeal) => (
          <View className='appeal' key={appeal.id} data-testid={`appeal-${appeal.id}`}>
            <View className='row'>
              <Text className='muted'>{text.appealFiled(formatDate(appeal.createdAt))}</Text>
              <Text className={`tag ${appealTone(appeal.status)}`}>{text.appealStatus[appeal.status]}</Text>
            </View>
            <Text className='appeal__reason'>{appeal.reason}</Text>
            {appeal.decisionNote ? <Text className='muted'>{text.decision(appeal.decisionNote)}</Text> : null}
          </View>
        ))
      )}
    </Card>
  );
}
