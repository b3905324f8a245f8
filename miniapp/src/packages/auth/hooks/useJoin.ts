import { useAsync } from '../../../hooks/useAsync';
import { api } from '../../../services/api';

export function useStores() {
  return useAsync(() => api.stores(), []);
}
