import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import { Money } from '../../../components/Money';
import type { AdminReport } from '../../../services/api';
import { strings } from '../../../strings';
import { ReasonForm } from '../components/ReasonForm';

export type Decision = 'confirm' | 'dismiss';

interface ReportCardProps {
  report: AdminReport;
  deciding: Decision | null;
  busy: boolean;
  problem: string | null;
  onStart: (decision: Decision) => void;
  onDecide: (decision: Decision, note: string) => void;
  onCancel: () => void;
}

const toneOf: Record<string, string> = { open: 'tag--warn', confirmed: 'tag--danger', dismissed: 'tag--muted' };

/** A report as the community manager investigates it: who, why, the evidence; the notes stay internal. */
export function ReportCard({ report, deciding, busy, problem, onStart, onDecide, onCancel }: ReportCardProps) {
  const r = strings.manager.reports;
  const forfeited = report.forfeitedFen ? report.forfeitedFen.pending + report.forfeitedFen.available : 0;
  return (
    <Card title={r.reason[report.reason] ?? report.reason} extra={<Text className={`tag ${toneOf[report.status] ?? ''}`}>{r.status[report.status]}</Text>} testId={`report-${report.id}`}>
      <Text className='detail report__member'>{r.member(report.memberNickname, report.memberCode)}</Text>
      <Text className='muted'>{r.reportedAt(formatDate(report.createdAt))}</Text>
      <View className='report__evidence'>
        <Text className='muted'>{r.evidence}</Text>
        <Text className='report__text'>{report.evidence ?? r.noEvidence}</Text>
      </View>
      {report.note ? (
        <View className='report__evidence'>
          <Text className='muted'>{r.note}</Text>
          <Text className='report__text'>{report.note}</Text>
        </View>
      ) : null}
      {forfeited > 0 ? (
        <View className='row detail'>
          <Text className='muted'>{r.forfeited}</Text>
          <Money fen={forfeited} size='small' />
        </View>
      ) : null}
      {problem ? <Text className='item-problem'>{problem}</Text> : null}
      {report.status === 'open' && deciding === null ? (
        <View className='item-actions'>
          <Button className='btn-plain item-actions__button' size='mini' onClick={() => onStart('dismiss')}>
            {r.dismiss}
          </Button>
          <Button className='btn-primary item-actions__button' size='mini' onClick={() => onStart('confirm')}>
            {r.confirm}
          </Button>
        </View>
      ) : null}
      {deciding ? (
        <ReasonForm
          label={r.note}
          placeholder={strings.manager.reason.notePlaceholder}
          submitText={deciding === 'confirm' ? r.confirm : r.dismiss}
          busy={busy}
          onSubmit={(note) => onDecide(deciding, note)}
          onCancel={onCancel}
        />
      ) : null}
    </Card>
  );
}
