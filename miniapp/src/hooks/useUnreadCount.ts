import { api } from '../services/api';
import { useAsync } from './useAsync';

/** How many of my notifications are unread: every inbox page carries the count, so one item is enough. */
export function useUnreadCount() {
  return useAsync(async () => (await api.notifications({ limit: 1 })).unreadCount, []);
}
