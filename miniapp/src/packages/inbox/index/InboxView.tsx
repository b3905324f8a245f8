import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { Segmented } from '../../../components/Form';
import { formatDateTime } from '../../../components/format';
import { ListFooter } from '../../../components/ListFooter';
import type { PagedState } from '../../../hooks/usePaged';
import type { NotificationView } from '../../../services/api';
import { strings } from '../../../strings';
import { targetOf } from './target';

const text = strings.inbox;
const filterOptions = [
  { value: false, label: text.filter.all },
  { value: true, label: text.filter.unread },
] as const;

interface InboxBarProps {
  onlyUnread: boolean;
  /** null until the first page arrived. */
  unreadCount: number | null;
  onFilter: (onlyUnread: boolean) => void;
  onReadAll: () => void;
}

export function InboxBar({ onlyUnread, unreadCount, onFilter, onReadAll }: InboxBarProps) {
  return (
    <View className='inbox__bar'>
      <Segmented options={filterOptions} value={onlyUnread} onChange={onFilter} testId='inbox-filter' />
      {unreadCount !== null ? (
        <View className='row inbox__summary' data-testid='inbox-summary'>
          <Text className='muted'>{text.unreadCount(unreadCount)}</Text>
          {unreadCount > 0 ? (
            <Text className='link' onClick={onReadAll}>
              {text.readAll}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

interface InboxListProps {
  list: PagedState<NotificationView>;
  isRead: (notification: NotificationView) => boolean;
  onOpen: (notification: NotificationView) => void;
}

export function InboxList({ list, isRead, onOpen }: InboxListProps) {
  return (
    <Card>
      {list.items.map((notification) => {
        const read = isRead(notification);
        return (
          <View key={notification.id} className={`inbox-item ${read ? '' : 'inbox-item--unread'}`} data-testid={`notification-${notification.id}`} onClick={() => onOpen(notification)}>
            <View className={`inbox-item__icon inbox-item__icon--${notification.kind}`}>
              <Text>{text.icon[notification.kind]}</Text>
            </View>
            <View className='inbox-item__body'>
              <View className='row'>
                <Text className='inbox-item__title'>{notification.title}</Text>
                {read ? null : <Text className='tag tag--danger'>{text.unread}</Text>}
              </View>
              <Text className='inbox-item__text'>{notification.body}</Text>
              <Text className='muted'>{formatDateTime(notification.createdAt)}</Text>
            </View>
            {targetOf(notification.kind) ? <Text className='muted inbox-item__more'>›</Text> : null}
          </View>
        );
      })}
      <ListFooter hasMore={list.hasMore} loadingMore={list.loadingMore} moreError={list.moreError} onMore={list.loadMore} />
    </Card>
  );
}
