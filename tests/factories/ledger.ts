import { randomUUID } from 'node:crypto';
import type { TestApp } from '../helpers/test-app';

/**
 * Setup only: credits a member's available balance straight through the ledger, as if commission
 * had settled, from the platform's reward expense. Each call posts a new entry (unique key).
 */
export async function fundAvailable(t: TestApp, memberId: number, fen: number): Promise<void> {
  await t.database.db.transaction((tx) =>
    t.services.ledger.post(tx, {
      key: `test-fund:${memberId}:${randomUUID()}`,
      kind: 'test.fund',
      memberId,
      memo: '测试入账',
      postings: [
        { account: { platform: 'reward_expense' }, amountFen: -fen },
        { account: { memberId, kind: 'available' }, amountFen: fen },
      ],
      at: t.clock.now(),
    }),
  );
}
