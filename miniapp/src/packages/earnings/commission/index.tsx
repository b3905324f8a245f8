import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { strings } from '../../../strings';
import { useCommissionDetail } from '../hooks/useCommissionDetail';
import { CommissionDetail } from './CommissionDetail';
import './index.scss';

function saleIdFrom(params: Record<string, string | undefined>): number | null {
  const saleId = Number(params.saleId);
  return Number.isSafeInteger(saleId) && saleId > 0 ? saleId : null;
}

export default function CommissionPage() {
  const router = Taro.useRouter();
  const saleId = saleIdFrom(router.params);
  const detail = useCommissionDetail(saleId);

  let content;
  if (detail.status === 'loading') content = <Loading />;
  else if (detail.status === 'error') content = <ErrorState error={detail.error} onRetry={detail.reload} />;
  else if (saleId === null || detail.data.length === 0) content = <EmptyState text={strings.commission.empty} />;
  else content = <CommissionDetail saleId={saleId} commissions={detail.data} />;
  return <View className='page commission-detail'>{content}</View>;
}
