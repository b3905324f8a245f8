import type { Subscription } from '../../../services/api';

/** WeChat shows at most three templates in one subscribe dialog (wx.requestSubscribeMessage). */
export const TEMPLATES_PER_REQUEST_MAX = 3;

/** requestSubscribeMessage's errCode when the member has switched subscribe messages off for the mini-program. */
export const ERRCODE_SWITCHED_OFF = 20004;

/**
 * The templates one tap asks for: those with the fewest messages left (the configured order breaks ties),
 * so once some are accepted the next tap asks for the kinds a full dialog left out.
 */
export function templatesToAsk(items: readonly Subscription[]): Subscription[] {
  return [...items].sort((a, b) => a.remaining - b.remaining).slice(0, TEMPLATES_PER_REQUEST_MAX);
}

/**
 * The kinds whose template the member accepted. WeChat answers each template id as a key of its reply:
 * 'accept', or 'reject', 'ban', 'filter', which give nothing.
 */
export function acceptedKinds(asked: readonly Subscription[], answer: object): Subscription['kind'][] {
  const choices = answer as Record<string, unknown>;
  return asked.filter((item) => choices[item.templateId] === 'accept').map((item) => item.kind);
}

export function errCodeOf(failure: unknown): number | undefined {
  const errCode = (failure as { errCode?: unknown } | null)?.errCode;
  return typeof errCode === 'number' ? errCode : undefined;
}
