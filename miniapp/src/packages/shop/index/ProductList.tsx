import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { Money } from '../../../components/Money';
import { Stepper } from '../../../components/Stepper';
import type { CatalogView } from '../../../services/api';
import { strings } from '../../../strings';
import { QUANTITY_MAX } from '../cart';

type Product = CatalogView['categories'][number]['products'][number];

interface ProductListProps {
  catalog: CatalogView;
  quantityOf: (code: string) => number;
  onQuantity: (code: string, quantity: number) => void;
}

/** A product, hot ones marked, with a price and a quantity per SKU (a one-SKU product named like its SKU shows the name once). */
function ProductItem({ product, quantityOf, onQuantity }: { product: Product } & Omit<ProductListProps, 'catalog'>) {
  return (
    <View className='product' data-testid={`product-${product.id}`}>
      <View>
        <Text className='product__name'>{product.name}</Text>
        {product.hot ? <Text className='tag tag--warn product__hot'>{strings.shop.hot}</Text> : null}
      </View>
      {product.description ? <Text className='muted product__description'>{product.description}</Text> : null}
      {product.skus.map((sku) => (
        <View className='row product__sku' key={sku.code} data-testid={`sku-${sku.code}`}>
          <View className='product__sku-body'>
            {sku.name && sku.name !== product.name ? <Text className='product__sku-name'>{sku.name}</Text> : null}
            <Money fen={sku.priceFen} />
          </View>
          <Stepper value={quantityOf(sku.code)} max={QUANTITY_MAX} onChange={(quantity) => onQuantity(sku.code, quantity)} testId={`qty-${sku.code}`} />
        </View>
      ))}
    </View>
  );
}

/** The catalog by category, hot items first (as the server sorts it). */
export function ProductList({ catalog, quantityOf, onQuantity }: ProductListProps) {
  return (
    <View>
      {catalog.categories
        .filter((category) => category.products.length > 0)
        .map((category) => (
          <Card key={category.id} title={category.name}>
            {category.products.map((product) => (
              <ProductItem key={product.id} product={product} quantityOf={quantityOf} onQuantity={onQuantity} />
            ))}
          </Card>
        ))}
    </View>
  );
}
