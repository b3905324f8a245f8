/**
 * PostgreSQL's SQLSTATE 23505 (unique violation), as pg and PGlite report it. Drizzle wraps driver
 * errors, so the original is looked for in `cause` too.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return hasSqlState(error, '23505', constraint);
}

/** SQLSTATE 23514: a CHECK constraint refused the row (e.g. a balance that would go below zero). */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  return hasSqlState(error, '23514', constraint);
}

/** SQLSTATE 55P03: a NOWAIT lock found the row taken. */
export function isLockNotAvailable(error: unknown): boolean {
  return hasSqlState(error, '55P03');
}

/** Deadlock (40P01) or serialization failure (40001): the same work succeeds if simply tried again. */
export function isTransientConflict(error: unknown): boolean {
  return hasSqlState(error, '40P01') || hasSqlState(error, '40001');
}

/** The driver's own message under Drizzle's "Failed query: ..." wrapper. */
export function rootMessage(error: unknown): string {
  let deepest = error;
  for (let candidate = error; candidate; candidate = (candidate as { cause?: unknown }).cause) deepest = candidate;
  const code = (deepest as { code?: string })?.code;
  const message = String((deepest as Error)?.message ?? deepest);
  return code ? `${code}: ${message}` : message;
}

function hasSqlState(error: unknown, state: string, constraint?: string): boolean {
  for (let candidate = error; candidate; candidate = (candidate as { cause?: unknown }).cause) {
    const pgError = candidate as { code?: string; constraint?: string };
    if (pgError.code === state) return !constraint || pgError.constraint === constraint;
  }
  return false;
}
