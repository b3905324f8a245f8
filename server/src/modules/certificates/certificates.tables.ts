import { pgTable, text } from 'drizzle-orm/pg-core';
import { at, ref } from '../../db/columns';

export const certificates = pgTable('certificates', {
  /** SC-2026-XXXXXXXXXX: unguessable, the key of the public verification page. */
  serial: text('serial').primaryKey(),
  memberId: ref('member_id').notNull(),
  /** The name as it was when issued; printed in full on the image, masked on the public page. */
  memberName: text('member_name').notNull(),
  title: text('title').notNull(),
  achievement: text('achievement').notNull(),
  issuedAt: at('issued_at').notNull(),
  /** The reward grant that issued it; unique where set (certificates_grant_idx). */
  grantId: ref('grant_id'),
  revokedAt: at('revoked_at'),
});

export type CertificateRow = typeof certificates.$inferSelect;
