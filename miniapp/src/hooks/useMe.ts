import { api } from '../services/api';
import { useAsync } from './useAsync';

export function useMe() {
  return useAsync(() => api.me(), []);
}
