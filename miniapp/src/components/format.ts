import { formatYuan } from '@sharecircle/shared';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2026-11-23" in Beijing time, whatever the device's zone. */
export function formatDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-11-23 18:05" in Beijing time. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 1250 bp -> "12.5%": basis points are integers, so the division is exact to two places. */
export function formatPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/** Signed yuan for ledger lines: "+12.30" / "-5.00". */
export function formatSignedYuan(amountFen: number): string {
  return amountFen > 0 ? `+${formatYuan(amountFen)}` : formatYuan(amountFen);
}
