import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { api, type AppealsView, type AssessmentView } from '../../../services/api';

export interface AssessmentData {
  assessment: AssessmentView;
  appeals: AppealsView;
}

/** This period's assessment, and my removal (if any) with the appeals against it. */
export function useAssessment() {
  const data = useAsync<AssessmentData>(async () => {
    const [assessment, appeals] = await Promise.all([api.assessment(), api.appeals()]);
    return { assessment, appeals };
  }, []);
  const [appealing, setAppealing] = useState(false);

  /** Files the appeal and reloads; answers the server's refusal, or null. */
  const fileAppeal = useCallback(
    async (reason: string): Promise<unknown> => {
      setAppealing(true);
      try {
        await api.fileAppeal(reason);
        await data.reload();
        return null;
      } catch (error) {
        return error;
      } finally {
        setAppealing(false);
      }
    },
    [data.reload],
  );

  return { data, appealing, fileAppeal };
}
