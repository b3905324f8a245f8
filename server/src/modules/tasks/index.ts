import { createPlatformAccountsService } from './platform-accounts.service';
import { createTasksService, type TasksDeps } from './tasks.service';

export { tasksRoutes } from './tasks.routes';
export type { TasksDeps } from './tasks.service';

/** KOS content tasks with their submissions and review, and the KOS' platform accounts. */
export function createTasks(deps: TasksDeps) {
  return { tasks: createTasksService(deps), accounts: createPlatformAccountsService(deps) };
}

export type Tasks = ReturnType<typeof createTasks>;
