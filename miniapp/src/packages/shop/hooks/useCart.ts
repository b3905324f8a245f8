import { useCallback, useMemo, useState } from 'react';
import type { CatalogView } from '../../../services/api';
import { cartCount, cartTotalFen, orderLines, pricesByCode, withQuantity, type Quantities } from '../cart';

const NO_PRICES: ReadonlyMap<string, number> = new Map();

/** The quantities picked in the shop, kept to the SKUs of the catalog as last loaded (a reload drops what went off sale). */
export function useCart(catalog: CatalogView | null) {
  const [picked, setPicked] = useState<Quantities>({});
  const prices = useMemo(() => (catalog ? pricesByCode(catalog) : NO_PRICES), [catalog]);
  const quantities = useMemo(() => Object.fromEntries(Object.entries(picked).filter(([code]) => prices.has(code))), [picked, prices]);

  const setQuantity = useCallback((code: string, quantity: number) => setPicked((previous) => withQuantity(previous, code, quantity)), []);
  const clear = useCallback(() => setPicked({}), []);

  return {
    quantityOf: (code: string) => quantities[code] ?? 0,
    totalFen: cartTotalFen(prices, quantities),
    count: cartCount(quantities),
    lines: orderLines(quantities),
    setQuantity,
    clear,
  };
}
