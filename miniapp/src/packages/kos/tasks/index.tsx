import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';
import { useTasks } from '../hooks/useTasks';
import type { SubmissionBody } from './proof';
import { TaskCard } from './TaskCard';
import './index.scss';

function explainSendError(error: unknown): string {
  if (isApiError(error) && strings.kos.tasks.refusal[error.code]) return strings.kos.tasks.refusal[error.code];
  return describeError(error);
}

/** KOS content tasks: what HQ or the store asks to post, proof per post, and how review went (and why, per post). */
export default function TasksPage() {
  const { tasks, sendingTo, sendError, send } = useTasks();
  const [openTask, setOpenTask] = useState<number | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  Taro.usePullDownRefresh(() => {
    void tasks.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const sendProof = async (taskId: number, body: SubmissionBody) => {
    if (!(await send(taskId, body))) return;
    setOpenTask(null);
    void Taro.showToast({ title: strings.kos.tasks.sent, icon: 'success' });
  };

  let content;
  if (tasks.status === 'loading') content = <Loading />;
  else if (tasks.status === 'error') content = <ErrorState error={tasks.error} onRetry={tasks.reload} />;
  else if (tasks.data.items.length === 0) content = <EmptyState text={strings.kos.tasks.empty} />;
  else {
    const nowMs = Date.now();
    content = tasks.data.items.map((task) => (
      <TaskCard
        key={task.id}
        task={task}
        nowMs={nowMs}
        open={openTask === task.id}
        historyOpen={historyOf === task.id}
        sending={sendingTo === task.id}
        sendError={sendError?.taskId === task.id ? explainSendError(sendError.error) : null}
        onToggle={() => setOpenTask(openTask === task.id ? null : task.id)}
        onToggleHistory={() => setHistoryOf(historyOf === task.id ? null : task.id)}
        onSend={(body) => void sendProof(task.id, body)}
      />
    ));
  }
  return <View className='page tasks'>{content}</View>;
}
