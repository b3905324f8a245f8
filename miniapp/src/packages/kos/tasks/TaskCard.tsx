import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import { ProgressBar } from '../../../components/ProgressBar';
import type { MyTask } from '../../../services/api';
import { strings } from '../../../strings';
import { ProofForm } from './ProofForm';
import type { SubmissionBody } from './proof';
import { SubmissionHistory } from './SubmissionHistory';

interface TaskCardProps {
  task: MyTask;
  nowMs: number;
  open: boolean;
  historyOpen: boolean;
  sending: boolean;
  sendError: string | null;
  onToggle: () => void;
  onToggleHistory: () => void;
  onSend: (body: SubmissionBody) => void;
}

/** One task: what to post where and by when, the review results so far, my submissions, and the proof form while open. */
export function TaskCard({ task, nowMs, open, historyOpen, sending, sendError, onToggle, onToggleHistory, onSend }: TaskCardProps) {
  const t = strings.kos.tasks;
  const closed = Date.parse(task.dueAt) <= nowMs;
  const { approved, pending, rejected } = task.progress;
  const sent = approved + pending + rejected;
  return (
    <Card title={task.topic} extra={task.done ? <Text className='tag'>{t.done}</Text> : closed ? <Text className='tag tag--muted'>{t.overdue}</Text> : null} testId={`task-${task.id}`}>
      <Text className='muted'>
        {strings.kos.platform[task.platform] ?? task.platform} · {task.hashtag.startsWith('#') ? task.hashtag : `#${task.hashtag}`} · {t.due(formatDate(task.dueAt))}
      </Text>
      <View className='row task__progress'>
        <Text>{t.progress(approved, task.target)}</Text>
        <View>
          {pending > 0 ? <Text className='tag tag--warn task__count'>{t.reviewing(pending)}</Text> : null}
          {rejected > 0 ? <Text className='tag tag--danger task__count'>{t.rejected(rejected)}</Text> : null}
        </View>
      </View>
      <ProgressBar current={approved} target={task.target} />
      {rejected > 0 && !task.done && !closed ? <Text className='muted task__hint'>{t.rejectedHint}</Text> : null}
      {sent > 0 ? (
        <View>
          <Button className='btn-plain task__toggle' size='mini' onClick={onToggleHistory}>
            {historyOpen ? strings.taskProof.historyHide : strings.taskProof.historyShow(sent)}
          </Button>
          {historyOpen ? <SubmissionHistory taskId={task.id} version={`${approved}/${pending}/${rejected}`} /> : null}
        </View>
      ) : null}
      {closed ? null : (
        <View>
          <Button className='btn-plain task__toggle' size='mini' onClick={onToggle}>
            {open ? t.cancel : t.submit}
          </Button>
          {open ? <ProofForm sending={sending} sendError={sendError} onSend={onSend} /> : null}
        </View>
      )}
    </Card>
  );
}
