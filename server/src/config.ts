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
  // Subscribe-message template ids from the WeChat console (订阅消息); a kind without one only goes to the inbox.
  WECHAT_TEMPLATE_LEVEL_UP: z.string().min(1).optional(),
  WECHAT_TEMPLATE_REWARD_GRANTED: z.string().min(1).optional(),
  WECHAT_TEMPLATE_COMMISSION_SETTLED: z.string().min(1).optional(),
  WECHAT_TEMPLATE_WITHDRAWAL_PAID: z.string().min(1).optional(),
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  HQ_ADMIN_OPENIDS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((id) => id.trim()).filter(Boolean)),
  WECHATPAY_MCHID: z.string().min(1).optional(),
  WECHATPAY_MERCHANT_SERIAL_NO: z.string().min(1).optional(),
  WECHATPAY_PRIVATE_KEY_PATH: z.string().min(1).optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32, 'must be the 32-character APIv3 key').optional(),
  WECHATPAY_PLATFORM_CERT_PATHS: z.string().min(1).optional(),
  WECHATPAY_PUBLIC_KEY_ID: z.string().regex(/^PUB_KEY_ID_/, 'must start with PUB_KEY_ID_').optional(),
  WECHATPAY_PUBLIC_KEY_PATH: z.string().min(1).optional(),
  WECHATPAY_BASE_URL: urlSchema.default('https://api.mch.weixin.qq.com'),
  WECHATPAY_NOTIFY_URL: urlSchema.optional(),
  // WeCom (enterprise WeChat), to read the size of customer groups; both or neither.
  WECOM_CORP_ID: z.string().min(1).optional(),
  WECOM_SECRET: z.string().min(1).optional(),
  WECOM_BASE_URL: urlSchema.default('https://qyapi.weixin.qq.com'),
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
  wechat: {
    appId?: string;
    appSecret?: string;
    baseUrl: string;
    timeoutMs: number;
    /** Subscribe-message template ids per notification kind; unset kinds are inbox-only. */
    templates: { levelUp?: string; rewardGranted?: string; commissionSettled?: string; withdrawalPaid?: string };
    /** Which build a subscribe message opens: the released one, the trial or the developer build. */
    miniprogramState: Env['WECHAT_MINIPROGRAM_STATE'];
  };
  /** Absent when WeChat Pay is not configured: orders and withdrawals then answer WECHATPAY_UNAVAILABLE. */
  wechatPay?: {
    mchid: string;
    merchantSerialNo: string;
    privateKeyPath: string;
    apiV3Key: string;
    platformCertPaths: string[];
    publicKey?: { id: string; path: string };
    baseUrl: string;
    notifyUrl: string;
  };
  /** Openids that become HQ admins when they sign in: how a fresh deployment gets its first admin. */
  hqAdminOpenids: string[];
  /** Absent when WeCom is not configured: customer group sizes are then only reported by hand. */
  wecom?: { corpId: string; secret: string; baseUrl: string; timeoutMs: number };
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
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir,
    publicBaseUrl,
    tokenSecret: env.TOKEN_SECRET ?? persistedDevSecret(dataDir),
    accessTokenTtlSec: env.ACCESS_TOKEN_TTL_SEC,
    refreshTokenTtlSec: env.REFRESH_TOKEN_TTL_SEC,
    wechat: {
      appId: env.WECHAT_APP_ID,
      appSecret: env.WECHAT_APP_SECRET,
      baseUrl: env.WECHAT_API_BASE_URL,
      timeoutMs: env.WECHAT_TIMEOUT_MS,
      templates: {
        levelUp: env.WECHAT_TEMPLATE_LEVEL_UP,
        rewardGranted: env.WECHAT_TEMPLATE_REWARD_GRANTED,
        commissionSettled: env.WECHAT_TEMPLATE_COMMISSION_SETTLED,
        withdrawalPaid: env.WECHAT_TEMPLATE_WITHDRAWAL_PAID,
      },
      miniprogramState: env.WECHAT_MINIPROGRAM_STATE,
    },
    wechatPay: wechatPayConfig(env, publicBaseUrl),
    wecom: wecomConfig(env),
    hqAdminOpenids: env.HQ_ADMIN_OPENIDS,
    seedDemoData: env.SEED_DEMO_DATA,
    jobsEnabled: env.JOBS_ENABLED,
  };
}

/** WeCom needs the corp id and the secret of an app allowed to read customer contacts, or nothing. */
function wecomConfig(env: Env): Config['wecom'] {
  if (!env.WECOM_CORP_ID && !env.WECOM_SECRET) return undefined;
  if (!env.WECOM_CORP_ID || !env.WECOM_SECRET) {
    throw new ConfigError(`Invalid configuration:\n  ${env.WECOM_CORP_ID ? 'WECOM_SECRET' : 'WECOM_CORP_ID'}: required once WeCom is configured`);
  }
  return { corpId: env.WECOM_CORP_ID, secret: env.WECOM_SECRET, baseUrl: env.WECOM_BASE_URL, timeoutMs: env.WECHAT_TIMEOUT_MS };
}

/** WeChat Pay is all or nothing: a partial configuration is an error that names what is missing. */
function wechatPayConfig(env: Env, publicBaseUrl: string): Config['wechatPay'] {
  const required = ['WECHATPAY_MCHID', 'WECHATPAY_MERCHANT_SERIAL_NO', 'WECHATPAY_PRIVATE_KEY_PATH', 'WECHATPAY_APIV3_KEY'] as const;
  const given = required.filter((name) => env[name]);
  if (given.length === 0) return undefined;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n  ${missing.join(', ')}: required once WeChat Pay is configured`);
  const platformCertPaths = (env.WECHATPAY_PLATFORM_CERT_PATHS ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const publicKey = env.WECHATPAY_PUBLIC_KEY_ID && env.WECHATPAY_PUBLIC_KEY_PATH ? { id: env.WECHATPAY_PUBLIC_KEY_ID, path: env.WECHATPAY_PUBLIC_KEY_PATH } : undefined;
  if (platformCertPaths.length === 0 && !publicKey) {
    throw new ConfigError('Invalid configuration:\n  WECHATPAY_PUBLIC_KEY_ID/WECHATPAY_PUBLIC_KEY_PATH or WECHATPAY_PLATFORM_CERT_PATHS: one is needed to verify WeChat Pay');
  }
  return {
    mchid: env.WECHATPAY_MCHID!,
    merchantSerialNo: env.WECHATPAY_MERCHANT_SERIAL_NO!,
    privateKeyPath: env.WECHATPAY_PRIVATE_KEY_PATH!,
    apiV3Key: env.WECHATPAY_APIV3_KEY!,
    platformCertPaths,
    publicKey,
    baseUrl: env.WECHATPAY_BASE_URL,
    notifyUrl: env.WECHATPAY_NOTIFY_URL ?? `${publicBaseUrl}/api/v1/payments/wechat/notify`,
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
