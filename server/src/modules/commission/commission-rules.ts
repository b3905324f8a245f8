import { applyBasisPoints, type MemberType, type Settings } from '@sharecircle/shared';

/** Pure rate selection and arithmetic: no I/O, so every rule is unit-testable on its own. */

export type Tier = 1 | 2;

/** What a sale line contributes to commission, with the catalog's overrides as they are at payment. */
export interface CommissionLine {
  lineId: number;
  skuCode: string;
  quantity: number;
  amountFen: number;
  hot: boolean;
  sku: { l1RateBp: number | null; l2RateBp: number | null; l1FixedFen: number | null; l2FixedFen: number | null };
  category: { l1RateBp: number | null; l2RateBp: number | null };
}

export interface Earner {
  memberId: number;
  type: MemberType;
  level: number;
}

/** How one line's commission was found: enough to show the member and to reverse it exactly. */
export interface LineRule {
  lineId: number;
  skuCode: string;
  rule: 'sku_fixed' | 'sku_rate' | 'hot_item' | 'category' | 'level' | 'external_default' | 'brand_default';
  quantity: number;
  /** The paid amount of the line times the earner's share. */
  baseFen: number;
  rateBp: number | null;
  perUnitFen: number | null;
  resultFen: number;
}

/**
 * The rule for one line and tier, most specific first: SKU (fixed per unit, then rate), hot item,
 * category, the earner's level, external distributors' default, the brand default.
 */
export function ruleFor(line: CommissionLine, earner: Earner, tier: Tier, settings: Settings['commission']) {
  const pick = <T>(l1: T, l2: T) => (tier === 1 ? l1 : l2);
  const skuFixed = pick(line.sku.l1FixedFen, line.sku.l2FixedFen);
  if (skuFixed !== null) return { rule: 'sku_fixed' as const, perUnitFen: skuFixed, rateBp: null };
  const skuRate = pick(line.sku.l1RateBp, line.sku.l2RateBp);
  if (skuRate !== null) return { rule: 'sku_rate' as const, rateBp: skuRate, perUnitFen: null };
  if (line.hot) return { rule: 'hot_item' as const, rateBp: pick(settings.hotItemL1RateBp, settings.hotItemL2RateBp), perUnitFen: null };
  const categoryRate = pick(line.category.l1RateBp, line.category.l2RateBp);
  if (categoryRate !== null) return { rule: 'category' as const, rateBp: categoryRate, perUnitFen: null };
  if (earner.type === 'external') {
    return { rule: 'external_default' as const, rateBp: pick(settings.externalL1RateBp, settings.externalL2RateBp), perUnitFen: null };
  }
  const levelRates = settings.levelRates[String(earner.level)];
  if (levelRates) return { rule: 'level' as const, rateBp: pick(levelRates.l1RateBp, levelRates.l2RateBp), perUnitFen: null };
  return { rule: 'brand_default' as const, rateBp: pick(settings.l1RateBp, settings.l2RateBp), perUnitFen: null };
}

/** Commission on `quantity` units worth `amountFen`, under a rule found earlier; rounds down to the fen. */
export function amountUnder(rule: Pick<LineRule, 'rateBp' | 'perUnitFen'>, quantity: number, amountFen: number, shareBp: number): { baseFen: number; resultFen: number } {
  const baseFen = applyBasisPoints(amountFen, shareBp);
  if (rule.perUnitFen !== null) {
    // A fixed amount per unit never exceeds what the units were paid.
    return { baseFen, resultFen: Math.min(applyBasisPoints(rule.perUnitFen * quantity, shareBp), baseFen) };
  }
  return { baseFen, resultFen: applyBasisPoints(baseFen, rule.rateBp ?? 0) };
}

export function lineRules(lines: CommissionLine[], earner: Earner, tier: Tier, shareBp: number, settings: Settings['commission']): LineRule[] {
  return lines.map((line) => {
    const rule = ruleFor(line, earner, tier, settings);
    const { baseFen, resultFen } = amountUnder(rule, line.quantity, line.amountFen, shareBp);
    return { lineId: line.lineId, skuCode: line.skuCode, quantity: line.quantity, baseFen, resultFen, ...rule };
  });
}

/**
 * What a refund takes back from one commission: each refunded line under the rule it earned by,
 * rounded down, never more than is left; a refund that empties the sale takes back all that is left,
 * so no stray fen survive a full refund.
 */
export function reversalFor(
  rules: LineRule[],
  shareBp: number,
  refunded: { lineId: number; quantity: number; amountFen: number }[],
  remainingFen: number,
  saleFullyRefunded: boolean,
): number {
  if (saleFullyRefunded) return remainingFen;
  let total = 0;
  for (const part of refunded) {
    const rule = rules.find((candidate) => candidate.lineId === part.lineId);
    if (rule) total += amountUnder(rule, part.quantity, part.amountFen, shareBp).resultFen;
  }
  return Math.min(total, remainingFen);
}
