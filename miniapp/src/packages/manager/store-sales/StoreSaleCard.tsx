import { Button, Text, View } from '@tarojs/components';
import { SaleCard } from '../../../components/SaleCard';
import type { RefundBody, SaleView } from '../../../services/api';
import { strings } from '../../../strings';
import { ReasonForm } from '../components/ReasonForm';
import { isRefundable } from './refund';
import { RefundForm } from './RefundForm';

export type SaleMode = 'view' | 'void' | 'refund';

interface StoreSaleCardProps {
  sale: SaleView;
  mode: SaleMode;
  busy: boolean;
  problem: string | null;
  onMode: (mode: SaleMode) => void;
  onVoid: (reason: string) => void;
  onRefund: (body: RefundBody, amountFen: number) => void;
}

/** A store sale with what a manager may do to it while something is left to give back. */
export function StoreSaleCard({ sale, mode, busy, problem, onMode, onVoid, onRefund }: StoreSaleCardProps) {
  const s = strings.manager.storeSales;
  const refundable = isRefundable(sale);
  return (
    <SaleCard sale={sale} testId={`store-sale-${sale.id}`}>
      {problem ? <Text className='item-problem'>{problem}</Text> : null}
      {refundable && mode === 'view' ? (
        <View className='item-actions'>
          <Button className='btn-plain item-actions__button' size='mini' onClick={() => onMode('refund')}>
            {s.refund}
          </Button>
          <Button className='btn-plain item-actions__button' size='mini' onClick={() => onMode('void')}>
            {s.void}
          </Button>
        </View>
      ) : null}
      {refundable && mode === 'void' ? <ReasonForm submitText={s.void} busy={busy} onSubmit={onVoid} onCancel={() => onMode('view')} /> : null}
      {refundable && mode === 'refund' ? <RefundForm sale={sale} busy={busy} onSubmit={onRefund} onCancel={() => onMode('view')} /> : null}
    </SaleCard>
  );
}
