import type { Config } from './config';
import type { Clock } from './clock';
import type { Db } from './db/database';
import { createMiniProgramApi, type MiniProgramApi } from './wechat/miniprogram-api';
import { createIdentityService, createTokenIssuer } from './modules/identity';
import { createOrgService } from './modules/org';
import { createSettingsService } from './modules/settings';
import { createBindingsService, createMembersService } from './modules/members';

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  /** Tests pass adapters pointed at fake servers; otherwise built from config. */
  wechat?: MiniProgramApi;
}

/** Wires every domain service to what it uses; nothing here does I/O. */
export function buildServices(deps: ServiceDeps) {
  const { config, db, clock } = deps;
  const wechat = deps.wechat ?? createMiniProgramApi(config.wechat);
  const tokens = createTokenIssuer({
    secret: config.tokenSecret,
    accessTtlSec: config.accessTokenTtlSec,
    refreshTtlSec: config.refreshTokenTtlSec,
    clock,
  });
  const settings = createSettingsService({ db, clock });
  const org = createOrgService({ db, clock });
  const identity = createIdentityService({ db, clock, tokens, wechat, org, hqAdminOpenids: config.hqAdminOpenids });
  const bindings = createBindingsService({ db, clock, settings });
  const members = createMembersService({ db, clock, identity, org, settings, bindings });
  return { settings, org, identity, bindings, members };
}

export type Services = ReturnType<typeof buildServices>;
