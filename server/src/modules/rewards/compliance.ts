import type { Condition, RuleBody } from '@sharecircle/shared';

const RECRUITING_EVENTS = ['member.joined', 'member.approved', 'downline.joined'];
const RECRUITING_METRICS = ['l1Count', 'l2Count'];
const SALES_METRICS = ['gmvFen', 'orders'];

const requiresSales = (condition: Condition) =>
  condition.source === 'counter' && SALES_METRICS.includes(condition.metric) && (condition.op === 'gte' || condition.op === 'gt') && condition.value + (condition.op === 'gt' ? 1 : 0) > 0;

/**
 * PRC anti-pyramid rules and WeChat's platform rules forbid paying cash per head. A rule pays for
 * recruiting alone when it grants cash, is set off by joins or counts downlines, and asks for no sale.
 * Non-cash recognition (badges, certificates) for recruiting is allowed. Answers the reason, or null.
 */
export function recruitingCashViolation(rule: Pick<RuleBody, 'trigger' | 'conditions' | 'reward'>): string | null {
  if (rule.reward.kind !== 'cash') return null;
  const recruitingTrigger = RECRUITING_EVENTS.includes(rule.trigger);
  const recruitingCondition = rule.conditions.some((c) => c.source === 'counter' && RECRUITING_METRICS.includes(c.metric));
  if (!recruitingTrigger && !recruitingCondition) return null;
  if (rule.trigger === 'sale.paid' || rule.conditions.some(requiresSales)) return null;
  return (
    `this rule pays cash for recruiting alone (${recruitingTrigger ? `trigger ${rule.trigger}` : 'a downline count'} without any sale). ` +
    'PRC anti-pyramid rules and WeChat platform rules forbid pay-per-head: grant a badge or certificate instead, or require sales.'
  );
}
