import type { TestApp, UserClient } from '../helpers/test-app';

export async function createRule(admin: UserClient, rule: Record<string, unknown>): Promise<{ id: number }> {
  const response = await admin.post('/admin/reward-rules', { stage: 'early', ...rule });
  if (response.status !== 201) throw new Error(`rule refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Pauses every rule, so each test sees only the rules it makes. */
export async function pauseAllRules(t: TestApp): Promise<void> {
  const admin = await t.admin();
  const rules = await admin.get('/admin/reward-rules').expect(200);
  for (const rule of rules.body.items) if (!rule.paused) await admin.patch(`/admin/reward-rules/${rule.id}`, { paused: true }).expect(200);
}
