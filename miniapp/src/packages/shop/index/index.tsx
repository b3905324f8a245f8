import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { isDistributing } from '@sharecircle/shared';
import { useEffect } from 'react';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import { api, type MeView } from '../../../services/api';
import { routes } from '../../../services/navigation';
import { readScene } from '../../../services/scene';
import { strings } from '../../../strings';
import { explainOrderError } from '../errors';
import { useCart } from '../hooks/useCart';
import { usePayment } from '../hooks/usePayment';
import { useShop } from '../hooks/useShop';
import { CheckoutBar } from './CheckoutBar';
import { InvitedCard } from './InvitedCard';
import { OrderOutcome } from './OrderOutcome';
import { ProductList } from './ProductList';
import './index.scss';

/** A card shared by a working distributor carries their referral code, as their poster does. */
function shareOf(me: MeView | null) {
  const member = me?.member;
  if (me && member && isDistributing(member.status)) return { title: strings.shop.shareTitle(me.nickname), path: routes.shopWithReferral(member.referralCode) };
  return { title: strings.shop.titles.shop, path: routes.shop };
}

/**
 * The shop: products and SKUs at the catalog's prices, a quantity per SKU, the total in the bar, then
 * POST /orders and WeChat Pay. Opened from a shared card, `scene` holds the sharer's referral code, which
 * the order carries.
 */
export default function ShopPage() {
  const scene = readScene(Taro.useRouter().params.scene);
  const shop = useShop();
  const ready = shop.status === 'ready' ? shop.data : null;
  const cart = useCart(ready?.catalog ?? null);
  const payment = usePayment();
  useRefreshOnShow(shop.reload);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') void Taro.showShareMenu({ withShareTicket: true });
  }, []);
  Taro.useShareAppMessage(() => shareOf(ready?.me ?? null));

  // The outcome card sits at the top; the buyer tapped 去支付 at the bottom of the catalog.
  const showOutcome = (result: Awaited<ReturnType<typeof payment.pay>>) => {
    if (result.ok && result.value.kind !== 'unavailable') void Taro.pageScrollTo({ scrollTop: 0 });
  };
  // The cart empties once the order exists: paid or not, it is in My orders, and paying again must not order twice.
  // Through a shared card the order carries the sharer's code: the server binds an unbound buyer to them.
  const checkout = () =>
    void payment
      .pay(async () => {
        const created = await api.createOrder({ lines: cart.lines, ...(scene.kind === 'code' ? { referralCode: scene.code } : {}) });
        cart.clear();
        return created;
      })
      .then(showOutcome);
  const payAgain = (orderId: number) => void payment.pay(() => api.payOrder(orderId)).then(showOutcome);
  const openOrders = () => void Taro.navigateTo({ url: routes.myOrders });

  let content;
  if (shop.status === 'loading') content = <Loading />;
  else if (shop.status === 'error') content = <ErrorState error={shop.error} onRetry={shop.reload} />;
  else if (shop.data.catalog.categories.every((category) => category.products.length === 0))
    content = <EmptyState text={strings.shop.empty} actionText={strings.shop.toOrders} onAction={openOrders} />;
  else {
    const { me, catalog } = shop.data;
    const outcome = payment.outcome;
    const invited = scene.kind === 'code' && !me.member && !me.customerOf;
    content = (
      <View>
        {outcome && outcome.kind !== 'unavailable' ? (
          <OrderOutcome kind={outcome.kind} order={outcome.order} paying={payment.paying} onPayAgain={() => payAgain(outcome.order.id)} onOrders={openOrders} />
        ) : null}
        {invited ? <InvitedCard onOpen={() => void Taro.navigateTo({ url: routes.joinWithReferral(scene.code) })} /> : null}
        <ProductList catalog={catalog} quantityOf={cart.quantityOf} onQuantity={cart.setQuantity} />
        <CheckoutBar
          totalFen={cart.totalFen}
          count={cart.count}
          problem={payment.error ? explainOrderError(payment.error) : payment.outcome?.kind === 'unavailable' ? strings.shop.outcome.unavailable : null}
          paying={payment.paying}
          onPay={checkout}
        />
      </View>
    );
  }
  return <View className='page shop page--with-bottom-bar'>{content}</View>;
}
