/**
 * Money is an integer number of fen; rates are basis points (1% = 100 bp).
 * Nothing here ever produces a fraction of a fen.
 */
export const BASIS_POINTS_PER_WHOLE = 10_000;

export function assertFen(amountFen: number, what = 'amount'): number {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError(`${what} must be an integer number of fen, got ${amountFen}`);
  return amountFen;
}

/** amountFen * rateBp / 10000, rounded down to the fen, computed exactly in integers. */
export function applyBasisPoints(amountFen: number, rateBp: number): number {
  assertFen(amountFen);
  if (!Number.isSafeInteger(rateBp)) throw new RangeError(`rate must be whole basis points, got ${rateBp}`);
  const product = BigInt(amountFen) * BigInt(rateBp);
  let quotient = product / BigInt(BASIS_POINTS_PER_WHOLE);
  // BigInt division truncates toward zero; round toward negative infinity like "round down".
  if (product < 0n && product % BigInt(BASIS_POINTS_PER_WHOLE) !== 0n) quotient -= 1n;
  return Number(quotient);
}

/** 12345 -> "123.45"; -5 -> "-0.05". For display only. */
export function formatYuan(amountFen: number): string {
  assertFen(amountFen);
  const sign = amountFen < 0 ? '-' : '';
  const abs = Math.abs(amountFen);
  const yuan = Math.floor(abs / 100);
  const fen = abs % 100;
  return `${sign}${yuan}.${fen.toString().padStart(2, '0')}`;
}

/** "123.45" -> 12345. Refuses more than two decimals rather than rounding. */
export function parseYuan(text: string): number {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a yuan amount: ${text}`);
  const [, minus, whole, decimals = ''] = match;
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return assertFen(minus ? -fen : fen);
}
