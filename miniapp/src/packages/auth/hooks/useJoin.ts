import type { JoinBody } from '@sharecircle/shared';
import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { api, type MemberRecord } from '../../../services/api';

export function useStores() {
  return useAsync(() => api.stores(), []);
}

/** POST /members/join; the member record it answers says whether the user is in (active) or waits for review (applied). */
export function useJoinSubmit() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = useCallback(async (body: JoinBody): Promise<MemberRecord | null> => {
    setSubmitting(true);
    setError(null);
    try {
      return await api.join(body);
    } catch (failure) {
      setError(failure);
      return null;
    } finally {
      setSubmitting(false);
    }
  }, []);

  return { submitting, error, submit };
}
