import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { api, type PlatformAccountBody } from '../../../services/api';

/** My platform accounts; saving one (new, or new fans for the same platform and handle) reloads the list. */
export function usePlatformAccounts() {
  const accounts = useAsync(() => api.platformAccounts(), []);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  const save = useCallback(
    async (body: PlatformAccountBody): Promise<boolean> => {
      setSaving(true);
      setSaveError(null);
      try {
        await api.savePlatformAccount(body);
        await accounts.reload();
        return true;
      } catch (error) {
        setSaveError(error);
        return false;
      } finally {
        setSaving(false);
      }
    },
    [accounts.reload],
  );

  return { accounts, saving, saveError, save };
}
