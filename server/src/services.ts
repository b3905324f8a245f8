import type { Config } from './config';
import type { Clock } from './clock';
import type { Db } from './db/database';
import { createMiniProgramApi, type MiniProgramApi } from './wechat/miniprogram-api';
import { createPostersService } from './modules/posters';
import { createIdentityService, createTokenIssuer } from './modules/identity';
import { createOrgService } from './modules/org';
import { createCatalogService } from './modules/catalog';
import { createSettingsService } from './modules/settings';
import { createBindingsService, createMembersService } from './modules/members';
import { createLedgerService } from './modules/ledger';
import { createPaymentsService } from './modules/payments';
import { createRefundsService, createSalesService } from './modules/sales';
import { createCommissionService } from './modules/commission';
import { createRewards, rewardNotifications } from './modules/rewards';
import { BOARD_EVENTS, createCompetitions } from './modules/competitions';
import { createAssessmentsService } from './modules/assessments';
import { createDiscipline } from './modules/discipline';
import { REWARD_EVENTS } from '@sharecircle/shared';
import { createWithdrawalsService } from './modules/withdrawals';
import { createCommunities, createGroupAttribution } from './modules/communities';
import { createTasks } from './modules/tasks';
import { wecomFromConfig, type WecomApi } from './wechat/wecom';
import { createOutbox } from './outbox/outbox';
import { createCertificatesService } from './modules/certificates';
import { createNotificationsService, createMessageTemplates } from './modules/notifications';
import { createAccessTokenSource } from './wechat/access-token';
import { createSubscribeMessageApi } from './wechat/subscribe-message';
import { wechatPayFromConfig, type WechatPay } from './wechat/wechat-pay';
import type { Logger } from 'pino';

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Tests pass adapters pointed at fake servers; otherwise built from config. */
  wechat?: MiniProgramApi;
  wechatPay?: WechatPay;
  wecom?: WecomApi;
}

/** Wires every domain service to what it uses; nothing here does I/O. */
export function buildServices(deps: ServiceDeps) {
  const { config, db, clock } = deps;
  // One access token per process for every WeChat call that needs one.
  const wechatToken = createAccessTokenSource(config.wechat);
  const wechat = deps.wechat ?? createMiniProgramApi({ ...config.wechat, accessToken: wechatToken });
  const wechatPay = deps.wechatPay ?? wechatPayFromConfig(config);
  const outbox = createOutbox({ db, clock, logger: deps.logger });
  const ledger = createLedgerService();
  const payments = createPaymentsService({ db, clock, wechatPay });
  const tokens = createTokenIssuer({
    secret: config.tokenSecret,
    accessTtlSec: config.accessTokenTtlSec,
    refreshTtlSec: config.refreshTokenTtlSec,
    clock,
  });
  const settings = createSettingsService({ db, clock });
  const org = createOrgService({ db, clock });
  const catalog = createCatalogService({ db, clock });
  const identity = createIdentityService({ db, clock, tokens, wechat, org, hqAdminOpenids: config.hqAdminOpenids });
  const bindings = createBindingsService({ db, clock, settings });
  const members = createMembersService({ db, clock, identity, org, settings, bindings });
  // An order through a customer group is credited to the group's admin (communities; needs only members).
  const sales = createSalesService({ db, clock, catalog, members, identity, settings, bindings, wechatPay, groups: createGroupAttribution({ members }) });
  const refunds = createRefundsService({ db, clock, wechatPay });
  const commission = createCommissionService({ db, clock, ledger, members, catalog, settings, sales });
  payments.on('TRANSACTION', sales.onPaymentNotification);
  payments.on('REFUND', refunds.onRefundNotification);
  const withdrawals = createWithdrawalsService({ db, clock, logger: deps.logger, ledger, settings, members, identity, wechatPay });
  payments.on('MCHTRANSFER', withdrawals.onTransferNotification);
  const notifications = createNotificationsService({
    db,
    clock,
    wechat: createSubscribeMessageApi({ ...config.wechat, accessToken: wechatToken }),
    templates: createMessageTemplates(config.wechat),
    members,
    identity,
  });
  outbox.on('notification.created', notifications.onCreated);
  outbox.on('commission.settled', notifications.onCommissionSettled);
  outbox.on('withdrawal.paid', notifications.onWithdrawalPaid);
  const certificates = createCertificatesService({ db, clock, logger: deps.logger, publicBaseUrl: config.publicBaseUrl });
  const rewards = createRewards({ db, clock, ledger, members, certificates });
  members.useTeamFigures(async (memberId, downlineIds) => {
    const [gmv, earned] = await Promise.all([rewards.counters.monthGmv(db, downlineIds, clock.now()), commission.earnedThrough(memberId, downlineIds)]);
    return new Map(downlineIds.map((id) => [id, { monthGmvFen: gmv.get(id) ?? 0, earnedFen: earned.get(id) ?? 0 }]));
  });
  outbox.onBatch(REWARD_EVENTS, rewards.engine.handleMany);
  const tellMembers = rewardNotifications({ db, clock, members, notifications, levels: rewards.levels });
  rewards.grants.onGranted(tellMembers.onGranted);
  outbox.onBatch('level.changed', tellMembers.onLevelsChanged);
  const discipline = createDiscipline({ db, clock, members, identity, notifications, ledger, commission, privileges: rewards.grants });
  const assessments = createAssessmentsService({
    db,
    clock,
    members,
    notifications,
    removeMember: discipline.remove,
  });
  outbox.on('assessment.closed', assessments.onAssessmentClosed);
  const communities = createCommunities({ db, clock, members, bindings, identity, notifications, privileges: rewards.grants, wecom: deps.wecom ?? wecomFromConfig(config) });
  // Group-admin rights go with removal and confirmed violations (in the removing transaction) and on demotion.
  discipline.onRemoved(communities.onRemoved);
  outbox.on('level.changed', communities.onLevelChanged);
  const tasks = createTasks({ db, clock, members, org, identity, notifications, assessments, dataDir: config.dataDir, publicBaseUrl: config.publicBaseUrl });
  const competitions = createCompetitions({ db, clock, org, prizes: rewards.grants });
  outbox.onBatch(BOARD_EVENTS, competitions.onBoardEvents);
  // Last among sale.paid's handlers: commission locks its earners' balance rows (a top KOC's is busy), and those locks last until the batch commits.
  outbox.onBatch('sale.paid', commission.onSalesPaid);
  outbox.on('sale.refunded', commission.onSaleRefunded); // after sale.paid's: a refund takes back computed commission
  const posters = createPostersService({
    members,
    wechat,
    wechatConfigured: Boolean(config.wechat.appId && config.wechat.appSecret),
    miniprogramState: config.wechat.miniprogramState,
    publicBaseUrl: config.publicBaseUrl,
  });
  return { clock, posters, communities, tasks, tellMembers, assessments, discipline, competitions, settings, org, identity, bindings, members, outbox, ledger, payments, wechatPay, catalog, sales, refunds, commission, withdrawals, notifications, certificates, rewards };
}

export type Services = ReturnType<typeof buildServices>;
