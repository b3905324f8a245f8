import type { SubmissionBody, TaskBody } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import { AppError } from '../../http/app-error';
import { assertManagesStore, managedStoreIds, requireMember, type Principal } from '../../http/principal';
import { publish } from '../../outbox/outbox';
import { recordAudit } from '../audit';
import type { AssessmentsService } from '../assessments';
import type { IdentityService } from '../identity';
import { isDistributing, type MembersService } from '../members';
import type { NotificationsService } from '../notifications';
import type { OrgService } from '../org';
import * as repo from './tasks.repository';
import type { UploadsService } from './uploads.service';
import type { SubmissionRow, TaskRow, Tier } from './tasks.tables';

export interface TasksDeps {
  db: Db;
  clock: Clock;
  members: Pick<MembersService, 'sellerProfile'>;
  org: Pick<OrgService, 'getStore' | 'listRegions'>;
  identity: Pick<IdentityService, 'usersByIds'>;
  notifications: Pick<NotificationsService, 'notify'>;
  /** A KOS' tier is their latest assessment result's. */
  assessments: Pick<AssessmentsService, 'storeResults'>;
  /** Where proof images are kept (`<dataDir>/uploads/`) and the host their URLs name. */
  dataDir: string;
  publicBaseUrl: string;
}

export const taskView = (task: TaskRow) => ({
  id: task.id,
  topic: task.topic,
  hashtag: task.hashtag,
  platform: task.platform,
  dueAt: task.dueAt.toISOString(),
  target: task.target,
  audience: { regionId: task.audienceRegionId, storeId: task.audienceStoreId, tiers: task.audienceTiers },
  createdBy: task.createdBy,
  createdAt: task.createdAt.toISOString(),
});

