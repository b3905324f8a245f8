import type { TestApp, UserClient } from '../helpers/test-app';

let receipts = 0;

/** A clerk records a store sale of `lines` at list price unless a unitPrice is given. */
export async function recordSale(
  clerk: UserClient,
  lines: { sku: string; quantity: number; unitPrice: number }[],
  extra: { customerCode?: string; receiptNo?: string } = {},
) {
  receipts += 1;
  const response = await clerk.post('/sales', { receiptNo: extra.receiptNo ?? `R-${process.pid}-${receipts}`, lines, customerCode: extra.customerCode });
  if (response.status !== 201) throw new Error(`sale refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Lets the outbox worker run (commission follows payment through it), as the scheduler would. */
export const dispatch = (t: TestApp) => t.runJob('outbox.dispatch');
export const settle = (t: TestApp) => t.runJob('commission.settle');

export async function balances(member: UserClient) {
  return (await member.get('/me/balances').expect(200)).body as { pending: number; available: number; withdrawing: number; debt: number };
}
