import { Text, View } from '@tarojs/components';
import { formatDate } from '../../../components/format';
import { ListFooter } from '../../../components/ListFooter';
import { ErrorState, Loading } from '../../../components/StateViews';
import type { PagedState } from '../../../hooks/usePaged';
import type { ReportView } from '../../../services/api';
import { strings } from '../../../strings';

const text = strings.compete.report;

function statusTone(status: ReportView['status']): string {
  if (status === 'confirmed') return '';
  return status === 'open' ? 'tag--warn' : 'tag--muted';
}

/** What the reporter may see: the outcome, never the investigation. */
export function ReportHistory({ history }: { history: PagedState<ReportView> }) {
  if (history.status === 'loading') return <Loading />;
  if (history.status === 'error') return <ErrorState error={history.error} onRetry={history.reload} />;
  if (history.items.length === 0) return <Text className='muted'>{text.historyEmpty}</Text>;
  return (
    <View>
      {history.items.map((report) => (
        <View className='report' key={report.id} data-testid={`report-${report.id}`}>
          <View className='row'>
            <Text className='report__code'>{report.memberCode}</Text>
            <Text className={`tag ${statusTone(report.status)}`}>{text.status[report.status]}</Text>
          </View>
          <Text className='muted'>
            {text.reasons[report.reason]} · {text.filedAt(formatDate(report.createdAt))}
          </Text>
        </View>
      ))}
      <ListFooter hasMore={history.hasMore} loadingMore={history.loadingMore} moreError={history.moreError} onMore={history.loadMore} />
    </View>
  );
}
