import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { api } from '../../../services/api';
import type { SubmissionBody } from '../tasks/proof';

/** My tasks with progress; sending proof reloads them so the new post counts as under review. */
export function useTasks() {
  const tasks = useAsync(() => api.myTasks(), []);
  const [sendingTo, setSendingTo] = useState<number | null>(null);
  const [sendError, setSendError] = useState<{ taskId: number; error: unknown } | null>(null);

  const send = useCallback(
    async (taskId: number, body: SubmissionBody): Promise<boolean> => {
      setSendingTo(taskId);
      setSendError(null);
      try {
        await api.submitTaskProof(taskId, body);
        await tasks.reload();
        return true;
      } catch (error) {
        setSendError({ taskId, error });
        return false;
      } finally {
        setSendingTo(null);
      }
    },
    [tasks.reload],
  );

  return { tasks, sendingTo, sendError, send };
}
