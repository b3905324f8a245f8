import { z } from 'zod';
import { AppError } from '../http/app-error';
import { route } from '../http/route';
import type { JobDef } from './registry';

export function jobsRoutes(jobs: JobDef[]) {
  return [
    route({
      method: 'get',
      path: '/admin/jobs',
      summary: 'The scheduled jobs',
      tag: 'admin',
      access: ['hq_admin'],
      response: z.object({ items: z.array(z.object({ name: z.string(), schedule: z.string(), description: z.string() })) }),
      handler: async () => ({ items: jobs.map(({ name, schedule, description }) => ({ name, schedule, description })) }),
    }),
    route({
      method: 'post',
      path: '/admin/jobs/:name/run',
      summary: 'Run a scheduled job now',
      tag: 'admin',
      access: ['hq_admin'],
      params: z.object({ name: z.string().max(64) }),
      response: z.object({ name: z.string(), result: z.record(z.string(), z.unknown()) }),
      errors: ['NOT_FOUND'],
      handler: async ({ params }) => {
        const job = jobs.find((candidate) => candidate.name === params.name);
        if (!job) throw new AppError('NOT_FOUND', `there is no job ${params.name}`);
        return { name: job.name, result: await job.run() };
      },
    }),
  ];
}
