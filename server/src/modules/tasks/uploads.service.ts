import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UPLOAD_SIZE_MAX_BYTES, UPLOADS_PATH, uploadNameOf } from '@sharecircle/shared';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { requireMember, type Principal } from '../../http/principal';
import type { RawReply } from '../../http/route';
import { isDistributing } from '../members';
import * as repo from './uploads.repository';
import type { UploadContentType } from './tasks.tables';

export interface UploadsDeps {
  db: Db;
  clock: Clock;
  /** Files go to `<dataDir>/uploads/`. */
  dataDir: string;
  /** The host in the URLs we answer, and the only one a submission may name. */
  publicBaseUrl: string;
}

/** A day's uploads per member: three images for each of many posts, and a bound on what one account can store. */
export const UPLOADS_PER_DAY_MAX = 60;

/** An image not made proof of a submission within a day is deleted (uploads.sweep): it was a try or a slip. */
export const UNATTACHED_UPLOAD_TTL_MS = 86_400_000;

const SIGNATURES: { contentType: UploadContentType; extension: 'png' | 'jpg'; magic: Buffer }[] = [
  { contentType: 'image/png', extension: 'png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { contentType: 'image/jpeg', extension: 'jpg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

/** What the bytes are, whatever the sender called them: PNG or JPEG by their signature, else null. */
export function imageTypeOf(bytes: Buffer) {
  return SIGNATURES.find((type) => bytes.length > type.magic.length && bytes.subarray(0, type.magic.length).equals(type.magic)) ?? null;
}

/**
 * Proof images: stored under a random name (nothing of the sender's file name reaches the disk), served
 * publicly by that name, and attached to one submission of the member who uploaded them.
 */
export function createUploadsService(deps: UploadsDeps) {
  const { db, clock } = deps;
  const dir = join(deps.dataDir, 'uploads');
  const urlPrefix = `${deps.publicBaseUrl.replace(/\/+$/, '')}${UPLOADS_PATH}`;
  const urlOf = (name: string) => urlPrefix + name;

  return {
    urlOf,

    async store(principal: Principal, bytes: Buffer): Promise<{ url: string }> {
      const member = requireMember(principal);
      if (!isDistributing(member.status)) throw new AppError('MEMBER_NOT_ACTIVE', 'your membership is not active');
      if (bytes.length > UPLOAD_SIZE_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `an image is at most ${UPLOAD_SIZE_MAX_BYTES} bytes`);
      const type = imageTypeOf(bytes);
      if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send a PNG or JPEG image');
      const now = clock.now();
      if ((await repo.uploadsSince(db, member.id, new Date(now.getTime() - 86_400_000))) >= UPLOADS_PER_DAY_MAX) {
        throw new AppError('RATE_LIMITED', `at most ${UPLOADS_PER_DAY_MAX} images a day`);
      }
      const name = `${randomBytes(16).toString('hex')}.${type.extension}`;
      await mkdir(dir, { recursive: true });
      // The row commits only once the file is written, so every row has its file.
      await db.transaction(async (tx) => {
        await repo.insertUpload(tx, { name, memberId: member.id, contentType: type.contentType, sizeBytes: bytes.length, createdAt: now });
        await writeFile(join(dir, name), bytes, { flag: 'wx' });
      });
      return { url: urlOf(name) };
    },

    /** `name` matched UPLOAD_NAME_PATTERN (the route's params): no separator or dot-dot, so it stays in `dir`. */
    async read(name: string): Promise<RawReply> {
      try {
        return { contentType: name.endsWith('.png') ? 'image/png' : 'image/jpeg', body: await readFile(join(dir, name)) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `there is no upload ${name}`);
        throw error;
      }
    },

    /**
     * The uploads.sweep job: deletes images uploaded more than a day ago and never attached, file and
     * row. The files go inside the transaction that deletes the rows, so a crash leaves rows for the next
     * sweep rather than files nobody knows of.
     */
    async sweepUnattached(options: { batchSize: number }): Promise<{ deleted: number }> {
      const before = new Date(clock.now().getTime() - UNATTACHED_UPLOAD_TTL_MS);
      const deleted = await db.transaction(async (tx) => {
        const names = await repo.deleteUnattached(tx, before, options.batchSize);
        await Promise.all(names.map((name) => rm(join(dir, name), { force: true })));
        return names.length;
      });
      return { deleted };
    },

    /** The uploads a submission's imageUrls name; VALIDATION_FAILED for any URL we did not answer. */
    namesOf(urls: string[]): string[] {
      const names = urls.map((url) => (url.startsWith(urlPrefix) ? uploadNameOf(url) : null));
      refuse(names.flatMap((name, index) => (name === null ? [index] : [])));
      return names as string[];
    },

    /**
     * Inside the submission's transaction: the images become its proof. Each must have been uploaded by
     * this member and not be proof of another submission yet, or the whole submission is refused.
     */
    async attach(tx: Db, memberId: number, submissionId: number, names: string[]): Promise<void> {
      const taken = new Set(await repo.attachUploads(tx, { memberId, names, submissionId }));
      refuse(names.flatMap((name, index) => (taken.has(name) ? [] : [index])));
    },
  };
}

/** Names which of a submission's imageUrls cannot be its proof. */
function refuse(indexes: number[]): void {
  if (indexes.length === 0) return;
  const details = indexes.map((index) => ({ path: `body.imageUrls.${index}`, issue: 'not an image you uploaded, or already proof of another post' }));
  throw new AppError('VALIDATION_FAILED', `invalid body: ${details.map((d) => d.path).join(', ')}: ${details[0].issue}`, details);
}

export type UploadsService = ReturnType<typeof createUploadsService>;
