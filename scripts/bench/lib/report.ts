import type { VerifyReport } from '../../../server/src/modules/ledger';
import type { DrainRun, Throughput } from './commission';
import type { CpuShare } from './probe';
import { latencyRows, type LoadPlan, type LoadRun } from './route-load';

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
    tokens: number;
    plan: LoadPlan;
    runs: LoadRun[];
  };
  verify?: VerifyReport & { seconds: number };
}

const GOAL_SALES_PER_SEC = 1500;
const GOAL_P99_MS = 20;

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const cpu = (share: CpuShare) => `${share.node.toFixed(2)} / ${share.postgres.toFixed(2)} / ${share.machine.toFixed(2)}`;
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
  if (b) rows.push(...latencyRows(b.runs, { route: 'GET /me/balances', connections: b.plan.connections, goalP99Ms: GOAL_P99_MS }));
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
    out.push(`2. ${n(b.members)} members, ${n(b.postings)} postings; ${n(b.plan.requests)} GETs (+${n(b.plan.warmup)} warm-up) per load over ${b.plan.connections} keep-alive connections, ${b.tokens} members' tokens, pool ${b.pool}; baseline: a plain Koa route under the same load`);
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
