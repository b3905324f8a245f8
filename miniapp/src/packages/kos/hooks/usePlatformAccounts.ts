import { useAsync } from '../../../hooks/useAsync';
import { useSubmit } from '../../../hooks/useSubmit';
import { api, type PlatformAccountBody } from '../../../services/api';

/** My platform accounts; saving one (new, or new fans for the same platform and handle) reloads the list. */
export function usePlatformAccounts() {
  const accounts = useAsync(() => api.platformAccounts(), []);
  const saving = useSubmit(async (body: PlatformAccountBody) => {
    await api.savePlatformAccount(body);
    await accounts.reload();
  });
  return { accounts, saving: saving.submitting, saveError: saving.error, save: async (body: PlatformAccountBody) => (await saving.submit(body)).ok };
}
