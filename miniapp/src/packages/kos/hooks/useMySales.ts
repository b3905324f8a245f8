import { usePaged } from '../../../hooks/usePaged';
import { api, type SaleView } from '../../../services/api';

export function useMySales() {
  return usePaged<SaleView>((cursor) => api.mySales({ cursor }), []);
}
