import { useAsync } from '../../../hooks/useAsync';
import { api, type CommissionView } from '../../../services/api';
import { isApiError } from '../../../services/errors';

/** A sale with no commission of mine is an empty page, not an error. */
export function useCommissionDetail(saleId: number | null) {
  return useAsync<CommissionView[]>(async () => {
    if (saleId === null) return [];
    try {
      return (await api.commissionsOfSale(saleId)).items;
    } catch (error) {
      if (isApiError(error, 'COMMISSION_NOT_FOUND')) return [];
      throw error;
    }
  }, [saleId]);
}
