import cron from 'node-cron';
import type { Logger } from 'pino';
import type { JobDef } from './registry';

/** Starts each job on its schedule; a run still going when the next tick comes is not started twice. */
export function startScheduler(jobs: JobDef[], logger: Logger): { stop(): Promise<void> } {
  const running = new Set<string>();
  const tasks = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        if (running.has(job.name)) return;
        running.add(job.name);
        try {
          const result = await job.run();
          logger.info({ job: job.name, result }, 'job finished');
        } catch (error) {
          logger.error({ job: job.name, err: error }, 'job failed');
        } finally {
          running.delete(job.name);
        }
      },
      { name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
    },
  };
}
