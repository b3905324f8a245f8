import { Input, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { Money } from '../../../components/Money';
import { Stepper } from '../../../components/Stepper';
import { strings } from '../../../strings';
import { lineTotalFen, QUANTITY_MAX, type DraftLine, type SkuOption } from './draft';

interface CartCardProps {
  lines: readonly DraftLine[];
  problem?: string;
  onQuantity: (sku: SkuOption, quantity: number) => void;
  onPrice: (code: string, priceText: string) => void;
}

/** The picked lines: quantity and the price actually charged (the list price unless the clerk changes it). */
export function CartCard({ lines, problem, onQuantity, onPrice }: CartCardProps) {
  return (
    <Card title={strings.kos.sale.cartTitle} testId='sale-cart'>
      {lines.length === 0 ? <Text className='muted'>{strings.kos.sale.cartEmpty}</Text> : null}
      {lines.map((line) => {
        const total = lineTotalFen(line);
        return (
          <View className='cart-line' key={line.sku.code} data-testid={`cart-${line.sku.code}`}>
            <View className='row'>
              <Text className='sku__name'>{line.sku.name}</Text>
              <Stepper value={line.quantity} max={QUANTITY_MAX} onChange={(quantity) => onQuantity(line.sku, quantity)} testId={`cart-qty-${line.sku.code}`} />
            </View>
            <View className='row cart-line__price'>
              <Text className='muted'>{strings.kos.sale.unitPrice}</Text>
              <Input className='cart-line__input' type='digit' value={line.priceText} placeholder={strings.kos.sale.unitPrice} onInput={(event) => onPrice(line.sku.code, event.detail.value)} />
            </View>
            {total === null ? (
              <Text className='form-field__problem'>{strings.kos.sale.priceInvalid}</Text>
            ) : (
              <View className='row'>
                <Text className='muted'>{strings.kos.sale.lineTotal}</Text>
                <Money fen={total} size='small' />
              </View>
            )}
          </View>
        );
      })}
      {problem ? (
        <Text className='form-field__problem' data-testid='sale-lines-problem'>
          {problem}
        </Text>
      ) : null}
    </Card>
  );
}
