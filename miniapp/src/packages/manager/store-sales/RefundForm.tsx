import { Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { useState } from 'react';
import { Stepper } from '../../../components/Stepper';
import type { RefundBody, SaleView } from '../../../services/api';
import { strings } from '../../../strings';
import { ReasonForm } from '../components/ReasonForm';
import { refundTotalFen, unitsLeft } from './refund';

interface RefundFormProps {
  sale: SaleView;
  busy: boolean;
  onSubmit: (body: RefundBody, amountFen: number) => void;
  onCancel: () => void;
}

/** Units to give back per line (up to what is left of it), and why. */
export function RefundForm({ sale, busy, onSubmit, onCancel }: RefundFormProps) {
  const s = strings.manager.storeSales;
  const [quantities, setQuantities] = useState<Map<number, number>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const totalFen = refundTotalFen(sale, quantities);

  const submit = (reason: string) => {
    const lines = [...quantities].filter(([, quantity]) => quantity > 0).map(([lineId, quantity]) => ({ lineId, quantity }));
    if (lines.length === 0) {
      setProblem(s.refundNone);
      return;
    }
    onSubmit({ lines, reason }, totalFen);
  };

  return (
    <View className='refund-form' data-testid='refund-form'>
      <Text className='refund-form__title'>{s.refundTitle}</Text>
      {sale.lines
        .filter((line) => unitsLeft(line) > 0)
        .map((line) => (
          <View className='row refund-form__line' key={line.id}>
            <View className='refund-form__name'>
              <Text>{line.name || line.sku}</Text>
              <Text className='muted'>{s.refundLeft(unitsLeft(line))}</Text>
            </View>
            <Stepper
              value={quantities.get(line.id) ?? 0}
              max={unitsLeft(line)}
              testId={`refund-${line.id}`}
              onChange={(quantity) => {
                setQuantities(new Map(quantities).set(line.id, quantity));
                setProblem(null);
              }}
            />
          </View>
        ))}
      <View className='row refund-form__total'>
        <Text>{strings.saleCard.refunded}</Text>
        <Text>¥{formatYuan(totalFen)}</Text>
      </View>
      {problem ? <Text className='item-problem'>{problem}</Text> : null}
      <ReasonForm submitText={s.refund} busy={busy} onSubmit={submit} onCancel={onCancel} />
    </View>
  );
}
