import { createPublicKey, verify as rsaVerify, X509Certificate, type KeyObject } from 'node:crypto';

/**
 * Checks WeChat Pay's signatures (on notifications and on API responses).
 *
 * WeChat Pay signs with one of two kinds of key, named by the `Wechatpay-Serial` header:
 * - platform certificates (older merchants): the serial is the certificate's hex serial number;
 * - WeChat Pay public key (merchants onboarded since 2024 only have this): the serial is the
 *   public key id, `PUB_KEY_ID_` followed by digits.
 * During a switch-over WeChat may sign with either, so both can be configured at once.
 */
export interface PayVerifier {
  /** True only when the serial names a key we hold and the RSA-SHA256 signature verifies. */
  verify(serial: string, message: string | Buffer, signatureB64: string): boolean;
  /** Lets callers report "unknown serial" apart from "bad signature". */
  hasSerial(serial: string): boolean;
}

export interface PayVerifierOptions {
  /** Platform certificate serial -> certificate PEM. */
  platformCertificates?: Record<string, string>;
  /** WeChat Pay public key mode: id is `PUB_KEY_ID_...`, pem is the SPKI public key. */
  publicKey?: { id: string; pem: string };
}

export function createPayVerifier(options: PayVerifierOptions): PayVerifier {
  const keys = new Map<string, KeyObject>();

  for (const [serial, pem] of Object.entries(options.platformCertificates ?? {})) {
    const certificate = new X509Certificate(pem);
    // A serial that does not match its certificate is a configuration mistake that would make
    // every notification fail later with a confusing "unknown serial"; refuse it now.
    if (normaliseSerial(certificate.serialNumber) !== normaliseSerial(serial)) {
      throw new Error(`platform certificate ${serial} has serial number ${certificate.serialNumber}`);
    }
    keys.set(normaliseSerial(serial), certificate.publicKey);
  }

  if (options.publicKey) {
    if (!options.publicKey.id.startsWith('PUB_KEY_ID_')) {
      throw new Error(`WeChat Pay public key id must start with PUB_KEY_ID_, got ${options.publicKey.id}`);
    }
    keys.set(options.publicKey.id, createPublicKey(options.publicKey.pem));
  }

  if (keys.size === 0) throw new Error('a WeChat Pay verifier needs platform certificates or a public key');

  const keyFor = (serial: string) => keys.get(serial.startsWith('PUB_KEY_ID_') ? serial : normaliseSerial(serial));

  return {
    hasSerial: (serial) => keyFor(serial) !== undefined,
    verify(serial, message, signatureB64) {
      const key = keyFor(serial);
      if (!key) return false;
      const signature = Buffer.from(signatureB64, 'base64');
      // An empty or garbled signature decodes to few bytes; RSA verify then simply answers false.
      if (signature.length === 0) return false;
      return rsaVerify('RSA-SHA256', typeof message === 'string' ? Buffer.from(message, 'utf8') : message, key, signature);
    },
  };
}

/**
 * Certificate serials are hex; WeChat sends them upper-case, node:crypto and openssl may differ
 * in case and leading zeros, so compare a canonical form.
 */
function normaliseSerial(serial: string): string {
  return serial.trim().toUpperCase().replace(/^0+(?=.)/, '');
}
