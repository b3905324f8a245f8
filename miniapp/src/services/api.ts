import { z } from 'zod';
import {
  addressBodySchema,
  appealSchema,
  badgeSchema,
  adminReportPageSchema,
  adminReportSchema,
  applicationViewSchema,
  balancesSchema,
  bindingSchema,
  catalogSchema,
  checklistItemSchema,
  commissionPageSchema,
  commissionSchema,
  competitionLeaderboardSchema,
  grantSchema,
  inviterSchema,
  leaderboardSchema,
  grantAdminBodySchema,
  groupAdminSchema,
  groupSchema,
  ledgerPageSchema,
  memberCompetitionSchema,
  memberSchema,
  meSchema,
  orderCreatedSchema,
  myAppealsSchema,
  myAssessmentSchema,
  myCertificatesSchema,
  myLevelSchema,
  myReportPageSchema,
  myReportSchema,
  reportBodySchema,
  myTaskSchema,
  notificationPageSchema,
  notificationSchema,
  readAllResultSchema,
  subscriptionsBodySchema,
  subscriptionsSchema,
  platformAccountBodySchema,
  platformAccountSchema,
  refundBodySchema,
  refundSchema,
  salePageSchema,
  salePreviewSchema,
  saleSchema,
  storeSchema,
  submissionBodySchema,
  submissionSchema,
  teamPageSchema,
  trainingGroupBodySchema,
  trainingGroupChangeSchema,
  trainingGroupSchema,
  uploadSchema,
  withdrawalPageSchema,
  withdrawalQuoteSchema,
  withdrawalSchema,
  type BoardQuery,
  type JoinBody,
  type MemberStatus,
  type OrderBody,
  type SalePreviewBody,
  type StoreSaleBody,
  type TrainingPhase,
} from '@sharecircle/shared';
import { apiDownload, apiRequest, apiUpload } from './client';

/** Typed functions, one per endpoint; every reply is parsed with the schema the server validates it with. */
export interface PageQuery {
  cursor?: string;
  limit?: number;
}

