import type { Clock } from '../../server/src/clock';

/** A clock tests move by hand; it starts at a fixed instant so dates in assertions are stable. */
export class TestClock implements Clock {
  private current: Date;
  constructor(start = new Date('2026-11-02T02:00:00.000Z')) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
  advanceMs(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
