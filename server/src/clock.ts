/** Time comes from here, never from Date.now() in domain code, so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const DAY_MS = 86_400_000;
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);
