import { createSecretKey } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../clock';

type TokenKind = 'access' | 'refresh';

export interface TokenIssuer {
  issue(userId: number): Promise<{ accessToken: string; refreshToken: string; accessExpiresInSec: number }>;
  verify(token: string, kind: TokenKind): Promise<number>;
}

const ISSUER = 'sharecircle';

/** HS256 JWTs: a short-lived access token and a long-lived refresh token, told apart by `typ`. */
export function createTokenIssuer(options: {
  secret: string;
  accessTtlSec: number;
  refreshTtlSec: number;
  clock: Clock;
}): TokenIssuer {
  // A KeyObject made once: given raw bytes, jose builds one on every sign and verify (every request).
  const key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  const nowSec = () => Math.floor(options.clock.now().getTime() / 1000);

  const sign = (userId: number, kind: TokenKind, ttlSec: number) =>
    new SignJWT({ typ: kind })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(userId))
      .setIssuer(ISSUER)
      .setIssuedAt(nowSec())
      .setExpirationTime(nowSec() + ttlSec)
      .sign(key);

  return {
    async issue(userId) {
      return {
        accessToken: await sign(userId, 'access', options.accessTtlSec),
        refreshToken: await sign(userId, 'refresh', options.refreshTtlSec),
        accessExpiresInSec: options.accessTtlSec,
      };
    },
    async verify(token, kind) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: options.clock.now(),
        });
        if (payload.typ !== kind) throw new AppError('TOKEN_INVALID', `this is not a ${kind} token`);
        const userId = Number(payload.sub);
        if (!Number.isSafeInteger(userId) || userId <= 0) throw new AppError('TOKEN_INVALID', 'the token names no user');
        return userId;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_INVALID', `the ${kind} token has expired`);
        throw new AppError('TOKEN_INVALID', `the ${kind} token is not valid`);
      }
    },
  };
}