export type AddressBody = z.infer<typeof addressBodySchema>;
export type ReportBody = z.input<typeof reportBodySchema>;
export type LeaderboardFilter = Pick<BoardQuery, 'metric' | 'period' | 'scope'>;
export type NotificationsQuery = PageQuery & { unreadOnly?: boolean };
export type SubscriptionsBody = z.infer<typeof subscriptionsBodySchema>;

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
  withdrawalQuote: (amountFen: number) => apiRequest('GET', '/me/withdrawals/quote', withdrawalQuoteSchema, { query: { amountFen } }),
  requestWithdrawal: (amountFen: number) => apiRequest('POST', '/me/withdrawals', withdrawalSchema, { body: { amountFen } }),
  /** The mini-program code for my referral poster, as a local image path. */
  posterCode: () => apiDownload('/me/poster-code'),
  rewards: () => apiRequest('GET', '/me/rewards', z.object({ items: z.array(grantSchema) })),
  confirmRewardAddress: (grantId: number, address: AddressBody) => apiRequest('POST', `/me/rewards/${grantId}/address`, grantSchema, { body: address }),
  confirmRewardReceived: (grantId: number) => apiRequest('POST', `/me/rewards/${grantId}/received`, grantSchema),
  certificates: () => apiRequest('GET', '/me/certificates', myCertificatesSchema),
  /** My inbox, newest first; every page also carries the count of all my unread notifications. */
  notifications: (query: NotificationsQuery = {}) =>
    apiRequest('GET', '/me/notifications', notificationPageSchema, { query: { cursor: query.cursor, limit: query.limit, unread: query.unreadOnly ? 'true' : undefined } }),
  markNotificationRead: (id: number) => apiRequest('POST', `/me/notifications/${id}/read`, notificationSchema),
  markAllNotificationsRead: () => apiRequest('POST', '/me/notifications/read-all', readAllResultSchema),
  /** The subscribe-message templates the brand configured, and how many messages of each I still allow. */
  subscriptions: () => apiRequest('GET', '/me/subscriptions', subscriptionsSchema),
  recordSubscriptions: (body: SubscriptionsBody) => apiRequest('POST', '/me/subscriptions', subscriptionsSchema, { body }),
  competitions: () => apiRequest('GET', '/competitions', z.object({ items: z.array(memberCompetitionSchema) })),
  competitionLeaderboard: (competitionId: number, limit?: number) =>
    apiRequest('GET', `/competitions/${competitionId}/leaderboard`, competitionLeaderboardSchema, { query: { limit } }),
  leaderboard: (filter: LeaderboardFilter) => apiRequest('GET', '/leaderboards', leaderboardSchema, { query: { ...filter } }),
  appeals: () => apiRequest('GET', '/me/appeals', myAppealsSchema),
  fileAppeal: (reason: string) => apiRequest('POST', '/me/appeals', appealSchema, { body: { reason } }),
  reports: (page: PageQuery = {}) => apiRequest('GET', '/me/reports', myReportPageSchema, { query: { ...page } }),
  fileReport: (report: ReportBody) => apiRequest('POST', '/reports', myReportSchema, { body: report }),
  stores: () => apiRequest('GET', '/stores', z.object({ items: z.array(storeSchema) })),
  join: (body: JoinBody) => apiRequest('POST', '/members/join', memberSchema, { body }),
  inviter: (referralCode: string) => apiRequest('GET', `/referrals/${encodeURIComponent(referralCode)}`, inviterSchema),
  /** Become the customer of the member whose code this is (a buyer, not a distributor). */
  bindCustomer: (referralCode: string) => apiRequest('POST', '/bindings', bindingSchema, { body: { referralCode } }),
  products: () => apiRequest('GET', '/products', catalogSchema),
  previewSale: (body: SalePreviewBody) => apiRequest('POST', '/sales/preview', salePreviewSchema, { body }),
  recordSale: (body: StoreSaleBody) => apiRequest('POST', '/sales', saleSchema, { body }),
  mySales: (page: PageQuery = {}) => apiRequest('GET', '/me/sales', salePageSchema, { query: { ...page } }),
  /** One sale or order the caller may see (a buyer: their own orders). */
  sale: (saleId: number) => apiRequest('GET', `/sales/${saleId}`, saleSchema),
  /** Order in the mini-program: the server prices the lines and answers the wx.requestPayment parameters. */
  createOrder: (body: OrderBody) => apiRequest('POST', '/orders', orderCreatedSchema, { body }),
  /** Fresh wx.requestPayment parameters for my order still waiting for payment (409 CONFLICT otherwise). */
  payOrder: (orderId: number) => apiRequest('POST', `/orders/${orderId}/payment`, orderCreatedSchema),
  myOrders: (page: PageQuery = {}) => apiRequest('GET', '/me/orders', salePageSchema, { query: { ...page } }),
  myTasks: () => apiRequest('GET', '/me/tasks', z.object({ items: z.array(myTaskSchema) })),
  submitTaskProof: (taskId: number, body: z.infer<typeof submissionBodySchema>) =>
    apiRequest('POST', `/me/tasks/${taskId}/submissions`, submissionSchema, { body }),
  /** A chosen image (its local temp path) as proof: answers the URL a submission names in imageUrls. */
  uploadProofImage: (filePath: string) => apiUpload('/uploads', filePath, uploadSchema),
  myTaskSubmissions: (taskId: number) => apiRequest('GET', `/me/tasks/${taskId}/submissions`, z.object({ items: z.array(submissionSchema) })),
  platformAccounts: () => apiRequest('GET', '/me/platform-accounts', z.object({ items: z.array(platformAccountSchema) })),
  savePlatformAccount: (body: PlatformAccountBody) => apiRequest('POST', '/me/platform-accounts', platformAccountSchema, { body }),
  applications: (status: MemberStatus) =>
    apiRequest('GET', '/admin/applications', z.object({ items: z.array(applicationViewSchema) }), { query: { status } }),
  approveApplication: (memberId: number) => apiRequest('POST', `/admin/applications/${memberId}/approve`, memberSchema, { body: {} }),
  rejectApplication: (memberId: number, reason: string) => apiRequest('POST', `/admin/applications/${memberId}/reject`, memberSchema, { body: { reason } }),
  storeSales: (storeId: number, page: PageQuery = {}) => apiRequest('GET', `/stores/${storeId}/sales`, salePageSchema, { query: { ...page } }),
  voidSale: (saleId: number, reason: string) => apiRequest('POST', `/sales/${saleId}/void`, refundSchema, { body: { reason } }),
  refundSale: (saleId: number, body: RefundBody) => apiRequest('POST', `/sales/${saleId}/refunds`, refundSchema, { body }),
  adminReports: (status: ReportStatus, page: PageQuery = {}) => apiRequest('GET', '/admin/reports', adminReportPageSchema, { query: { status, ...page } }),
  confirmReport: (reportId: number, note: string) => apiRequest('POST', `/admin/reports/${reportId}/confirm`, adminReportSchema, { body: { note } }),
  dismissReport: (reportId: number, note: string) => apiRequest('POST', `/admin/reports/${reportId}/dismiss`, adminReportSchema, { body: { note } }),
  wechatChecklist: () => apiRequest('GET', '/admin/groups/wechat-checklist', z.object({ items: z.array(checklistItemSchema) }), { query: { status: 'pending' } }),
  markChecklistDone: (itemId: number) => apiRequest('POST', `/admin/groups/wechat-checklist/${itemId}/done`, checklistItemSchema),
  customerGroups: () => apiRequest('GET', '/admin/groups', z.object({ items: z.array(groupSchema) }), { query: { kind: 'customer' } }),
  groupAdmins: (groupId: number) => apiRequest('GET', `/admin/groups/${groupId}/admins`, z.object({ items: z.array(groupAdminSchema) })),
  grantGroupAdmin: (groupId: number, body: GrantAdminBody) => apiRequest('POST', `/admin/groups/${groupId}/admins`, groupAdminSchema, { body }),
  revokeGroupAdmin: (groupId: number, memberId: number, reason?: string) =>
    apiRequest('DELETE', `/admin/groups/${groupId}/admins/${memberId}`, groupAdminSchema, { query: { reason } }),
  trainingGroups: () => apiRequest('GET', '/admin/training-groups', z.object({ items: z.array(trainingGroupSchema) })),
  createTrainingGroup: (body: TrainingGroupBody) => apiRequest('POST', '/admin/training-groups', trainingGroupChangeSchema, { body }),
  changeTrainingPhase: (groupId: number, phase: TrainingPhase) =>
    apiRequest('POST', `/admin/training-groups/${groupId}/phase`, trainingGroupChangeSchema, { body: { phase } }),
};

