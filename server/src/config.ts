import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const urlSchema = z.string().url();

/** Every environment variable the server reads, parsed once at start. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_BASE_URL: urlSchema.optional(),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SEC: z.coerce.number().int().min(3600).max(90 * 86_400).default(30 * 86_400),
  WECHAT_APP_ID: z.string().min(1).optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  WECHAT_API_BASE_URL: urlSchema.default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  HQ_ADMIN_OPENIDS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((id) => id.trim()).filter(Boolean)),
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  JOBS_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  databaseUrl?: string;
  databasePoolMax: number;
  dataDir: string;
  publicBaseUrl: string;
  tokenSecret: string;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  wechat: { appId?: string; appSecret?: string; baseUrl: string; timeoutMs: number };
  /** Openids that become HQ admins when they sign in: how a fresh deployment gets its first admin. */
  hqAdminOpenids: string[];
  seedDemoData: boolean;
  jobsEnabled: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    for (const name of ['TOKEN_SECRET', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'DATABASE_URL'] as const) {
      if (!env[name]) throw new ConfigError(`Invalid configuration:\n  ${name}: required when NODE_ENV=production`);
    }
  }
  const dataDir = resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    tokenSecret: env.TOKEN_SECRET ?? persistedDevSecret(dataDir),
    accessTokenTtlSec: env.ACCESS_TOKEN_TTL_SEC,
    refreshTokenTtlSec: env.REFRESH_TOKEN_TTL_SEC,
    wechat: {
      appId: env.WECHAT_APP_ID,
      appSecret: env.WECHAT_APP_SECRET,
      baseUrl: env.WECHAT_API_BASE_URL,
      timeoutMs: env.WECHAT_TIMEOUT_MS,
    },
    hqAdminOpenids: env.HQ_ADMIN_OPENIDS,
    seedDemoData: env.SEED_DEMO_DATA,
    jobsEnabled: env.JOBS_ENABLED,
  };
}

/** Outside production a missing TOKEN_SECRET is generated once and kept, so sessions survive restarts. */
function persistedDevSecret(dataDir: string): string {
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
