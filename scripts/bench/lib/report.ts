import type { VerifyReport } from '../../../server/src/modules/ledger';
import type { Measured } from './balances';
import type { DrainRun, Throughput } from './commission';
import type { CpuShare } from './probe';

/** What the bench measured, printed as a compact table or as JSON. */
export interface Report {
  server: string;
  cpus: number;
  node: string;
  schema: string;
  /** 1-minute load average at the start and at the end: other work on the machine skews every figure. */
  load: number[];
  commission?: {
    sales: number;
    clerks: number;
    uplines: number;
    drainers: number;
    batchSize: number;
    drain: Throughput & DrainRun;
    bare: Throughput;
    ratio: number;
    /** Every sale has its commission, no event left or failed. */
    complete: boolean;
    /** Sales still without commission: their event failed (retried with backoff) or the deadline passed. */
    salesLeft: number;
    /** The most common handler error, when some failed. */
    topError: string | null;
    commissions: number;
    commissionFen: number;
    expectedFen: number;
  };
  balances?: {
    members: number;
    postings: number;
    pool: number;
    requests: number;
    warmup: number;
    connections: number;
    rate: number;
    tokens: number;
    route: Measured;
    baseline: Measured;
  };
  verify?: VerifyReport & { seconds: number };
}

const GOAL_SALES_PER_SEC = 1500;
const GOAL_P99_MS = 20;

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const cpu = (share: CpuShare) => `${share.node.toFixed(2)} / ${share.postgres.toFixed(2)} / ${share.machine.toFixed(2)}`;
const errors = (m: Measured) =>
  m.errors === 0 ? '0' : `${n(m.errors)} (${Object.entries(m.statuses).filter(([status]) => status !== '200').map(([status, count]) => `${status}: ${count}`).join(', ')})`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export function printTable(report: Report): void {
  const rows: string[][] = [['measure', 'result', 'baseline', 'ratio', 'goal']];
  const c = report.commission;
  if (c) {
    rows.push(
      [`sale.paid -> L1+L2 commission, sales/s`, n(c.drain.perSecond), `${n(c.bare.perSecond)} tx/s`, c.ratio.toFixed(2), `>= ${n(GOAL_SALES_PER_SEC)} ${verdict(c.drain.perSecond >= GOAL_SALES_PER_SEC)}`],
      ['  wall time, s', c.drain.seconds.toFixed(1), c.bare.seconds.toFixed(1), '', ''],
      ['  SQL statements per sale / per bare tx', c.drain.statementsPerItem.toFixed(1), c.bare.statementsPerItem.toFixed(1), '', ''],
      ['  CPU cores busy: node / postgres / machine', cpu(c.drain.cpu), cpu(c.bare.cpu), '', ''],
      ['  events handled / failed', `${n(c.drain.events)} / ${n(c.drain.failed)}`, '', '', ''],
      ['  sales left without commission', n(c.salesLeft), '', '', ''],
      ['  commission complete and exact', c.complete && c.commissionFen === c.expectedFen ? 'yes' : 'NO', '', '', ''],
    );
  }
  const b = report.balances;
  if (b) {
    const ratio = (a: number, z: number) => (z > 0 ? (a / z).toFixed(1) : '-');
    rows.push(
      ['GET /me/balances p50, ms', b.route.p50.toFixed(2), b.baseline.p50.toFixed(2), ratio(b.route.p50, b.baseline.p50), ''],
      ['GET /me/balances p99, ms', b.route.p99.toFixed(2), b.baseline.p99.toFixed(2), ratio(b.route.p99, b.baseline.p99), `< ${GOAL_P99_MS} ${verdict(b.route.p99 < GOAL_P99_MS)}`],
      ['  p90 / max, ms', `${b.route.p90.toFixed(1)} / ${b.route.max.toFixed(0)}`, `${b.baseline.p90.toFixed(1)} / ${b.baseline.max.toFixed(0)}`, '', ''],
      ['  requests/s', n(b.route.perSecond), n(b.baseline.perSecond), ratio(b.route.perSecond, b.baseline.perSecond), ''],
      ...(b.rate > 0
        ? []
        : [['  connections / req/s (closed-loop mean), ms', ((b.connections / b.route.perSecond) * 1000).toFixed(1), ((b.connections / b.baseline.perSecond) * 1000).toFixed(1), '', '']]),
      ['  non-200 answers (status: count, 0 = no answer)', errors(b.route), errors(b.baseline), '', ''],
      ['  SQL statements per request', b.route.statementsPerRequest.toFixed(1), '0', '', ''],
      ['  CPU cores busy: server / postgres / machine', cpu(b.route.cpu), cpu(b.baseline.cpu), '', ''],
    );
  }
  const v = report.verify;
  if (v) {
    const problems = v.unbalancedEntries.length + v.balanceMismatches.length + v.ruleViolations.length;
    rows.push(['verifyLedger: the book balances', v.ok ? 'yes' : `NO (${problems} problems)`, `${n(v.entries)} entries, ${n(v.accounts)} accounts, ${v.seconds.toFixed(1)} s`, '', '']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const load = report.load.map((value) => value.toFixed(2)).join(' -> ');
  const out = [`Sharecircle ledger bench: PostgreSQL ${report.server}, ${report.cpus} CPUs, node ${report.node}, load average ${load}`];
  if (c) out.push(`1. ${n(c.sales)} paid store sales by ${c.clerks} clerks under ${c.uplines} KOC upline(s); outbox.drain with ${c.drainers} partitions, batch ${c.batchSize}; baseline BEGIN/INSERT/COMMIT x ${n(c.sales)} on ${c.drainers} connections`);
  if (b) {
    const load = b.rate > 0 ? `open loop at ${n(b.rate)} req/s` : 'closed loop';
    out.push(`2. ${n(b.members)} members, ${n(b.postings)} postings; ${n(b.requests)} GETs (+${n(b.warmup)} warm-up) over ${b.connections} keep-alive connections, ${load}, ${b.tokens} members' tokens, pool ${b.pool}; baseline: a plain Koa route`);
  }
  out.push('', line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line));
  if (c?.topError) out.push('', `most common outbox handler error: ${c.topError.slice(0, 200)}`);
  if (c?.drain.profile) {
    const count = Math.max(c.drain.count, 1);
    out.push('', `drain statements by total round-trip time (${n(c.drain.seconds * 1000)} ms wall, ${c.drainers} partitions):`);
    out.push(`${'total ms'.padStart(9)}  ${'per sale'.padStart(8)}  ${'mean ms'.padStart(7)}  statement`);
    for (const s of c.drain.profile) out.push(`${n(s.totalMs).padStart(9)}  ${(s.count / count).toFixed(2).padStart(8)}  ${s.meanMs.toFixed(3).padStart(7)}  ${s.statement}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export function printJson(report: Report): void {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
