import type { Condition } from '@sharecircle/shared';
import { formatYuan } from '@sharecircle/shared';
import { strings } from '../strings';

/** "累计销售额", "新增粉丝（本月）"... for one level condition. */
export function describeCondition(condition: Condition): string {
  switch (condition.source) {
    case 'counter': {
      const window = typeof condition.window === 'string' ? strings.level.window[condition.window] ?? '' : strings.level.rollingDays(condition.window.rollingDays);
      return `${strings.level.metric[condition.metric] ?? condition.metric}${window}`;
    }
    case 'level':
      return strings.level.levelCondition;
    case 'status':
      return strings.level.statusCondition;
    default:
      return strings.level.eventCondition;
  }
}

/** Money metrics are fen and show as yuan; counts show as they are. */
export function formatConditionValue(condition: Condition, value: number): string {
  if (condition.source === 'counter' && condition.metric === 'gmvFen' && Number.isSafeInteger(value)) return `¥${formatYuan(value)}`;
  return String(value);
}

/** Assessment thresholds: gmv is fen, the rest are counts. */
export function formatAssessmentValue(metric: string, value: number): string {
  return metric === 'gmv' && Number.isSafeInteger(value) ? `¥${formatYuan(value)}` : String(value);
}

/** An assessment outcome's tag colour: passing is the brand's, a warning amber, worse red. */
export function outcomeTone(outcome: 'pass' | 'warn' | 'probation' | 'remove'): string {
  if (outcome === 'pass') return '';
  return outcome === 'warn' ? 'tag--warn' : 'tag--danger';
}

export function progressPercent(current: number, target: number): number {
  if (target <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((current / target) * 100)));
}
