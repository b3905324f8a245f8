import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ListFooter } from '../../../components/ListFooter';
import { SaleCard } from '../../../components/SaleCard';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import { api } from '../../../services/api';
import { isApiError } from '../../../services/errors';
import { routes } from '../../../services/navigation';
import { strings } from '../../../strings';
import { explainOrderError } from '../errors';
import { useMyOrders } from '../hooks/useMyOrders';
import { usePayment } from '../hooks/usePayment';
import './index.scss';

/** The server closes an order still unpaid after two hours (the wechatpay.reconcile job). */
const PAYMENT_WINDOW_HOURS = 2;

/** My mini-program orders, newest first, each with its lines, total and status; an unpaid one can be paid here. */
export default function MyOrdersPage() {
  const orders = useMyOrders();
  const payment = usePayment();
  useRefreshOnShow(orders.reload);

  const payLater = async (orderId: number) => {
    const result = await payment.pay(() => api.payOrder(orderId));
    if (result.ok && result.value.kind === 'unavailable') return;
    if (result.ok) void Taro.showToast({ title: strings.shop.outcome[result.value.kind], icon: 'none' });
    // Paid, or closed or paid meanwhile (409): the list shows each order as the server now has it.
    if (result.ok || isApiError(result.error, 'CONFLICT')) await orders.reload();
  };

  let content;
  if (orders.status === 'loading') content = <Loading />;
  else if (orders.status === 'error') content = <ErrorState error={orders.error} onRetry={orders.reload} />;
  else if (orders.items.length === 0)
    content = <EmptyState text={strings.shop.orders.empty} actionText={strings.shop.orders.toShop} onAction={() => Taro.navigateTo({ url: routes.shop })} />;
  else
    content = (
      <View>
        {payment.error ? (
          <Text className='form-field__problem orders__problem' data-testid='orders-problem'>
            {explainOrderError(payment.error)}
          </Text>
        ) : null}
        {orders.items.map((order) => (
          <SaleCard key={order.id} sale={order} title={strings.shop.orderTitle(order.id)} testId='my-order'>
            {order.status === 'created' ? (
              <View className='row orders__unpaid'>
                <Text className='muted'>{strings.shop.orders.payLater(PAYMENT_WINDOW_HOURS)}</Text>
                <Button className='btn-primary orders__pay' size='mini' disabled={payment.paying || undefined} onClick={() => void payLater(order.id)}>
                  {payment.paying ? strings.shop.paying : strings.shop.pay}
                </Button>
              </View>
            ) : null}
          </SaleCard>
        ))}
        <ListFooter hasMore={orders.hasMore} loadingMore={orders.loadingMore} moreError={orders.moreError} onMore={orders.loadMore} />
      </View>
    );
  return <View className='page orders'>{content}</View>;
}
