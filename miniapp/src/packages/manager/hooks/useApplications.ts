import type { MemberStatus } from '@sharecircle/shared';
import { useAsync } from '../../../hooks/useAsync';
import { api } from '../../../services/api';

/** Applications in one state, with the stores' names (an application names its store by id). */
export function useApplications(status: MemberStatus) {
  return useAsync(async () => {
    const [applications, stores] = await Promise.all([api.applications(status), api.stores()]);
    return { items: applications.items, storeNames: new Map(stores.items.map((store) => [store.id, store.name])) };
  }, [status]);
}
