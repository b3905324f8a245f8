import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';
import { useAssessment } from '../hooks/useAssessment';
import { AssessmentDetail } from './AssessmentDetail';
import { Appeals } from './Appeals';
import './index.scss';

const text = strings.compete.assessment;

const explain = (error: unknown) => (isApiError(error) && text.refusal[error.code] ? text.refusal[error.code] : describeError(error));

export default function AssessmentPage() {
  const { data, appealing, fileAppeal } = useAssessment();
  const [appealError, setAppealError] = useState<string | null>(null);
  useRefreshOnShow(data.reload);

  const appeal = async (reason: string) => {
    const error = await fileAppeal(reason);
    setAppealError(error ? explain(error) : null);
    if (!error) void Taro.showToast({ title: text.appealSent, icon: 'success' });
  };

  let content;
  if (data.status === 'loading') content = <Loading />;
  else if (data.status === 'error') content = <ErrorState error={data.error} onRetry={data.reload} />;
  else {
    const { assessment, appeals } = data.data;
    const hasAppeals = appeals.removal !== null || appeals.items.length > 0;
    content = (
      <View>
        {assessment.items.length === 0 ? <EmptyState text={text.empty} /> : assessment.items.map((item) => <AssessmentDetail key={`${item.policy.id}-${item.periodKey}`} item={item} />)}
        {hasAppeals ? <Appeals appeals={appeals} submitting={appealing} submitError={appealError} nowMs={Date.now()} onAppeal={appeal} /> : null}
      </View>
    );
  }
  return <View className='page assessment-page'>{content}</View>;
}
