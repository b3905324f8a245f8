import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Segmented } from '../../../components/Form';
import { ListFooter } from '../../../components/ListFooter';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { usePaged } from '../../../hooks/usePaged';
import { api, type AdminReport, type ReportStatus } from '../../../services/api';
import { strings } from '../../../strings';
import { explainManagerError } from '../errors';
import { useItemAction } from '../hooks/useItemAction';
import { ReportCard, type Decision } from './ReportCard';
import './index.scss';

const r = strings.manager.reports;
const STATUSES: readonly ReportStatus[] = ['open', 'confirmed', 'dismissed'];
const statusOptions = STATUSES.map((status) => ({ value: status, label: r.status[status] }));

/** Violation reports for a community manager: confirm (ban and forfeit) or dismiss, with internal notes. */
export default function ReportsPage() {
  const [status, setStatus] = useState<ReportStatus>('open');
  const reports = usePaged<AdminReport>((cursor) => api.adminReports(status, { cursor }), [status]);
  const action = useItemAction(reports.reload);
  const [deciding, setDeciding] = useState<{ reportId: number; decision: Decision } | null>(null);
  Taro.usePullDownRefresh(() => {
    void reports.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const decide = async (report: AdminReport, decision: Decision, note: string) => {
    if (decision === 'confirm') {
      const { confirm } = await Taro.showModal({ title: r.confirmTitle, content: r.confirmBody(report.memberNickname), confirmText: strings.common.confirm, cancelText: strings.common.cancel });
      if (!confirm) return;
    }
    const result = await action.perform(`${report.id}`, () => (decision === 'confirm' ? api.confirmReport(report.id, note) : api.dismissReport(report.id, note)));
    if (!result.ok) return;
    setDeciding(null);
    void Taro.showToast({ title: decision === 'confirm' ? r.confirmed : r.dismissed, icon: 'success' });
  };

  let content;
  if (reports.status === 'loading') content = <Loading />;
  else if (reports.status === 'error') content = <ErrorState error={reports.error} message={explainManagerError(reports.error)} onRetry={reports.reload} />;
  else if (reports.items.length === 0) content = <EmptyState text={r.empty[status]} />;
  else
    content = (
      <View>
        {reports.items.map((report) => {
          const error = action.errorFor(`${report.id}`);
          return (
            <ReportCard
              key={report.id}
              report={report}
              deciding={deciding?.reportId === report.id ? deciding.decision : null}
              busy={action.busy(`${report.id}`)}
              problem={error ? explainManagerError(error) : null}
              onStart={(decision) => setDeciding({ reportId: report.id, decision })}
              onDecide={(decision, note) => void decide(report, decision, note)}
              onCancel={() => setDeciding(null)}
            />
          );
        })}
        <ListFooter hasMore={reports.hasMore} loadingMore={reports.loadingMore} moreError={reports.moreError} onMore={reports.loadMore} />
      </View>
    );

  return (
    <View className='page reports'>
      <View className='reports__filter'>
        <Segmented options={statusOptions} value={status} onChange={setStatus} testId='reports-status' />
      </View>
      {content}
    </View>
  );
}
