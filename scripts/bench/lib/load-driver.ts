import { Agent, request } from 'node:http';

/**
 * The HTTP load generator, forked as its own process so its work does not run on the server's event
 * loop. It gets a job over IPC, sends `warmup` then `requests` GETs over at most `connections`
 * keep-alive sockets, and answers the latency summary. rate 0 = closed loop (each connection sends
 * its next request when the last one answers); rate > 0 = open loop at that many requests a second,
 * latency counted from when each request was due.
 */

export interface LoadJob {
  url: string;
  tokens: string[];
  requests: number;
  warmup: number;
  connections: number;
  rate: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

function get(agent: Agent, url: URL, token: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end();
  });
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function run(agent: Agent, job: LoadJob, count: number): Promise<LoadResult> {
  const url = new URL(job.url);
  const latencies = new Float64Array(count);
  const statuses: Record<string, number> = {};
  const token = (i: number) => (job.tokens.length ? job.tokens[i % job.tokens.length] : undefined);
  const one = async (i: number, dueAt: number) => {
    // From when it was due (so a stalled server is not excused), or from when it was sent if earlier.
    const from = Math.min(dueAt, performance.now());
    const status = await get(agent, url, token(i));
    latencies[i] = performance.now() - from;
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const started = performance.now();
  if (job.rate > 0) {
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < count; i += 1) {
      const dueAt = started + (i * 1000) / job.rate;
      const wait = dueAt - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(one(i, dueAt));
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    const loop = async () => {
      while (next < count) {
        const i = next++;
        await one(i, performance.now());
      }
    };
    await Promise.all(Array.from({ length: job.connections }, loop));
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  return {
    requests: count,
    errors: count - (statuses['200'] ?? 0),
    seconds,
    perSecond: count / seconds,
    p50: percentile(latencies, 0.5),
    p90: percentile(latencies, 0.9),
    p99: percentile(latencies, 0.99),
    max: latencies[count - 1],
    statuses,
  };
}

process.once('message', async (job: LoadJob) => {
  // fifo: every socket takes its turn, so none idles past the server's keep-alive timeout and races its close.
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections, scheduling: 'fifo' });
  if (job.warmup > 0) await run(agent, job, job.warmup);
  const result = await run(agent, job, job.requests);
  agent.destroy();
  process.send!(result, () => process.exit(0));
});
