import { WechatPayError } from './pay-client';

/**
 * When to stop waiting for a WeChat Pay notification and ask instead. WeChat retries an unanswered
 * notification at 15 s, 15 s, 30 s, 3 min and 10 min; past that, the usual cause is a merchant that
 * was down or a notification lost, and only a query (GET by our own number) tells the outcome.
 */
export const NOTIFICATION_OVERDUE_MS = 10 * 60_000;


/**
 * Checks each item in turn and counts the outcomes `check` names; one that throws (WeChat Pay
 * unreachable, say) is counted under `errors`, with the first message, and the rest still run.
 */
export async function checkEach<T>(items: T[], check: (item: T) => Promise<string>): Promise<Record<string, number | string>> {
  const summary: Record<string, number | string> = { checked: items.length };
  const add = (outcome: string) => (summary[outcome] = Number(summary[outcome] ?? 0) + 1);
  for (const item of items) {
    try {
      add(await check(item));
    } catch (error) {
      add('errors');
      summary.firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  return summary;
}

/**
 * The answer to a query by our own number, or undefined when WeChat Pay never heard of it (a 404: the
 * request that would have created it never reached WeChat).
 */
export async function unlessUnknown<T>(query: Promise<T>): Promise<T | undefined> {
  try {
    return await query;
  } catch (error) {
    if (error instanceof WechatPayError && error.wechatpay.httpStatus === 404) return undefined;
    throw error;
  }
}
