import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ErrorState, Loading } from '../../components/StateViews';
import { useBalances, useCommissions } from '../../hooks/useEarnings';
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow';
import { routes } from '../../services/navigation';
import { EarningsView } from './EarningsView';
import './index.scss';

export default function EarningsPage() {
  const balances = useBalances();
  const commissions = useCommissions();
  const reload = () => Promise.all([balances.reload(), commissions.reload()]);
  useRefreshOnShow(reload);

  let content;
  if (balances.status === 'loading' || commissions.status === 'loading') content = <Loading />;
  else if (balances.status === 'error') content = <ErrorState error={balances.error} onRetry={reload} />;
  else if (commissions.status === 'error') content = <ErrorState error={commissions.error} onRetry={reload} />;
  else
    content = (
      <EarningsView
        balances={balances.data}
        commissions={commissions}
        onWithdraw={() => Taro.navigateTo({ url: routes.withdraw })}
        onLedger={() => Taro.navigateTo({ url: routes.ledger })}
        onOpenSale={(saleId) => Taro.navigateTo({ url: routes.commission(saleId) })}
      />
    );
  return <View className='page earnings'>{content}</View>;
}
