import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { TrainingPhase } from '@sharecircle/shared';
import { Card } from '../../../components/Card';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useAsync } from '../../../hooks/useAsync';
import { api, type TrainingGroup, type TrainingGroupBody } from '../../../services/api';
import { strings } from '../../../strings';
import { explainManagerError } from '../errors';
import { useItemAction } from '../hooks/useItemAction';
import { CreateForm } from './CreateForm';
import { TrainingCard } from './TrainingCard';
import './index.scss';

const t = strings.manager.training;
const CREATE = 'create';

/** WeChat cannot rename a group through an API: the manager is told the new name to set by hand. */
function askToRename(setNameTo: string) {
  void Taro.showModal({ title: t.renameTitle, content: t.renameBody(setNameTo), showCancel: false, confirmText: strings.common.confirm });
}

/** Training groups from recruiting to finished; each phase renames the WeChat group. */
export default function TrainingPage() {
  const groups = useAsync(() => api.trainingGroups(), []);
  const action = useItemAction(groups.reload);
  Taro.usePullDownRefresh(() => {
    void groups.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const create = async (body: TrainingGroupBody) => {
    const result = await action.perform(CREATE, () => api.createTrainingGroup(body));
    if (result.ok) askToRename(result.value.wechat.setNameTo);
  };

  const advance = async (group: TrainingGroup, phase: TrainingPhase) => {
    const { confirm } = await Taro.showModal({ title: t.nextTitle, content: t.nextBody(group.displayName, t.phase[phase]), confirmText: strings.common.confirm, cancelText: strings.common.cancel });
    if (!confirm) return;
    const result = await action.perform(`${group.id}`, () => api.changeTrainingPhase(group.id, phase));
    if (result.ok) askToRename(result.value.wechat.setNameTo);
  };

  const problemOf = (key: string) => {
    const error = action.errorFor(key);
    return error ? explainManagerError(error) : null;
  };

  let content;
  if (groups.status === 'loading') content = <Loading />;
  else if (groups.status === 'error') content = <ErrorState error={groups.error} message={explainManagerError(groups.error)} onRetry={groups.reload} />;
  else
    content = (
      <View>
        {groups.data.items.length === 0 ? (
          <Card>
            <EmptyState text={t.empty} />
          </Card>
        ) : (
          groups.data.items.map((group) => (
            <TrainingCard key={group.id} group={group} busy={action.busy(`${group.id}`)} problem={problemOf(`${group.id}`)} onAdvance={(phase) => void advance(group, phase)} />
          ))
        )}
        <CreateForm busy={action.busy(CREATE)} problem={problemOf(CREATE)} onCreate={(body) => void create(body)} />
      </View>
    );
  return <View className='page training'>{content}</View>;
}
