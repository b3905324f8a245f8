import { createPlatformAccountsService } from './platform-accounts.service';
import { createTasksService, type TasksDeps } from './tasks.service';
import { createUploadsService } from './uploads.service';

export { tasksRoutes } from './tasks.routes';
export { withFileUploads } from './uploads.body';
export type { TasksDeps } from './tasks.service';

/** KOS content tasks with their submissions (a link, proof images, or both) and review, and the KOS' platform accounts. */
export function createTasks(deps: TasksDeps) {
  const uploads = createUploadsService(deps);
  return { tasks: createTasksService({ ...deps, uploads }), accounts: createPlatformAccountsService(deps), uploads };
}

export type Tasks = ReturnType<typeof createTasks>;
