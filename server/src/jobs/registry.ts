import type { Services } from '../services';

export interface JobDef {
  name: string;
  /** node-cron expression. */
  schedule: string;
  description: string;
  run(): Promise<Record<string, unknown>>;
}

/** Every periodic job: a thin entry that calls one domain service. */
export function jobRegistry(services: Services): JobDef[] {
  return [
    {
      name: 'bindings.expire',
      schedule: '*/5 * * * *',
      description: 'Unbind referral bindings whose validity ran out (expiring policy)',
      run: () => services.bindings.expireBindings({ batchSize: 500 }),
    },
  ];
}
