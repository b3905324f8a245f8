import type { PolicyBody } from '@sharecircle/shared';
import type { MetricResult } from './assessments.tables';

export type Outcome = 'pass' | 'warn' | 'probation' | 'remove';
export type Tier = 'S' | 'A' | 'B' | 'C';

const DEFAULT_TIERS = { S: 150, A: 100, B: 70 };
/** A metric far above its threshold cannot hide a miss elsewhere: each counts at most twice its target. */
const SCORE_CAP_PERCENT = 200;

/** Pure scoring: no I/O, so the ladder and the tiers are tested on their own. */
export function measure(policy: Pick<PolicyBody, 'metrics'>, values: Record<string, number>): { metrics: MetricResult[]; score: number; passed: boolean } {
  const metrics = policy.metrics.map(({ metric, threshold }) => {
    const value = values[metric] ?? 0;
    return { metric, value, threshold, met: value >= threshold };
  });
  const totalWeight = policy.metrics.reduce((sum, m) => sum + m.weight, 0);
  const weighted = policy.metrics.reduce((sum, m, i) => sum + m.weight * Math.min(Math.floor((metrics[i].value * 100) / m.threshold), SCORE_CAP_PERCENT), 0);
  return { metrics, score: Math.floor(weighted / totalWeight), passed: metrics.every((m) => m.met) };
}

/** The outcome of the Nth consecutive missed period is the Nth step of the ladder; the last step repeats. */
export function outcomeFor(ladder: PolicyBody['ladder'], misses: number): Outcome {
  if (misses === 0) return 'pass';
  return ladder[Math.min(misses, ladder.length) - 1];
}

export function tierFor(score: number, tiers: PolicyBody['tiers'] | null | undefined): Tier {
  const t = tiers ?? DEFAULT_TIERS;
  return score >= t.S ? 'S' : score >= t.A ? 'A' : score >= t.B ? 'B' : 'C';
}
