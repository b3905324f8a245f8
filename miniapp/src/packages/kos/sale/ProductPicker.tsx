import { Input, Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { useMemo, useState } from 'react';
import { Card } from '../../../components/Card';
import { Segmented } from '../../../components/Form';
import { Stepper } from '../../../components/Stepper';
import type { CatalogView } from '../../../services/api';
import { strings } from '../../../strings';
import { filterSkus, QUANTITY_MAX, type SkuOption } from './draft';

/** Category 0 stands for every category (real ids are positive). */
const ALL = 0;

interface ProductPickerProps {
  catalog: CatalogView;
  options: readonly SkuOption[];
  quantityOf: (code: string) => number;
  onQuantity: (sku: SkuOption, quantity: number) => void;
}

export function ProductPicker({ catalog, options, quantityOf, onQuantity }: ProductPickerProps) {
  const [query, setQuery] = useState('');
  const [categoryId, setCategoryId] = useState(ALL);
  const categories = useMemo(
    () => [{ value: ALL, label: strings.kos.sale.allCategories }, ...catalog.categories.map((category) => ({ value: category.id, label: category.name }))],
    [catalog],
  );
  const shown = filterSkus(options, query, categoryId === ALL ? null : categoryId);

  return (
    <Card title={strings.kos.sale.productsTitle} testId='sale-products'>
      <Input className='sale__search' value={query} placeholder={strings.kos.sale.searchPlaceholder} onInput={(event) => setQuery(event.detail.value)} />
      <Segmented options={categories} value={categoryId} onChange={setCategoryId} testId='sale-categories' />
      {shown.length === 0 ? <Text className='muted sale__none'>{strings.kos.sale.noMatch}</Text> : null}
      {shown.map((option) => (
        <View className='row sku' key={option.code} data-testid={`sku-${option.code}`}>
          <View className='sku__body'>
            <View>
              <Text className='sku__name'>{option.name}</Text>
              {option.hot ? <Text className='tag tag--warn sku__hot'>{strings.kos.sale.hot}</Text> : null}
            </View>
            <Text className='muted'>
              {option.code} · {strings.kos.sale.listPrice(formatYuan(option.priceFen))}
            </Text>
          </View>
          <Stepper value={quantityOf(option.code)} max={QUANTITY_MAX} onChange={(quantity) => onQuantity(option, quantity)} testId={`pick-${option.code}`} />
        </View>
      ))}
    </Card>
  );
}
