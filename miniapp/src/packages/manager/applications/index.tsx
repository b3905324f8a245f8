import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { MemberStatus } from '@sharecircle/shared';
import { useState } from 'react';
import { Segmented } from '../../../components/Form';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { api, type ApplicationView } from '../../../services/api';
import { strings } from '../../../strings';
import { explainManagerError } from '../errors';
import { useApplications } from '../hooks/useApplications';
import { useItemAction } from '../hooks/useItemAction';
import { ApplicationCard } from './ApplicationCard';
import './index.scss';

const s = strings.manager.applications;
const STATUSES = ['applied', 'active', 'rejected'] as const satisfies readonly MemberStatus[];
const statusOptions = STATUSES.map((status) => ({ value: status as MemberStatus, label: s.status[status] }));

/** KOS and distributor applications: a store manager sees their store's, HQ all; approve, or reject with a reason. */
export default function ApplicationsPage() {
  const [status, setStatus] = useState<MemberStatus>('applied');
  const applications = useApplications(status);
  const action = useItemAction(applications.reload);
  const [rejecting, setRejecting] = useState<number | null>(null);
  Taro.usePullDownRefresh(() => {
    void applications.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const approve = async (application: ApplicationView) => {
    const { confirm } = await Taro.showModal({
      title: s.approveTitle,
      content: s.approveBody(application.nickname),
      confirmText: strings.common.confirm,
      cancelText: strings.common.cancel,
    });
    if (!confirm) return;
    const result = await action.perform(`${application.memberId}`, () => api.approveApplication(application.memberId));
    if (result.ok) void Taro.showToast({ title: s.approved, icon: 'success' });
  };

  const reject = async (application: ApplicationView, reason: string) => {
    const result = await action.perform(`${application.memberId}`, () => api.rejectApplication(application.memberId, reason));
    if (!result.ok) return;
    setRejecting(null);
    void Taro.showToast({ title: s.rejected, icon: 'success' });
  };

  let content;
  if (applications.status === 'loading') content = <Loading />;
  else if (applications.status === 'error') content = <ErrorState error={applications.error} message={explainManagerError(applications.error)} onRetry={applications.reload} />;
  else if (applications.data.items.length === 0) content = <EmptyState text={s.empty[status]} />;
  else
    content = applications.data.items.map((application) => {
      const key = `${application.memberId}`;
      const error = action.errorFor(key);
      return (
        <ApplicationCard
          key={key}
          application={application}
          storeName={application.storeId === null ? null : applications.data.storeNames.get(application.storeId) ?? null}
          rejecting={rejecting === application.memberId}
          busy={action.busy(key)}
          problem={error ? explainManagerError(error) : null}
          onApprove={() => void approve(application)}
          onStartReject={() => setRejecting(application.memberId)}
          onReject={(reason) => void reject(application, reason)}
          onCancelReject={() => setRejecting(null)}
        />
      );
    });

  return (
    <View className='page applications'>
      <View className='applications__filter'>
        <Segmented options={statusOptions} value={status} onChange={setStatus} testId='applications-status' />
      </View>
      {content}
    </View>
  );
}