export const submissionView = (row: SubmissionRow, imageUrlOf: (name: string) => string) => ({
  id: row.id,
  taskId: row.taskId,
  memberId: row.memberId,
  url: row.url,
  imageUrls: row.imageNames.map(imageUrlOf),
  note: row.note,
  metrics: row.metrics,
  status: row.status,
  reviewReason: row.reviewReason,
  reviewedBy: row.reviewedBy,
  reviewedAt: row.reviewedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

const REVIEW_REASON_QUOTED_MAX = 200;

/**
 * Content tasks for KOS. HQ hands a task to any audience (region, store, tiers); a store manager only to
 * their own store (there is no region-manager role yet: HQ covers regions). A KOS sees the tasks whose
 * audience they are in and sends one proof per post; the manager of the KOS' store (or HQ) approves or
 * rejects it with a reason. Each approved post publishes task.completed for the KOS, which the reward
 * engine counts into tasksCompleted: assessments (tasks_completed), competitions' task boards and reward
 * rules all read that counter.
 */
export function createTasksService(deps: TasksDeps & { uploads: Pick<UploadsService, 'urlOf' | 'namesOf' | 'attach'> }) {
  const { db, clock, uploads } = deps;
  const view = (row: SubmissionRow) => submissionView(row, uploads.urlOf);

  /** Where a KOS stands for audiences: their store, its region and their latest tier; null for anyone else. */
  async function placeOf(principal: Principal): Promise<{ memberId: number; storeId: number; regionId: number; tier: Tier | null } | null> {
    const member = principal.member;
    if (!member || member.type !== 'kos' || member.storeId === null) return null;
    const store = await deps.org.getStore(member.storeId);
    const latest = (await deps.assessments.storeResults([member.id])).find((result) => result.tier !== null);
    return { memberId: member.id, storeId: store.id, regionId: store.regionId, tier: (latest?.tier as Tier | undefined) ?? null };
  }

  /** The audience as the caller may set it: a store manager's tasks go to their own store. */
  async function audienceFor(principal: Principal, audience: TaskBody['audience']) {
    const stores = managedStoreIds(principal);
    const storeId = audience.storeId ?? (stores !== null ? stores[0] : undefined);
    if (stores !== null) assertManagesStore(principal, storeId ?? null);
    const regionId = audience.regionId;
    if (storeId !== undefined) {
      const store = await deps.org.getStore(storeId);
      if (regionId !== undefined && regionId !== store.regionId) {
        throw new AppError('VALIDATION_FAILED', 'invalid body: body.audience.storeId is not in that region', [{ path: 'body.audience.storeId', issue: 'not in the region' }]);
      }
    } else if (regionId !== undefined && !(await deps.org.listRegions()).some((region) => region.id === regionId)) {
      throw new AppError('REGION_NOT_FOUND', `there is no region ${regionId}`);
    }
    return { regionId: regionId ?? null, storeId: storeId ?? null, tiers: audience.tiers ?? null };
  }

  async function reviewable(tx: Db, principal: Principal, submissionId: number): Promise<SubmissionRow> {
    const submission = await repo.submissionById(tx, submissionId, true);
    if (!submission) throw new AppError('SUBMISSION_NOT_FOUND', `there is no submission ${submissionId}`);
    assertManagesStore(principal, submission.storeId);
    if (submission.status !== 'pending') throw new AppError('SUBMISSION_ALREADY_REVIEWED', `the submission was already ${submission.status}`);
    return submission;
  }

  async function tellKos(tx: Db, submission: SubmissionRow, task: TaskRow | undefined, approved: boolean, reason: string | null) {
    const profile = await deps.members.sellerProfile(submission.memberId, tx);
    if (!profile) return;
    const topic = [...(task?.topic ?? '')].slice(0, 60).join('');
    const quoted = reason ? [...reason].slice(0, REVIEW_REASON_QUOTED_MAX).join('') : '';
    await deps.notifications.notify(tx, {
      userId: profile.userId,
      kind: 'generic',
      title: approved ? '任务提交已通过' : '任务提交未通过',
      body: approved ? `你为「${topic}」提交的作品已通过审核。` : `你为「${topic}」提交的作品未通过审核：${quoted}`,
      data: { taskId: submission.taskId, submissionId: submission.id, status: approved ? 'approved' : 'rejected' },
      dedupeKey: `task-submission:${submission.id}:reviewed`,
    });
  }

  return {
    async create(principal: Principal, body: TaskBody) {
      const audience = await audienceFor(principal, body.audience);
      const dueAt = new Date(body.dueAt);
      if (dueAt.getTime() <= clock.now().getTime()) {
        throw new AppError('VALIDATION_FAILED', 'invalid body: body.dueAt must be in the future', [{ path: 'body.dueAt', issue: 'must be in the future' }]);
      }
      return db.transaction(async (tx) => {
        const at = clock.now();
        const task = await repo.insertTask(tx, {
          topic: body.topic,
          hashtag: body.hashtag.startsWith('#') ? body.hashtag : `#${body.hashtag}`,
          platform: body.platform,
          dueAt,
          target: body.target,
          audienceRegionId: audience.regionId,
          audienceStoreId: audience.storeId,
          audienceTiers: audience.tiers,
          createdBy: principal.userId,
          createdAt: at,
        });
        await recordAudit(tx, { actorUserId: principal.userId, action: 'task.created', subjectType: 'task', subjectId: task.id, data: { audience, platform: task.platform, target: task.target }, at });
        return taskView(task);
      });
    },

    /** HQ: every task (or those reaching a store); a store manager: those reaching their store. */
    async adminList(principal: Principal, filter: { storeId?: number }) {
      const stores = managedStoreIds(principal);
      const storeId = filter.storeId ?? (stores !== null ? stores[0] : undefined);
      if (stores !== null) assertManagesStore(principal, storeId ?? null);
      const place = storeId === undefined ? null : await deps.org.getStore(storeId).then((store) => ({ storeId: store.id, regionId: store.regionId }));
      return (await repo.tasksReaching(db, place)).map(taskView);
    },

    /** A KOS' tasks with their progress; anyone who is not a KOS has none. */
    async mine(principal: Principal) {
      const place = await placeOf(principal);
      if (!place) return [];
      const tasks = await repo.tasksForKos(db, place);
      const progress = await repo.progressOf(db, place.memberId, tasks.map((task) => task.id));
      return tasks.map((task) => {
        const counts = progress.get(task.id) ?? { pending: 0, approved: 0, rejected: 0 };
        return { ...taskView(task), progress: counts, done: counts.approved >= task.target };
      });
    },

    /** A KOS sends proof of one post for a task they were given, before it is due: its link, images of it, or both. */
    async submit(principal: Principal, taskId: number, body: SubmissionBody) {
      const member = requireMember(principal);
      const place = await placeOf(principal);
      if (!place) throw new AppError('NOT_A_CLERK', 'content tasks are for KOS (store clerks)');
      if (!isDistributing(member.status)) throw new AppError('MEMBER_NOT_ACTIVE', 'your membership is not active');
      const task = await repo.taskById(db, taskId);
      if (!task || !(await repo.isTaskFor(db, taskId, place))) throw new AppError('TASK_NOT_FOUND', `you have no task ${taskId}`);
      if (task.dueAt.getTime() <= clock.now().getTime()) throw new AppError('TASK_CLOSED', `task ${taskId} was due ${task.dueAt.toISOString()}`);
      const imageNames = uploads.namesOf(body.imageUrls ?? []);
      try {
        const row = await db.transaction(async (tx) => {
          const inserted = await repo.insertSubmission(tx, {
            taskId,
            memberId: member.id,
            storeId: place.storeId,
            url: body.url ?? null,
            imageNames,
            note: body.note ?? null,
            metrics: body.metrics ?? null,
            status: 'pending',
            createdAt: clock.now(),
          });
          if (imageNames.length > 0) await uploads.attach(tx, member.id, inserted.id, imageNames);
          return inserted;
        });
        return view(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('DUPLICATE_SUBMISSION', 'this post was already sent for this task');
        throw error;
      }
    },

    /** What became of my proof for a task: each submission, newest first, with the reviewer's reason when rejected. */
    async mySubmissions(principal: Principal, taskId: number) {
      const member = requireMember(principal);
      if (!(await repo.taskById(db, taskId))) throw new AppError('TASK_NOT_FOUND', `there is no task ${taskId}`);
      return (await repo.submissionsOfMember(db, member.id, taskId)).map(view);
    },

    /** Submissions to review: HQ every store's, a store manager their store's. */
    async submissions(principal: Principal, filter: { status: SubmissionRow['status']; taskId?: number; storeId?: number }) {
      const managed = managedStoreIds(principal);
      if (filter.storeId !== undefined) assertManagesStore(principal, filter.storeId);
      const storeIds = filter.storeId !== undefined ? [filter.storeId] : managed;
      const page = await repo.submissionsPage(db, { status: filter.status, taskId: filter.taskId, storeIds });
      const nicknames = new Map(page.map((row) => [Number(row.id), row.nickname]));
      const rows = await repo.submissionsByIds(db, [...nicknames.keys()]);
      return rows.map((row) => ({ ...view(row), nickname: nicknames.get(row.id) ?? '', storeId: row.storeId }));
    },

    /** Approval: the post counts (task.completed), the account on that platform is active, the KOS is told. */
    approve: (principal: Principal, submissionId: number) =>
      db.transaction(async (tx) => {
        const submission = await reviewable(tx, principal, submissionId);
        const at = clock.now();
        const updated = await repo.updateSubmission(tx, submissionId, { status: 'approved', reviewedBy: principal.userId, reviewedAt: at });
        const task = await repo.taskById(tx, submission.taskId);
        await publish(tx, clock, { type: 'task.completed', memberId: submission.memberId, payload: { taskId: submission.taskId, submissionId, platform: task?.platform ?? null } });
        if (task) await repo.touchAccounts(tx, submission.memberId, task.platform, at);
        await recordAudit(tx, { actorUserId: principal.userId, action: 'task_submission.approved', subjectType: 'task', subjectId: submission.taskId, data: { submissionId, memberId: submission.memberId }, at });
        await tellKos(tx, updated, task, true, null);
        return view(updated);
      }),

    reject: (principal: Principal, submissionId: number, reason: string) =>
      db.transaction(async (tx) => {
        const submission = await reviewable(tx, principal, submissionId);
        const at = clock.now();
        const updated = await repo.updateSubmission(tx, submissionId, { status: 'rejected', reviewReason: reason, reviewedBy: principal.userId, reviewedAt: at });
        await recordAudit(tx, { actorUserId: principal.userId, action: 'task_submission.rejected', subjectType: 'task', subjectId: submission.taskId, data: { submissionId, memberId: submission.memberId }, reason, at });
        await tellKos(tx, updated, await repo.taskById(tx, submission.taskId), false, reason);
        return view(updated);
      }),
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
