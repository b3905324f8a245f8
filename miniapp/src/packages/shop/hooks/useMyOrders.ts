import { usePaged } from '../../../hooks/usePaged';
import { api, type SaleView } from '../../../services/api';

export function useMyOrders() {
  return usePaged<SaleView>((cursor) => api.myOrders({ cursor }), []);
}