export type Api = typeof api;
export type MeView = z.infer<typeof meSchema>;
export type BalancesView = z.infer<typeof balancesSchema>;
export type BindingView = z.infer<typeof bindingSchema>;
export type LevelView = z.infer<typeof myLevelSchema>;
export type BadgeView = z.infer<typeof badgeSchema>;
export type AssessmentView = z.infer<typeof myAssessmentSchema>;
export type CommissionView = z.infer<typeof commissionSchema>;
export type LedgerLine = z.infer<typeof ledgerPageSchema>['items'][number];
export type TeamMember = z.infer<typeof teamPageSchema>['items'][number];
export type WithdrawalView = z.infer<typeof withdrawalSchema>;
export type WithdrawalQuote = z.infer<typeof withdrawalQuoteSchema>;
export type GrantView = z.infer<typeof grantSchema>;
export type CertificateView = z.infer<typeof myCertificatesSchema>['items'][number];
export type NotificationView = z.infer<typeof notificationSchema>;
export type SubscriptionsView = z.infer<typeof subscriptionsSchema>;
export type Subscription = SubscriptionsView['items'][number];
export type CompetitionView = z.infer<typeof memberCompetitionSchema>;
export type LeaderboardView = z.infer<typeof leaderboardSchema>;
export type AppealsView = z.infer<typeof myAppealsSchema>;
export type ReportView = z.infer<typeof myReportSchema>;
export type StoreView = z.infer<typeof storeSchema>;
export type MemberRecord = z.infer<typeof memberSchema>;
export type InviterView = z.infer<typeof inviterSchema>;
export type CatalogView = z.infer<typeof catalogSchema>;
export type SaleView = z.infer<typeof saleSchema>;
export type OrderCreated = z.infer<typeof orderCreatedSchema>;
export type PaymentParams = OrderCreated['payment'];
export type SalePreview = z.infer<typeof salePreviewSchema>;
export type MyTask = z.infer<typeof myTaskSchema>;
export type TaskSubmission = z.infer<typeof submissionSchema>;
export type PlatformAccount = z.infer<typeof platformAccountSchema>;
export type PlatformAccountBody = z.infer<typeof platformAccountBodySchema>;
export type ApplicationView = z.infer<typeof applicationViewSchema>;
export type RefundBody = z.infer<typeof refundBodySchema>;
export type AdminReport = z.infer<typeof adminReportSchema>;
export type ReportStatus = AdminReport['status'];
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type GroupView = z.infer<typeof groupSchema>;
export type GroupAdmin = z.infer<typeof groupAdminSchema>;
export type GrantAdminBody = z.infer<typeof grantAdminBodySchema>;
export type TrainingGroup = z.infer<typeof trainingGroupSchema>;
export type TrainingGroupBody = z.input<typeof trainingGroupBodySchema>;
