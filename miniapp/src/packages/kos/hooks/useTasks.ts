import { useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { useSubmit } from '../../../hooks/useSubmit';
import { api } from '../../../services/api';
import type { SubmissionBody } from '../tasks/proof';

/** My tasks with progress; sending proof reloads them so the new post counts as under review. */
export function useTasks() {
  const tasks = useAsync(() => api.myTasks(), []);
  const [sendingTo, setSendingTo] = useState<number | null>(null);
  const sending = useSubmit(async (taskId: number, body: SubmissionBody) => {
    await api.submitTaskProof(taskId, body);
    await tasks.reload();
  });

  const send = async (taskId: number, body: SubmissionBody): Promise<boolean> => {
    setSendingTo(taskId);
    const result = await sending.submit(taskId, body);
    return result.ok;
  };

  return { tasks, sendingTo: sending.submitting ? sendingTo : null, sendError: sending.error ? { taskId: sendingTo, error: sending.error } : null, send };
}

/** My proof for one task, newest first; `version` changes when the task's counts do (a new post, a review), which reloads it. */
export function useTaskSubmissions(taskId: number, version: string) {
  return useAsync(() => api.myTaskSubmissions(taskId), [taskId, version]);
}
