import { z } from 'zod';
import { timestampSchema } from './common';

/**
 * SC-<year of issue>-<10 random characters>: the alphabet of referral codes (no I, O, 0 or 1, so a
 * serial read aloud or typed from paper is not misread) and 50 random bits, so serials cannot be guessed.
 */
export const CERTIFICATE_SERIAL_PATTERN = /^SC-\d{4}-[A-HJ-NP-Z2-9]{10}$/;
export const certificateSerialSchema = z.string().regex(CERTIFICATE_SERIAL_PATTERN, 'a certificate serial looks like SC-2026-K7M2Q9XW4B');
export const certificateSerialParamsSchema = z.object({ serial: certificateSerialSchema });

/** What anyone who scans the QR code sees. */
export const certificateVerificationSchema = z.object({
  serial: z.string(),
  memberName: z.string().describe('masked, as on other public views: 张*丰'),
  title: z.string(),
  achievement: z.string(),
  issuedAt: timestampSchema,
  valid: z.boolean().describe('false once the certificate was revoked'),
});
export type CertificateVerification = z.infer<typeof certificateVerificationSchema>;

/** A member's own certificate, with where to fetch its image and where it is verified. */
export const myCertificateSchema = z.object({
  serial: z.string(),
  memberName: z.string().describe('in full, as printed on the certificate'),
  title: z.string(),
  achievement: z.string(),
  issuedAt: timestampSchema,
  valid: z.boolean(),
  imageUrl: z.string().describe('PNG, 1600x1120'),
  verifyUrl: z.string().describe('what the QR code on the certificate carries'),
});
export type MyCertificate = z.infer<typeof myCertificateSchema>;
export const myCertificatesSchema = z.object({ items: z.array(myCertificateSchema) });
