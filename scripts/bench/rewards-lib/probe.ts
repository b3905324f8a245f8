import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Client } from 'pg';

/**
 * Cheap instruments for the rewards bench: SQL statements this process sends through `pg` (optionally
 * timed by statement shape), and CPU time of this process, of PostgreSQL and of the whole machine.
 */

let statements = 0;
let installed = false;
let timings: Map<string, { count: number; ms: number }> | undefined;

const shapeOf = (args: unknown[]): string => {
  const first = args[0] as string | { text?: string };
  const text = typeof first === 'string' ? first : (first?.text ?? '?');
  return text
    .replace(/\s+/g, ' ')
    .replace(/"/g, '')
    .replace(/\$\d+(, \$\d+)+/g, '$n…')
    .trim();
};

function install() {
  if (installed) return;
  installed = true;
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Client, ...args: unknown[]) {
    statements += 1;
    if (!timings) return original.apply(this, args);
    const shape = shapeOf(args);
    const started = performance.now();
    const record = () => {
      const entry = timings?.get(shape) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - started;
      timings?.set(shape, entry);
    };
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        record();
        return (callback as (...r: unknown[]) => unknown)(...results);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    return result?.finally?.(record) ?? result;
  };
}

/** Counts statements from now on (BEGIN, SAVEPOINT, COMMIT included). */
export function countStatements(): () => number {
  install();
  const start = statements;
  return () => statements - start;
}

export interface StatementTime {
  statement: string;
  count: number;
  totalMs: number;
  meanMs: number;
}

/** Round-trip time by statement shape until the returned function is called; slowest total first. */
export function profileStatements(): () => StatementTime[] {
  install();
  timings = new Map();
  return () => {
    const taken = timings ?? new Map<string, { count: number; ms: number }>();
    timings = undefined;
    return [...taken.entries()]
      .map(([statement, t]) => ({ statement, count: t.count, totalMs: t.ms, meanMs: t.ms / t.count }))
      .sort((a, b) => b.totalMs - a.totalMs);
  };
}

export interface CpuShare {
  /** Cores busy on average over the interval (1.0 = one core fully used). */
  node: number;
  postgres: number;
  machine: number;
  cores: number;
  /** 1-minute load average at the end. */
  load: number;
}

const TICKS_PER_SECOND = 100;

/** CPU ticks of every running `postgres` process, by pid. */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return ticks;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      if (!name.startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(entry, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended while we looked
    }
  }
  return ticks;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    const idle = cpu[3] + (cpu[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Ticks used since `before` by the processes running now (a process that ended meanwhile is not counted). */
function ticksSince(before: Map<string, number>): number {
  let sum = 0;
  for (const [pid, ticks] of postgresTicks()) sum += ticks - (before.get(pid) ?? 0);
  return sum;
}

/**
 * CPU used from now until the returned function is called. PostgreSQL's share counts every
 * `postgres` process on the machine (other sessions' backends too, if something else is running).
 */
export function cpuMeter(): () => CpuShare {
  const cores = availableParallelism();
  const startedAt = performance.now();
  const node0 = process.cpuUsage();
  const pg0 = postgresTicks();
  const m0 = machineTicks();
  return () => {
    const seconds = (performance.now() - startedAt) / 1000;
    const node = process.cpuUsage(node0);
    const m1 = machineTicks();
    const total = m1.total - m0.total;
    return {
      node: (node.user + node.system) / 1e6 / seconds,
      postgres: ticksSince(pg0) / TICKS_PER_SECOND / seconds,
      machine: total > 0 ? ((m1.busy - m0.busy) / total) * cores : 0,
      cores,
      load: loadavg()[0],
    };
  };
}
