import { useCallback, useState } from 'react';
import { usePaged } from '../../../hooks/usePaged';
import { api, type ReportBody, type ReportView } from '../../../services/api';

/** My reports, newest first, and filing a new one (the list reloads to show it). */
export function useReports() {
  const history = usePaged<ReportView>((cursor) => api.reports({ cursor }), []);
  const [submitting, setSubmitting] = useState(false);

  /** Answers the server's refusal, or null when the report was filed. */
  const file = useCallback(
    async (report: ReportBody): Promise<unknown> => {
      setSubmitting(true);
      try {
        await api.fileReport(report);
        await history.reload();
        return null;
      } catch (error) {
        return error;
      } finally {
        setSubmitting(false);
      }
    },
    [history.reload],
  );

  return { history, submitting, file };
}
