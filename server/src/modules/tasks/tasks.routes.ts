import { z } from 'zod';
import {
  accountMatrixSchema,
  adminSubmissionSchema,
  adminTasksQuerySchema,
  idParamsSchema,
  myTaskSchema,
  platformAccountBodySchema,
  platformAccountSchema,
  platformAccountsQuerySchema,
  rejectBodySchema,
  submissionBodySchema,
  submissionSchema,
  submissionsQuerySchema,
  taskBodySchema,
  taskSchema,
} from '@sharecircle/shared';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { PlatformAccountsService } from './platform-accounts.service';
import type { TasksService } from './tasks.service';
import { uploadsRoutes } from './uploads.routes';
import type { UploadsService } from './uploads.service';

/** HQ hands out tasks and reviews everywhere; a store manager for their own store (checked by the service). */
const REVIEWERS = ['store_manager', 'hq_admin'] as const;

export function tasksRoutes(deps: { tasks: TasksService; accounts: PlatformAccountsService; uploads: UploadsService }) {
  const { tasks, accounts } = deps;
  return [
    ...uploadsRoutes(deps.uploads),
    route({
      method: 'post',
      path: '/admin/tasks',
      summary: 'Hand out a content task (a store manager: to their own store only)',
      tag: 'tasks',
      access: REVIEWERS,
      body: taskBodySchema,
      response: taskSchema,
      status: 201,
      errors: ['STORE_NOT_FOUND', 'REGION_NOT_FOUND'],
      handler: ({ principal, body }) => tasks.create(principal!, body),
    }),
    route({
      method: 'get',
      path: '/admin/tasks',
      summary: 'Tasks, latest due first: all (HQ), or those reaching a store',
      tag: 'tasks',
      access: REVIEWERS,
      query: adminTasksQuerySchema,
      response: z.object({ items: z.array(taskSchema) }),
      errors: ['STORE_NOT_FOUND'],
      handler: async ({ principal, query }) => ({ items: await tasks.adminList(principal!, query) }),
    }),
    route({
      method: 'get',
      path: '/me/tasks',
      summary: 'My content tasks (KOS) with my progress toward each target',
      tag: 'tasks',
      access: 'member',
      response: z.object({ items: z.array(myTaskSchema) }),
      handler: async ({ principal }) => ({ items: await tasks.mine(principal!) }),
    }),
    route({
      method: 'post',
      path: '/me/tasks/:id/submissions',
      summary: 'Send proof of one post for a task: its link, images uploaded first (POST /uploads), or both',
      tag: 'tasks',
      access: 'member',
      params: idParamsSchema,
      body: submissionBodySchema,
      response: submissionSchema,
      status: 201,
      errors: ['NOT_A_CLERK', 'MEMBER_NOT_ACTIVE', 'TASK_NOT_FOUND', 'TASK_CLOSED', 'DUPLICATE_SUBMISSION'],
      handler: ({ principal, params, body }) => tasks.submit(principal!, params.id, body),
    }),
    route({
      method: 'get',
      path: '/admin/task-submissions',
      summary: 'Submissions to review (a store manager: their store’s), newest first',
      tag: 'tasks',
      access: REVIEWERS,
      query: submissionsQuerySchema,
      response: z.object({ items: z.array(adminSubmissionSchema) }),
      handler: async ({ principal, query }) => ({ items: await tasks.submissions(principal!, query) }),
    }),
    route({
      method: 'post',
      path: '/admin/task-submissions/:id/approve',
      summary: 'Approve a submission: the post counts (task.completed)',
      tag: 'tasks',
      access: REVIEWERS,
      params: idParamsSchema,
      response: submissionSchema,
      errors: ['SUBMISSION_NOT_FOUND', 'SUBMISSION_ALREADY_REVIEWED'],
      handler: ({ principal, params }) => tasks.approve(principal!, params.id),
    }),
    route({
      method: 'post',
      path: '/admin/task-submissions/:id/reject',
      summary: 'Reject a submission with a reason the KOS reads',
      tag: 'tasks',
      access: REVIEWERS,
      params: idParamsSchema,
      body: rejectBodySchema,
      response: submissionSchema,
      errors: ['SUBMISSION_NOT_FOUND', 'SUBMISSION_ALREADY_REVIEWED'],
      handler: ({ principal, params, body }) => tasks.reject(principal!, params.id, body.reason),
    }),
    route({
      method: 'post',
      path: '/me/platform-accounts',
      summary: 'Register a platform account, or update its fans (same platform and handle)',
      tag: 'tasks',
      access: 'member',
      body: platformAccountBodySchema,
      response: platformAccountSchema,
      errors: ['NOT_A_CLERK'],
      handler: ({ principal, body }) => accounts.save(principal!, body),
    }),
    route({
      method: 'get',
      path: '/me/platform-accounts',
      summary: 'My platform accounts',
      tag: 'tasks',
      access: 'member',
      response: z.object({ items: z.array(platformAccountSchema) }),
      handler: async ({ principal }) => ({ items: await accounts.mine(requireMember(principal!).id) }),
    }),
    route({
      method: 'get',
      path: '/admin/platform-accounts',
      summary: 'The KOS account matrix by region and store, quiet accounts (30 days) flagged',
      tag: 'tasks',
      access: REVIEWERS,
      query: platformAccountsQuerySchema,
      response: accountMatrixSchema,
      handler: ({ principal, query }) => accounts.matrix(principal!, query),
    }),
  ];
}
