import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import { useSubmit } from '../../../hooks/useSubmit';
import type { NotificationView } from '../../../services/api';
import { describeError } from '../../../services/errors';
import { strings } from '../../../strings';
import { useInbox } from '../hooks/useInbox';
import { useSubscriptions, type SubscribeOutcome } from '../hooks/useSubscriptions';
import { InboxBar, InboxList } from './InboxView';
import { SubscribeCard } from './SubscribeCard';
import { targetOf } from './target';
import './index.scss';

const text = strings.inbox;

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' });
}

function describeOutcome(outcome: SubscribeOutcome): string {
  switch (outcome.kind) {
    case 'recorded':
      return text.subscribe.recorded(outcome.count);
    case 'none-accepted':
      return text.subscribe.noneAccepted;
    case 'switched-off':
      return text.subscribe.switchedOff;
    case 'failed':
      return outcome.error ? describeError(outcome.error) : text.subscribe.failed;
  }
}

/** A subscribe message opens this page with `?id=` of its notification. */
function openedIdFrom(params: Record<string, string | undefined>): number | null {
  const id = Number(params.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The member's notifications, and (inside WeChat) the way to get them as WeChat subscribe messages too. */
export default function InboxPage() {
  const [onlyUnread, setOnlyUnread] = useState(false);
  const inbox = useInbox(onlyUnread, openedIdFrom(Taro.useRouter().params));
  // H5 has no requestSubscribeMessage: nothing to offer there.
  const subscriptions = useSubscriptions(process.env.TARO_ENV !== 'h5');
  const readAll = useSubmit(inbox.markAllRead);
  useRefreshOnShow(() => Promise.all([inbox.list.reload(), subscriptions.reload()]));

  const open = async (notification: NotificationView) => {
    try {
      await inbox.markRead(notification);
    } catch (error) {
      toast(describeError(error));
      return;
    }
    const target = targetOf(notification.kind);
    if (target?.tab) void Taro.switchTab({ url: target.url });
    else if (target) void Taro.navigateTo({ url: target.url });
  };

  const markAllRead = async () => {
    if (readAll.submitting) return;
    const result = await readAll.submit();
    toast(result.ok ? text.readAllDone : describeError(result.error));
  };

  const subscribe = async () => {
    toast(describeOutcome(await subscriptions.subscribe()));
  };

  const { list } = inbox;
  let content;
  if (list.status === 'loading') content = <Loading />;
  else if (list.status === 'error') content = <ErrorState error={list.error} onRetry={list.reload} />;
  else if (list.items.length === 0) content = <EmptyState text={onlyUnread ? text.emptyUnread : text.empty} />;
  else content = <InboxList list={list} isRead={inbox.isRead} onOpen={(notification) => void open(notification)} />;

  return (
    <View className='page inbox'>
      {subscriptions.items.length > 0 ? <SubscribeCard items={subscriptions.items} asking={subscriptions.asking} onSubscribe={() => void subscribe()} /> : null}
      <InboxBar onlyUnread={onlyUnread} unreadCount={list.status === 'ready' ? inbox.unreadCount : null} onFilter={setOnlyUnread} onReadAll={() => void markAllRead()} />
      {content}
    </View>
  );
}
