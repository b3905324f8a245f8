import { api, type CommissionView } from '../services/api';
import { useAsync } from './useAsync';
import { usePaged } from './usePaged';

export function useBalances() {
  return useAsync(() => api.balances(), []);
}

export function useCommissions() {
  return usePaged<CommissionView>((cursor) => api.commissions({ cursor }), []);
}
