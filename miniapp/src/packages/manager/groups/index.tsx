import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useAsync } from '../../../hooks/useAsync';
import { api, type ChecklistItem } from '../../../services/api';
import { strings } from '../../../strings';
import { explainManagerError } from '../errors';
import { useItemAction } from '../hooks/useItemAction';
import { Checklist } from './Checklist';
import { GroupCard } from './GroupCard';
import './index.scss';

/** Community manager: the to-do list of changes to make in WeChat, and admin rights over the brand's customer groups. */
export default function GroupsPage() {
  const g = strings.manager.groups;
  const checklist = useAsync(() => api.wechatChecklist(), []);
  const groups = useAsync(() => api.customerGroups(), []);
  const tick = useItemAction(checklist.reload);
  const [openGroup, setOpenGroup] = useState<number | null>(null);
  // A grant or a revocation changes the group's admin and adds a to-do for WeChat.
  const refresh = async () => {
    await Promise.all([checklist.reload(), groups.reload()]);
  };
  Taro.usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  const markDone = async (item: ChecklistItem) => {
    const result = await tick.perform(`${item.id}`, () => api.markChecklistDone(item.id));
    if (result.ok) void Taro.showToast({ title: g.markedDone, icon: 'success' });
  };

  let content;
  if (checklist.status === 'loading' || groups.status === 'loading') content = <Loading />;
  else if (checklist.status === 'error') content = <ErrorState error={checklist.error} message={explainManagerError(checklist.error)} onRetry={checklist.reload} />;
  else if (groups.status === 'error') content = <ErrorState error={groups.error} message={explainManagerError(groups.error)} onRetry={groups.reload} />;
  else
    content = (
      <View>
        <Checklist
          items={checklist.data.items}
          busy={(id) => tick.busy(`${id}`)}
          problem={(id) => {
            const error = tick.errorFor(`${id}`);
            return error ? explainManagerError(error) : null;
          }}
          onDone={(item) => void markDone(item)}
        />
        <Text className='groups__title'>{g.groupsTitle}</Text>
        {groups.data.items.length === 0 ? <EmptyState text={g.groupsEmpty} /> : null}
        {groups.data.items.map((group) => (
          <GroupCard key={group.id} group={group} open={openGroup === group.id} onToggle={() => setOpenGroup(openGroup === group.id ? null : group.id)} onChanged={refresh} />
        ))}
      </View>
    );
  return <View className='page groups'>{content}</View>;
}
