/**
 * PostgreSQL's SQLSTATE 23505 (unique violation), as pg and PGlite report it. Drizzle wraps driver
 * errors, so the original is looked for in `cause` too.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let candidate = error; candidate; candidate = (candidate as { cause?: unknown }).cause) {
    const pgError = candidate as { code?: string; constraint?: string };
    if (pgError.code === '23505') return !constraint || pgError.constraint === constraint;
  }
  return false;
}
