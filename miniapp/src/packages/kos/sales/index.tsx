import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ListFooter } from '../../../components/ListFooter';
import { SaleCard } from '../../../components/SaleCard';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import { routes } from '../../../services/navigation';
import { strings } from '../../../strings';
import { useMySales } from '../hooks/useMySales';
import './index.scss';

/** The sales I recorded as a clerk, newest first, with their status (refunds and voids show here). */
export default function MySalesPage() {
  const sales = useMySales();
  // Back from recording a sale, the list shows it.
  useRefreshOnShow(sales.reload);

  let content;
  if (sales.status === 'loading') content = <Loading />;
  else if (sales.status === 'error') content = <ErrorState error={sales.error} onRetry={sales.reload} />;
  else if (sales.items.length === 0)
    content = <EmptyState text={strings.kos.sales.empty} actionText={strings.kos.sales.record} onAction={() => Taro.navigateTo({ url: routes.kosSale })} />;
  else
    content = (
      <View>
        <Text className='muted my-sales__count'>{strings.kos.sales.count(sales.items.length, sales.hasMore)}</Text>
        {sales.items.map((sale) => (
          <SaleCard key={sale.id} sale={sale} testId='my-sale' />
        ))}
        <ListFooter hasMore={sales.hasMore} loadingMore={sales.loadingMore} moreError={sales.moreError} onMore={sales.loadMore} />
      </View>
    );
  return <View className='page my-sales'>{content}</View>;
}
