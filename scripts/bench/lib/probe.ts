import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Client } from 'pg';

/** Cheap instruments: SQL statements sent by this process, and CPU time of this process and of PostgreSQL. */

let statements = 0;
let installed = false;
/** Round-trip time by statement shape, while a profile is on. */
let timings: Map<string, { count: number; ms: number }> | undefined;

const shapeOf = (args: unknown[]) => {
  const first = args[0] as string | { text?: string };
  const text = typeof first === 'string' ? first : first?.text ?? '?';
  return text.replace(/\s+/g, ' ').replace(/"/g, '').trim().slice(0, 110);
};

function record(shape: string, started: number) {
  const entry = timings!.get(shape) ?? { count: 0, ms: 0 };
  entry.count += 1;
  entry.ms += performance.now() - started;
  timings!.set(shape, entry);
}

/** Counts every query this process sends through `pg` (Drizzle, the pool and BEGIN/COMMIT included). */
export function countStatements(): () => number {
  if (!installed) {
    installed = true;
    const original = Client.prototype.query as (...args: unknown[]) => unknown;
    (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Client, ...args: unknown[]) {
      statements += 1;
      if (!timings) return original.apply(this, args);
      const shape = shapeOf(args);
      const started = performance.now();
      const callback = args[args.length - 1];
      if (typeof callback === 'function') {
        args[args.length - 1] = (...results: unknown[]) => {
          record(shape, started);
          return callback(...results);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args) as Promise<unknown> | undefined;
      return result?.finally?.(() => record(shape, started)) ?? result;
    };
  }
  const start = statements;
  return () => statements - start;
}

export interface StatementTime {
  statement: string;
  count: number;
  totalMs: number;
  meanMs: number;
}

/** Times every statement by shape until the returned function is called; answers them, slowest total first. */
export function profileStatements(): () => StatementTime[] {
  countStatements();
  timings = new Map();
  return () => {
    const rows = [...(timings ?? new Map<string, { count: number; ms: number }>()).entries()].map(([statement, t]) => ({ statement, count: t.count, totalMs: t.ms, meanMs: t.ms / t.count }));
    timings = undefined;
    return rows.sort((a, b) => b.totalMs - a.totalMs);
  };
}

const TICKS_PER_SEC = 100;

/** CPU ticks of every local `postgres` process by pid (Linux /proc; empty elsewhere). */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/** CPU seconds PostgreSQL used since `before`, over the processes alive now (one that exited meanwhile is not counted). */
function postgresCpuSince(before: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, now] of postgresTicks()) ticks += now - (before.get(pid) ?? 0);
  return ticks / TICKS_PER_SEC;
}

/** Busy and total jiffies of the whole machine (Linux /proc/stat; zeros elsewhere). */
function machineTicks(): { busy: number; total: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    return { busy: total - fields[3] - fields[4], total }; // minus idle and iowait
  } catch {
    return { busy: 0, total: 0 };
  }
}

export interface CpuShare {
  /** CPU seconds per wall second: 1.0 is one core busy. */
  node: number;
  postgres: number;
  /** Every process of the machine: well above node + postgres (+ a load driver) means someone else was busy too. */
  machine: number;
}

/**
 * Starts a CPU meter; the returned function answers the cores used since by node (this process) and
 * by every local PostgreSQL process: anyone else's queries on the same server count too.
 */
export function cpuMeter(): () => CpuShare {
  const wall = performance.now();
  const node = process.cpuUsage();
  const pg = postgresTicks();
  const machine = machineTicks();
  return () => {
    const seconds = (performance.now() - wall) / 1000;
    const used = process.cpuUsage(node);
    const now = machineTicks();
    const cores = now.total > machine.total ? ((now.busy - machine.busy) / (now.total - machine.total)) * availableParallelism() : 0;
    return { node: (used.user + used.system) / 1e6 / seconds, postgres: postgresCpuSince(pg) / seconds, machine: cores };
  };
}
