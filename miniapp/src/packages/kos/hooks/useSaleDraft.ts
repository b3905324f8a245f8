import { useCallback, useState } from 'react';
import { LINES_MAX, newLine, QUANTITY_MAX, type DraftLine, type SkuOption } from '../sale/draft';

/** The picked lines in the order they were picked; quantity 0 takes a line out. */
export function useSaleDraft() {
  const [lines, setLines] = useState<DraftLine[]>([]);

  const setQuantity = useCallback((sku: SkuOption, quantity: number) => {
    const clamped = Math.max(0, Math.min(QUANTITY_MAX, Math.trunc(quantity)));
    setLines((current) => {
      const index = current.findIndex((line) => line.sku.code === sku.code);
      if (index === -1) return clamped === 0 || current.length >= LINES_MAX ? current : [...current, newLine(sku, clamped)];
      if (clamped === 0) return current.filter((_, at) => at !== index);
      return current.map((line, at) => (at === index ? { ...line, quantity: clamped } : line));
    });
  }, []);

  const setPriceText = useCallback((code: string, priceText: string) => {
    setLines((current) => current.map((line) => (line.sku.code === code ? { ...line, priceText } : line)));
  }, []);

  const clear = useCallback(() => setLines([]), []);

  return { lines, setQuantity, setPriceText, clear };
}
