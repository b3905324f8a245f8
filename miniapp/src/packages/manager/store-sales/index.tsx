import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { useState } from 'react';
import { Segmented } from '../../../components/Form';
import { ListFooter } from '../../../components/ListFooter';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { api, type RefundBody, type SaleView, type StoreView } from '../../../services/api';
import { strings } from '../../../strings';
import { explainManagerError } from '../errors';
import { useItemAction } from '../hooks/useItemAction';
import { useManagedStores, useStoreSales } from '../hooks/useStoreSales';
import { StoreSaleCard, type SaleMode } from './StoreSaleCard';
import './index.scss';

const s = strings.manager.storeSales;

async function confirmed(title: string, content: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText: strings.common.confirm, cancelText: strings.common.cancel });
  return confirm;
}

function SalesOfStore({ storeId }: { storeId: number }) {
  const sales = useStoreSales(storeId);
  const action = useItemAction(sales.reload);
  const [editing, setEditing] = useState<{ saleId: number; mode: SaleMode } | null>(null);

  const finish = (title: string) => {
    setEditing(null);
    void Taro.showToast({ title, icon: 'success' });
  };

  const voidSale = async (sale: SaleView, reason: string) => {
    if (!(await confirmed(s.voidTitle, s.voidBody(sale.receiptNo ?? String(sale.id), formatYuan(sale.totalFen - sale.refundedFen))))) return;
    const result = await action.perform(`${sale.id}`, () => api.voidSale(sale.id, reason));
    if (result.ok) finish(s.voided);
  };

  const refund = async (sale: SaleView, body: RefundBody, amountFen: number) => {
    if (!(await confirmed(s.refundConfirm, s.refundConfirmBody(formatYuan(amountFen))))) return;
    const result = await action.perform(`${sale.id}`, () => api.refundSale(sale.id, body));
    if (result.ok) finish(s.refunded(formatYuan(result.value.amountFen)));
  };

  if (sales.status === 'loading') return <Loading />;
  if (sales.status === 'error') return <ErrorState error={sales.error} message={explainManagerError(sales.error)} onRetry={sales.reload} />;
  if (sales.items.length === 0) return <EmptyState text={s.empty} />;
  return (
    <View>
      {sales.items.map((sale) => {
        const error = action.errorFor(`${sale.id}`);
        return (
          <StoreSaleCard
            key={sale.id}
            sale={sale}
            mode={editing?.saleId === sale.id ? editing.mode : 'view'}
            busy={action.busy(`${sale.id}`)}
            problem={error ? explainManagerError(error) : null}
            onMode={(mode) => setEditing(mode === 'view' ? null : { saleId: sale.id, mode })}
            onVoid={(reason) => void voidSale(sale, reason)}
            onRefund={(body, amountFen) => void refund(sale, body, amountFen)}
          />
        );
      })}
      <ListFooter hasMore={sales.hasMore} loadingMore={sales.loadingMore} moreError={sales.moreError} onMore={sales.loadMore} />
    </View>
  );
}

function StoreChoice({ stores, storeId, onPick }: { stores: StoreView[]; storeId: number; onPick: (id: number) => void }) {
  if (stores.length < 2) return null;
  return (
    <View className='store-sales__stores'>
      <Segmented options={stores.map((store) => ({ value: store.id, label: store.name }))} value={storeId} onChange={onPick} testId='store-choice' />
    </View>
  );
}

/** A store's sales for its manager (or HQ, store by store): void a sale or refund some of its units. */
export default function StoreSalesPage() {
  const stores = useManagedStores();
  const [picked, setPicked] = useState<number | null>(null);

  let content;
  if (stores.status === 'loading') content = <Loading />;
  else if (stores.status === 'error') content = <ErrorState error={stores.error} onRetry={stores.reload} />;
  else if (stores.data.length === 0) content = <EmptyState text={s.noStores} />;
  else {
    const storeId = picked ?? stores.data[0].id;
    content = (
      <View>
        <StoreChoice stores={stores.data} storeId={storeId} onPick={setPicked} />
        <SalesOfStore key={storeId} storeId={storeId} />
      </View>
    );
  }
  return <View className='page store-sales'>{content}</View>;
}
