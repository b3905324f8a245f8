import type { OrderBody } from '@sharecircle/shared';
import type { CatalogView } from '../../services/api';

/** A buyer's quantity per SKU; the order schema allows 9999, a shopper never needs more than this. */
export const QUANTITY_MAX = 99;

/** Chosen quantities by SKU code; a SKU at 0 is not in the cart. */
export type Quantities = Readonly<Record<string, number>>;

/** The catalog's price of every SKU on sale, by code: the total is computed from these, never from typed text. */
export function pricesByCode(catalog: CatalogView): Map<string, number> {
  return new Map(catalog.categories.flatMap((category) => category.products.flatMap((product) => product.skus.map((sku) => [sku.code, sku.priceFen] as const))));
}

/** The cart's total in integer fen at the catalog's prices (the server prices the order the same way). */
export function cartTotalFen(prices: ReadonlyMap<string, number>, quantities: Quantities): number {
  return Object.entries(quantities).reduce((sum, [code, quantity]) => sum + (prices.get(code) ?? 0) * quantity, 0);
}

export function cartCount(quantities: Quantities): number {
  return Object.values(quantities).reduce((sum, quantity) => sum + quantity, 0);
}

/** The lines of POST /orders, in the order the SKUs were first picked. */
export function orderLines(quantities: Quantities): OrderBody['lines'] {
  return Object.entries(quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([sku, quantity]) => ({ sku, quantity }));
}

export function withQuantity(quantities: Quantities, code: string, quantity: number): Quantities {
  const next = { ...quantities };
  if (quantity > 0) next[code] = quantity;
  else delete next[code];
  return next;
}
