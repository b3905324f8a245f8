import type { Condition, CounterMetric } from '@sharecircle/shared';

/** What conditions are evaluated against; each metric already resolved for the window it was asked in. */
export interface EvaluationContext {
  counter(metric: CounterMetric, window: Extract<Condition, { source: 'counter' }>['window']): number;
  event: Record<string, unknown>;
  member: { level: number; status: string };
}

const compare = (actual: number, op: string, target: number) =>
  op === 'gte' ? actual >= target : op === 'gt' ? actual > target : op === 'lte' ? actual <= target : op === 'lt' ? actual < target : actual === target;

/** The current value a condition looks at; non-numeric event fields count as 0. */
export function valueOf(condition: Condition, context: EvaluationContext): number | string {
  switch (condition.source) {
    case 'counter':
      return context.counter(condition.metric, condition.window);
    case 'event': {
      const raw = Number(context.event[condition.field]);
      return Number.isFinite(raw) ? raw : 0;
    }
    case 'level':
      return context.member.level;
    case 'status':
      return context.member.status;
  }
}

export function conditionMet(condition: Condition, context: EvaluationContext): boolean {
  const value = valueOf(condition, context);
  if (typeof value === 'string') return value === condition.value;
  return compare(value, condition.op, condition.value as number);
}

export const allMet = (conditions: Condition[], context: EvaluationContext) => conditions.every((condition) => conditionMet(condition, context));
