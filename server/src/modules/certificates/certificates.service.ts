import { randomInt } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { CertificateVerification, MyCertificate } from '@sharecircle/shared';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { bulkRows } from '../../db/bulk';
import { AppError } from '../../http/app-error';
import { API_PREFIX } from '../../http/router';
import { maskNickname } from '../members';
import { hasCjkFont, renderCertificatePng } from './certificate-image';
import { certificates, type CertificateRow } from './certificates.tables';

export interface IssueCertificateInput {
  memberId: number;
  /** Printed as given; the public page masks it. */
  memberName: string;
  title: string;
  achievement: string;
  /** The reward grant issuing it: a replayed grant gets the certificate it already issued. */
  grantId?: number;
}

export interface CertificatesService {
  /** Issues inside the caller's transaction; idempotent on grantId. */
  issue(tx: Db, input: IssueCertificateInput): Promise<{ serial: string }>;
  /** Issues several in one statement (the reward engine's batch); answers the serials in input order. Same guarantees as issue. */
  issueMany(tx: Db, inputs: IssueCertificateInput[]): Promise<string[]>;
  /** The public view behind the QR code. Throws CERTIFICATE_NOT_FOUND. */
  verify(serial: string): Promise<CertificateVerification>;
  /** The certificate as a PNG, rendered on every call (nothing is cached on disk). Throws CERTIFICATE_NOT_FOUND. */
  png(serial: string): Promise<Buffer>;
  /** The member's certificates, newest first, at most LIST_SIZE_MAX. */
  listForMember(memberId: number): Promise<MyCertificate[]>;
}

const SERIAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const SERIAL_RANDOM_CHARS = 10;
/** 50 random bits make a collision all but impossible; a few draws make it impossible to loop on. */
const SERIAL_DRAWS_MAX = 5;
/** A member earns a handful of certificates a year; the list is not paged. */
const LIST_SIZE_MAX = 200;
const TEXT_LENGTH_MAX = { memberName: 64, title: 40, achievement: 200 } as const;

let fontWarningLogged = false;

/** Certificates the reward engine issues: stored as data, rendered to PNG on demand, verified in public. */
export function createCertificatesService(deps: { db: Db; clock: Clock; publicBaseUrl: string; logger?: Pick<Logger, 'warn'> }): CertificatesService {
  if (!hasCjkFont() && !fontWarningLogged) {
    fontWarningLogged = true;
    deps.logger?.warn('no CJK font is installed (e.g. apt-get install fonts-noto-cjk): certificates will show Chinese text as boxes');
  }
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const verifyUrl = (serial: string) => `${base}${API_PREFIX}/certificates/${serial}`;

  const find = async (serial: string): Promise<CertificateRow> => {
    const [row] = await deps.db.select().from(certificates).where(eq(certificates.serial, serial));
    if (!row) throw new AppError('CERTIFICATE_NOT_FOUND', `there is no certificate ${serial}`);
    return row;
  };

  async function issueMany(tx: Db, inputs: IssueCertificateInput[]): Promise<string[]> {
    inputs.forEach(assertPrintable);
    const issuedAt = deps.clock.now();
    const serials: (string | undefined)[] = inputs.map(() => undefined);
    for (let draw = 0; draw < SERIAL_DRAWS_MAX; draw += 1) {
      const pending = inputs.flatMap((input, index) => (serials[index] === undefined ? [{ input, index, serial: newSerial(issuedAt) }] : []));
      if (pending.length === 0) break;
      const bulk = bulkRows(pending, [
        ['serial', 'text', (p) => p.serial],
        ['member_id', 'bigint', (p) => p.input.memberId],
        ['member_name', 'text', (p) => p.input.memberName],
        ['title', 'text', (p) => p.input.title],
        ['achievement', 'text', (p) => p.input.achievement],
        ['issued_at', 'timestamptz', () => issuedAt],
        ['grant_id', 'bigint', (p) => p.input.grantId ?? null],
      ]);
      // DO NOTHING on any conflict: the grant's certificate already exists, or (never, in practice)
      // the serial was drawn before. Unlike an error, it leaves the caller's transaction usable.
      const inserted = new Set((await queryRows<{ serial: string }>(tx, sql`INSERT INTO certificates ${bulk.names} ${bulk.select} ON CONFLICT DO NOTHING RETURNING serial`)).map((row) => row.serial));
      for (const p of pending) if (inserted.has(p.serial)) serials[p.index] = p.serial;
      const replayed = pending.flatMap((p) => (serials[p.index] === undefined && p.input.grantId !== undefined ? [p.input.grantId] : []));
      if (replayed.length === 0) continue;
      const existing = await queryRows<{ grant_id: string; serial: string }>(tx, sql`SELECT grant_id::text, serial FROM certificates WHERE grant_id = ANY(${sql.param(replayed)}::bigint[])`);
      const byGrant = new Map(existing.map((row) => [Number(row.grant_id), row.serial]));
      for (const p of pending) if (serials[p.index] === undefined && p.input.grantId !== undefined) serials[p.index] = byGrant.get(p.input.grantId);
    }
    if (serials.some((serial) => serial === undefined)) throw new Error(`no unused certificate serial in ${SERIAL_DRAWS_MAX} draws`);
    return serials as string[];
  }

  return {
    async issue(tx, input) {
      const [serial] = await issueMany(tx, [input]);
      return { serial };
    },

    issueMany,

    async verify(serial) {
      const row = await find(serial);
      return { ...textOf(row), memberName: maskNickname(row.memberName) };
    },

    async png(serial) {
      const row = await find(serial);
      return renderCertificatePng({
        memberName: row.memberName,
        title: row.title,
        achievement: row.achievement,
        issuedAt: row.issuedAt,
        serial: row.serial,
        verifyUrl: verifyUrl(row.serial),
      });
    },

    async listForMember(memberId) {
      const rows = await deps.db
        .select()
        .from(certificates)
        .where(eq(certificates.memberId, memberId))
        .orderBy(desc(certificates.issuedAt), desc(certificates.serial))
        .limit(LIST_SIZE_MAX);
      return rows.map((row) => ({ ...textOf(row), verifyUrl: verifyUrl(row.serial), imageUrl: `${verifyUrl(row.serial)}/image` }));
    },
  };
}

/** SC-2026-K7M2Q9XW4B: the year of issue in Beijing time, then random characters. */
function newSerial(issuedAt: Date): string {
  const year = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(issuedAt);
  let random = '';
  for (let i = 0; i < SERIAL_RANDOM_CHARS; i += 1) random += SERIAL_ALPHABET[randomInt(SERIAL_ALPHABET.length)];
  return `SC-${year}-${random}`;
}

const textOf = (row: CertificateRow) => ({
  serial: row.serial,
  memberName: row.memberName,
  title: row.title,
  achievement: row.achievement,
  issuedAt: row.issuedAt.toISOString(),
  valid: row.revokedAt === null,
});

/** What is printed must be there and must fit the page; the renderer would cut it otherwise. */
function assertPrintable(input: IssueCertificateInput): void {
  for (const field of ['memberName', 'title', 'achievement'] as const) {
    const length = [...input[field].trim()].length;
    if (length === 0 || length > TEXT_LENGTH_MAX[field]) {
      throw new AppError('UNPROCESSABLE', `a certificate's ${field} needs 1 to ${TEXT_LENGTH_MAX[field]} characters`, [
        { path: field, issue: `length ${length}` },
      ]);
    }
  }
}
