import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import forge from 'node-forge';

/**
 * Key material for one fake WeChat Pay merchant account, generated fresh for every fake so no
 * secret ever lives in the repository.
 */
export type FakeWechatPayMode = 'certificate' | 'publicKey';

export interface FakeKeyMaterial {
  appid: string;
  mchid: string;
  /** The merchant signs requests with this; the fake verifies with the public half. */
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  /** WeChat's side: signs responses and notifications, decrypts sensitive request fields. */
  platformSerial: string;
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
  /** Only in certificate mode: a self-signed X.509 certificate around the platform key. */
  platformCertificatePem?: string;
  apiV3Key: string;
  mode: FakeWechatPayMode;
}

export function generateKeyMaterial(options: { mode: FakeWechatPayMode; appid?: string; mchid?: string }): FakeKeyMaterial {
  const merchant = rsaKeyPair();
  const platform = rsaKeyPair();
  const common = {
    appid: options.appid ?? `wx${randomBytes(8).toString('hex')}`,
    mchid: options.mchid ?? `19${digits(8)}`,
    merchantSerialNo: hexSerial(),
    merchantPrivateKeyPem: merchant.privateKeyPem,
    merchantPublicKeyPem: merchant.publicKeyPem,
    platformPrivateKeyPem: platform.privateKeyPem,
    platformPublicKeyPem: platform.publicKeyPem,
    apiV3Key: alphanumeric(32),
    mode: options.mode,
  };
  if (options.mode === 'publicKey') {
    // Real ids look like PUB_KEY_ID_0114232134912410000000000000: the prefix and 28 digits.
    return { ...common, platformSerial: `PUB_KEY_ID_01${digits(26)}` };
  }
  const platformSerial = hexSerial();
  return {
    ...common,
    platformSerial,
    platformCertificatePem: selfSignedCertificate(platform, platformSerial),
  };
}

function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/**
 * node:crypto can parse X.509 but not create it, hence node-forge (test-only dependency).
 * Subject mimics WeChat's platform certificates; validity spans a year either side of now.
 */
function selfSignedCertificate(keys: { privateKeyPem: string; publicKeyPem: string }, serialHex: string): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  certificate.serialNumber = serialHex;
  const now = Date.now();
  certificate.validity.notBefore = new Date(now - 365 * 86_400_000);
  certificate.validity.notAfter = new Date(now + 365 * 86_400_000);
  const name = [
    { name: 'commonName', value: 'Tenpay.com Root CA' },
    { name: 'organizationName', value: 'Tenpay.com' },
    { name: 'countryName', value: 'CN' },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

/** 40 upper-case hex digits like WeChat's serials; the first digit is 1-7 so DER keeps it positive and unpadded. */
function hexSerial(): string {
  return `${randomInt(1, 8)}${randomBytes(20).toString('hex').slice(1)}`.toUpperCase();
}

function digits(count: number): string {
  return Array.from({ length: count }, () => randomInt(0, 10)).join('');
}

export function alphanumeric(count: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: count }, () => alphabet[randomInt(0, alphabet.length)]).join('');
}
