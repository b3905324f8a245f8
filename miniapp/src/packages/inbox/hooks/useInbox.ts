import { useEffect, useState } from 'react';
import { usePaged } from '../../../hooks/usePaged';
import { api, type NotificationView } from '../../../services/api';

/**
 * The inbox, newest first (only the unread ones when asked), with the count of all unread ones.
 * One marked read here shows read at once; a first page from the server replaces what was marked here.
 * `openedId`: the notification a WeChat subscribe message opened the page for, which the member has now seen.
 */
export function useInbox(onlyUnread: boolean, openedId: number | null) {
  const [serverUnread, setServerUnread] = useState(0);
  const [readHere, setReadHere] = useState<ReadonlySet<number>>(new Set());
  const list = usePaged<NotificationView>(
    async (cursor) => {
      const page = await api.notifications({ cursor, unreadOnly: onlyUnread });
      setServerUnread(page.unreadCount);
      if (!cursor) setReadHere(new Set());
      return page;
    },
    [onlyUnread],
  );

  useEffect(() => {
    if (openedId === null) return;
    // Best effort: if it fails the notification simply stays unread in the list.
    void api.markNotificationRead(openedId).then(list.reload, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openedId]);

  const isRead = (notification: NotificationView) => notification.readAt !== null || readHere.has(notification.id);

  return {
    list,
    unreadCount: Math.max(0, serverUnread - readHere.size),
    isRead,
    /** Marks one read on the server; one already read needs no request. */
    async markRead(notification: NotificationView): Promise<void> {
      if (isRead(notification)) return;
      await api.markNotificationRead(notification.id);
      setReadHere((previous) => new Set(previous).add(notification.id));
    },
    async markAllRead(): Promise<void> {
      await api.markAllNotificationsRead();
      await list.reload();
    },
  };
}
