import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REPORT_WINDOW_HOURS, REPORTS_PER_WINDOW_MAX } from '@sharecircle/shared';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import type { ReportBody } from '../../../services/api';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';
import { useReports } from '../hooks/useReports';
import { ReportForm } from './ReportForm';
import { ReportHistory } from './ReportHistory';
import './index.scss';

const text = strings.compete.report;

function explain(error: unknown): string {
  if (isApiError(error, 'RATE_LIMITED')) return text.rateLimited(REPORTS_PER_WINDOW_MAX, REPORT_WINDOW_HOURS);
  return isApiError(error) && text.refusal[error.code] ? text.refusal[error.code] : describeError(error);
}

/** Anyone signed in may report a member by referral code; they see the outcome of their reports below. */
export default function ReportPage() {
  const { history, submitting, file } = useReports();
  const [submitError, setSubmitError] = useState<string | null>(null);

  const submit = async (report: ReportBody) => {
    const error = await file(report);
    setSubmitError(error ? explain(error) : null);
    if (!error) void Taro.showToast({ title: text.sent, icon: 'success' });
    return !error;
  };

  return (
    <View className='page report-page'>
      <Card testId='report'>
        <Text className='muted report__intro'>{text.intro}</Text>
        <ReportForm submitting={submitting} submitError={submitError} onSubmit={submit} />
      </Card>
      <Card title={text.historyTitle} testId='report-history'>
        <ReportHistory history={history} />
      </Card>
    </View>
  );
}
