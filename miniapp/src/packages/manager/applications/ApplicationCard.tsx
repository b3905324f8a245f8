import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import { Money } from '../../../components/Money';
import type { ApplicationView } from '../../../services/api';
import { strings } from '../../../strings';
import { ReasonForm } from '../components/ReasonForm';

interface ApplicationCardProps {
  application: ApplicationView;
  storeName: string | null;
  rejecting: boolean;
  busy: boolean;
  problem: string | null;
  onApprove: () => void;
  onStartReject: () => void;
  onReject: (reason: string) => void;
  onCancelReject: () => void;
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='row detail'>
      <Text className='muted'>{label}</Text>
      {typeof children === 'string' ? <Text>{children}</Text> : children}
    </View>
  );
}

/** What the applicant filed, and the decision buttons while it waits. */
export function ApplicationCard({ application, storeName, rejecting, busy, problem, onApprove, onStartReject, onReject, onCancelReject }: ApplicationCardProps) {
  const s = strings.manager.applications;
  const filed = application.application;
  return (
    <Card title={application.nickname} extra={<Text className='tag tag--muted'>{strings.member.type[application.type] ?? application.type}</Text>} testId={`application-${application.memberId}`}>
      <Text className='muted'>
        {application.storeId !== null ? `${s.store(storeName ?? s.unknownStore(application.storeId))} · ` : ''}
        {s.appliedAt(formatDate(application.appliedAt))}
      </Text>
      {filed ? (
        <View>
          <Detail label={s.city}>{filed.city}</Detail>
          <Detail label={s.storeSize}>{s.squareMetres(filed.storeSize)}</Detail>
          <Detail label={s.teamSize}>{s.people(filed.teamSize)}</Detail>
          <Detail label={s.monthlySales}>
            <Money fen={filed.monthlySalesFen} size='small' />
          </Detail>
          <Detail label={s.phoneSales}>{filed.phoneSales ? s.yes : s.no}</Detail>
          <Detail label={s.phone}>{filed.phone}</Detail>
        </View>
      ) : (
        <Text className='muted'>{s.noApplication}</Text>
      )}
      {problem ? <Text className='item-problem'>{problem}</Text> : null}
      {application.status === 'applied' && !rejecting ? (
        <View className='item-actions'>
          <Button className='btn-plain item-actions__button' size='mini' disabled={busy || undefined} onClick={onStartReject}>
            {s.reject}
          </Button>
          <Button className='btn-primary item-actions__button' size='mini' disabled={busy || undefined} onClick={onApprove}>
            {s.approve}
          </Button>
        </View>
      ) : null}
      {rejecting ? <ReasonForm submitText={s.reject} busy={busy} onSubmit={onReject} onCancel={onCancelReject} /> : null}
    </Card>
  );
}
