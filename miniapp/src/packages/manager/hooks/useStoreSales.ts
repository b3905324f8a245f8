import { useAsync } from '../../../hooks/useAsync';
import { usePaged } from '../../../hooks/usePaged';
import { api, type MeView, type SaleView, type StoreView } from '../../../services/api';

/** HQ sees every store; a store manager the stores of their grants. */
function storesOf(me: MeView, stores: StoreView[]): StoreView[] {
  if (me.roles.some((grant) => grant.role === 'hq_admin')) return stores;
  const mine = new Set(me.roles.filter((grant) => grant.role === 'store_manager').map((grant) => grant.storeId));
  return stores.filter((store) => mine.has(store.id));
}

export function useManagedStores() {
  return useAsync(async () => {
    const [me, stores] = await Promise.all([api.me(), api.stores()]);
    return storesOf(me, stores.items);
  }, []);
}

export function useStoreSales(storeId: number) {
  return usePaged<SaleView>((cursor) => api.storeSales(storeId, { cursor }), [storeId]);
}
