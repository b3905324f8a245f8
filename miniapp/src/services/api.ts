import { z } from 'zod';
import {
  badgeSchema,
  balancesSchema,
  catalogSchema,
  commissionPageSchema,
  commissionSchema,
  ledgerPageSchema,
  memberSchema,
  meSchema,
  myAssessmentSchema,
  myLevelSchema,
  myTaskSchema,
  platformAccountBodySchema,
  platformAccountSchema,
  salePageSchema,
  salePreviewSchema,
  saleSchema,
  storeSchema,
  submissionBodySchema,
  submissionSchema,
  teamPageSchema,
  withdrawalPageSchema,
  withdrawalSchema,
  type JoinBody,
  type SalePreviewBody,
  type StoreSaleBody,
} from '@sharecircle/shared';
import { apiRequest } from './client';

/** Typed functions, one per endpoint; every reply is parsed with the schema the server validates it with. */
export interface PageQuery {
  cursor?: string;
  limit?: number;
}

export const api = {
  me: () => apiRequest('GET', '/me', meSchema),
  balances: () => apiRequest('GET', '/me/balances', balancesSchema),
  level: () => apiRequest('GET', '/me/level', myLevelSchema),
  badges: () => apiRequest('GET', '/me/badges', z.object({ items: z.array(badgeSchema) })),
  assessment: () => apiRequest('GET', '/me/assessment', myAssessmentSchema),
  commissions: (page: PageQuery = {}) => apiRequest('GET', '/me/commissions', commissionPageSchema, { query: { ...page } }),
  commissionsOfSale: (saleId: number) =>
    apiRequest('GET', `/me/commissions/${saleId}`, z.object({ items: z.array(commissionSchema) })),
  ledger: (page: PageQuery = {}) => apiRequest('GET', '/me/ledger', ledgerPageSchema, { query: { ...page } }),
  team: (tier: 1 | 2, page: PageQuery = {}) => apiRequest('GET', '/me/team', teamPageSchema, { query: { tier, ...page } }),
  withdrawals: (page: PageQuery = {}) => apiRequest('GET', '/me/withdrawals', withdrawalPageSchema, { query: { ...page } }),
  withdrawal: (id: number) => apiRequest('GET', `/me/withdrawals/${id}`, withdrawalSchema),
  requestWithdrawal: (amountFen: number) => apiRequest('POST', '/me/withdrawals', withdrawalSchema, { body: { amountFen } }),
  stores: () => apiRequest('GET', '/stores', z.object({ items: z.array(storeSchema) })),
  join: (body: JoinBody) => apiRequest('POST', '/members/join', memberSchema, { body }),
  products: () => apiRequest('GET', '/products', catalogSchema),
  previewSale: (body: SalePreviewBody) => apiRequest('POST', '/sales/preview', salePreviewSchema, { body }),
  recordSale: (body: StoreSaleBody) => apiRequest('POST', '/sales', saleSchema, { body }),
  mySales: (page: PageQuery = {}) => apiRequest('GET', '/me/sales', salePageSchema, { query: { ...page } }),
  myTasks: () => apiRequest('GET', '/me/tasks', z.object({ items: z.array(myTaskSchema) })),
  submitTaskProof: (taskId: number, body: z.infer<typeof submissionBodySchema>) =>
    apiRequest('POST', `/me/tasks/${taskId}/submissions`, submissionSchema, { body }),
  platformAccounts: () => apiRequest('GET', '/me/platform-accounts', z.object({ items: z.array(platformAccountSchema) })),
  savePlatformAccount: (body: PlatformAccountBody) => apiRequest('POST', '/me/platform-accounts', platformAccountSchema, { body }),
};

export type Api = typeof api;
export type MeView = z.infer<typeof meSchema>;
export type BalancesView = z.infer<typeof balancesSchema>;
export type LevelView = z.infer<typeof myLevelSchema>;
export type BadgeView = z.infer<typeof badgeSchema>;
export type AssessmentView = z.infer<typeof myAssessmentSchema>;
export type CommissionView = z.infer<typeof commissionSchema>;
export type LedgerLine = z.infer<typeof ledgerPageSchema>['items'][number];
export type TeamMember = z.infer<typeof teamPageSchema>['items'][number];
export type WithdrawalView = z.infer<typeof withdrawalSchema>;
export type StoreView = z.infer<typeof storeSchema>;
export type MemberRecord = z.infer<typeof memberSchema>;
export type CatalogView = z.infer<typeof catalogSchema>;
export type SaleView = z.infer<typeof saleSchema>;
export type SalePreview = z.infer<typeof salePreviewSchema>;
export type MyTask = z.infer<typeof myTaskSchema>;
export type PlatformAccount = z.infer<typeof platformAccountSchema>;
export type PlatformAccountBody = z.infer<typeof platformAccountBodySchema>;
