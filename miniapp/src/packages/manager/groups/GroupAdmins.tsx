import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDate } from '../../../components/format';
import { ErrorState, Loading } from '../../../components/StateViews';
import { useAsync } from '../../../hooks/useAsync';
import { api, type GrantAdminBody, type GroupView } from '../../../services/api';
import { strings } from '../../../strings';
import { ReasonForm } from '../components/ReasonForm';
import { explainManagerError } from '../errors';
import { useItemAction } from '../hooks/useItemAction';
import { GrantForm } from './GrantForm';

/** One customer group's admin rights: who held them and why they ended, grant to a member, or revoke. */
export function GroupAdmins({ group, onChanged }: { group: GroupView; onChanged: () => Promise<void> }) {
  const g = strings.manager.groups;
  const history = useAsync(() => api.groupAdmins(group.id), [group.id]);
  const action = useItemAction(async () => {
    await Promise.all([history.reload(), onChanged()]);
  });
  const [revoking, setRevoking] = useState(false);
  const key = `group-${group.id}`;
  const error = action.errorFor(key);

  const grant = async (body: GrantAdminBody) => {
    const result = await action.perform(key, () => api.grantGroupAdmin(group.id, body));
    if (result.ok) void Taro.showToast({ title: g.grantedToast, icon: 'none' });
  };

  const revoke = async (memberId: number, reason: string) => {
    const { confirm } = await Taro.showModal({ title: g.revokeTitle, content: g.revokeBody(memberId), confirmText: strings.common.confirm, cancelText: strings.common.cancel });
    if (!confirm) return;
    const result = await action.perform(key, () => api.revokeGroupAdmin(group.id, memberId, reason || undefined));
    if (!result.ok) return;
    setRevoking(false);
    void Taro.showToast({ title: g.revokedToast, icon: 'none' });
  };

  return (
    <View className='group-admins' data-testid={`group-admins-${group.id}`}>
      {error ? <Text className='item-problem'>{explainManagerError(error)}</Text> : null}
      {group.admin && !revoking ? (
        <View className='item-actions'>
          <Button className='btn-plain item-actions__button' size='mini' onClick={() => setRevoking(true)}>
            {g.revoke}
          </Button>
        </View>
      ) : null}
      {group.admin && revoking ? (
        <ReasonForm optional submitText={g.revoke} busy={action.busy(key)} onSubmit={(reason) => void revoke(group.admin!.memberId, reason)} onCancel={() => setRevoking(false)} />
      ) : null}
      {group.admin ? null : <GrantForm busy={action.busy(key)} onGrant={(body) => void grant(body)} />}
      <Text className='group-admins__title'>{g.historyTitle}</Text>
      {history.status === 'loading' ? <Loading /> : null}
      {history.status === 'error' ? <ErrorState error={history.error} onRetry={history.reload} /> : null}
      {history.status === 'ready' && history.data.items.length === 0 ? <Text className='muted'>{g.historyEmpty}</Text> : null}
      {history.status === 'ready'
        ? history.data.items.map((right) => (
            <View className='group-admins__right' key={right.id}>
              <Text>
                {g.granted(right.nickname, formatDate(right.grantedAt))} · {g.scope[right.scope]}
              </Text>
              {right.revokedAt ? (
                <Text className='muted'>
                  {g.revokedAt(formatDate(right.revokedAt))} · {right.revokeCause ? g.revokeCause[right.revokeCause] : ''}
                  {right.revokeReason ? `：${right.revokeReason}` : ''}
                </Text>
              ) : right.expiresAt ? (
                <Text className='muted'>{g.expires(formatDate(right.expiresAt))}</Text>
              ) : null}
            </View>
          ))
        : null}
    </View>
  );
}
