import { formatYuan, parseYuan, type SalePreviewBody } from '@sharecircle/shared';
import type { CatalogView } from '../../../services/api';
import { strings } from '../../../strings';

/** The bounds of storeSaleBodySchema: quantity per line and lines per sale. */
export const QUANTITY_MAX = 9999;
export const LINES_MAX = 50;

/** One sellable SKU of the catalog, flattened for searching and picking. */
export interface SkuOption {
  code: string;
  name: string;
  priceFen: number;
  categoryId: number;
  hot: boolean;
}

export interface DraftLine {
  sku: SkuOption;
  quantity: number;
  /** The unit price as typed, in yuan; starts at the list price. */
  priceText: string;
}

export function skuOptions(catalog: CatalogView): SkuOption[] {
  return catalog.categories.flatMap((category) =>
    category.products.flatMap((product) =>
      product.skus.map((sku) => ({
        code: sku.code,
        name: sku.name && sku.name !== product.name ? `${product.name} ${sku.name}` : product.name,
        priceFen: sku.priceFen,
        categoryId: category.id,
        hot: product.hot,
      })),
    ),
  );
}

/** By category (null: all) and by a case-insensitive match on the name or the SKU code. */
export function filterSkus(options: readonly SkuOption[], query: string, categoryId: number | null): SkuOption[] {
  const needle = query.trim().toLowerCase();
  return options.filter(
    (option) =>
      (categoryId === null || option.categoryId === categoryId) &&
      (!needle || option.name.toLowerCase().includes(needle) || option.code.toLowerCase().includes(needle)),
  );
}

export function newLine(sku: SkuOption, quantity: number): DraftLine {
  return { sku, quantity, priceText: formatYuan(sku.priceFen) };
}

/** The unit price in fen, or null when what was typed is not a positive amount with at most two decimals. */
export function unitPriceFen(line: DraftLine): number | null {
  try {
    const fen = parseYuan(line.priceText);
    return fen > 0 ? fen : null;
  } catch {
    return null;
  }
}

export function lineTotalFen(line: DraftLine): number | null {
  const price = unitPriceFen(line);
  return price === null ? null : price * line.quantity;
}

/** The lines as the API takes them, or null while one of them has no valid price. */
export function bodyLines(lines: readonly DraftLine[]): SalePreviewBody['lines'] | null {
  const body: SalePreviewBody['lines'] = [];
  for (const line of lines) {
    const unitPrice = unitPriceFen(line);
    if (unitPrice === null) return null;
    body.push({ sku: line.sku.code, quantity: line.quantity, unitPrice });
  }
  return body;
}

/** The sale's total in fen, or null while a price is not a valid amount. */
export function totalFen(lines: readonly DraftLine[]): number | null {
  const body = bodyLines(lines);
  return body ? body.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0) : null;
}

/** What the preview is asked about: nothing until there is a line and every price is valid. */
export function previewBody(lines: readonly DraftLine[], customerCode: string): SalePreviewBody | null {
  const body = lines.length > 0 ? bodyLines(lines) : null;
  if (!body) return null;
  const code = customerCode.trim();
  return code ? { lines: body, customerCode: code } : { lines: body };
}

export interface SaleProblems {
  receipt?: string;
  lines?: string;
}

export function checkSale(lines: readonly DraftLine[], receiptNo: string): SaleProblems {
  const problems: SaleProblems = {};
  if (!receiptNo.trim()) problems.receipt = strings.kos.sale.receiptMissing;
  if (lines.length === 0) problems.lines = strings.kos.sale.noLines;
  else if (!bodyLines(lines)) problems.lines = strings.kos.sale.priceInvalid;
  return problems;
}
