import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { strings } from '../../../strings';
import { useLedger } from '../hooks/useLedger';
import { LedgerList } from './LedgerList';
import './index.scss';

export default function LedgerPage() {
  const ledger = useLedger();
  Taro.usePullDownRefresh(() => {
    void ledger.reload().finally(() => Taro.stopPullDownRefresh());
  });

  let content;
  if (ledger.status === 'loading') content = <Loading />;
  else if (ledger.status === 'error') content = <ErrorState error={ledger.error} onRetry={ledger.reload} />;
  else if (ledger.items.length === 0) content = <EmptyState text={strings.ledger.empty} />;
  else content = <LedgerList ledger={ledger} />;
  return <View className='page ledger'>{content}</View>;
}
