import { DEFAULT_PHASE_LABELS, TRAINING_PHASES, type TrainingPhase } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { publish } from '../../outbox/outbox';
import { recordAudit } from '../audit';
import { isDistributing } from '../members';
import * as groupsRepo from './communities.repository';
import { renameInstruction } from './communities-messages';
import type { CourseRow, LessonRow, TrainingGroupRow } from './communities.tables';
import type { CommunitiesDeps } from './deps';
import * as repo from './training.repository';

export interface TrainingGroupBody {
  brand: string;
  nameTemplate: string;
  phaseLabels?: Partial<Record<TrainingPhase, string | undefined>>;
  wecomChatId?: string;
}

/** Phases in which members work through lessons, and in which people can still be enrolled. */
const LEARNING_PHASES: readonly TrainingPhase[] = ['training', 'in_session', 'closing'];
const ENROLLING_PHASES: readonly TrainingPhase[] = ['recruiting', 'training', 'in_session'];

/** The group's name for a phase: the template with {brand} and {phase} filled in. */
export function displayName(group: Pick<TrainingGroupRow, 'brand' | 'nameTemplate' | 'phaseLabels'>, phase: TrainingPhase): string {
  const label = group.phaseLabels[phase] ?? DEFAULT_PHASE_LABELS[phase];
  return group.nameTemplate.replaceAll('{brand}', group.brand).replaceAll('{phase}', label);
}

const nextPhase = (phase: TrainingPhase): TrainingPhase | undefined => TRAINING_PHASES[TRAINING_PHASES.indexOf(phase) + 1];

const courseView = (course: CourseRow, lessons: LessonRow[]) => ({
  id: course.id,
  trainingGroupId: course.trainingGroupId,
  title: course.title,
  lessons: lessons.filter((lesson) => lesson.courseId === course.id).map((lesson) => ({ id: lesson.id, position: lesson.position, title: lesson.title })),
  createdAt: course.createdAt.toISOString(),
});

/**
 * Training groups a community manager runs through recruiting → training → in session → closing →
 * finished, one step at a time. The group's name follows the phase from its template; WeChat cannot be
 * renamed from here, so each phase change answers the name to set and puts the rename on the manager's
 * WeChat checklist. Members are enrolled; a course is a list of lessons done per member, and finishing
 * every lesson of a course publishes course.completed once (the reward engine counts it, so rules and the
 * level ladder can ask for coursesCompleted).
 */
export function createTrainingService(deps: CommunitiesDeps) {
  const { db, clock } = deps;

  async function view(tx: Db, group: TrainingGroupRow) {
    const enrolled = (await repo.enrolledCounts(tx, [group.id])).get(group.id) ?? 0;
    return {
      id: group.id,
      brand: group.brand,
      nameTemplate: group.nameTemplate,
      phase: group.phase,
      displayName: displayName(group, group.phase),
      wecomChatId: group.wecomChatId,
      createdBy: group.createdBy,
      createdAt: group.createdAt.toISOString(),
      phaseChangedAt: group.phaseChangedAt.toISOString(),
      enrolled,
    };
  }

  async function existing(tx: Db, id: number, lock = false): Promise<TrainingGroupRow> {
    const group = await repo.trainingGroupById(tx, id, lock);
    if (!group) throw new AppError('TRAINING_GROUP_NOT_FOUND', `there is no training group ${id}`);
    return group;
  }

  /** The rename the manager must make in WeChat, on their checklist. */
  async function renameItem(tx: Db, actorUserId: number, group: TrainingGroupRow, from: string | null, to: string) {
    const item = await groupsRepo.insertChecklistItem(tx, { assigneeUserId: actorUserId, kind: 'rename_group', trainingGroupId: group.id, groupName: from ?? to, newName: to, instruction: renameInstruction(from, to), createdAt: clock.now() });
    return { setNameTo: to, checklistItemId: item!.id };
  }

  async function myCourses(tx: Db, memberId: number, courses: CourseRow[]) {
    const lessons = await repo.lessonsOf(tx, courses.map((course) => course.id));
    const done = await repo.lessonsDone(tx, memberId, lessons.map((lesson) => lesson.id));
    const completed = await repo.courseCompletionsOf(tx, memberId, courses.map((course) => course.id));
    return courses.map((course) => ({
      id: course.id,
      trainingGroupId: course.trainingGroupId,
      title: course.title,
      lessons: lessons.filter((lesson) => lesson.courseId === course.id).map((lesson) => ({ id: lesson.id, position: lesson.position, title: lesson.title, doneAt: done.get(lesson.id)?.toISOString() ?? null })),
      completedAt: completed.get(course.id)?.toISOString() ?? null,
    }));
  }

  return {
    create: (actorUserId: number, body: TrainingGroupBody) =>
      db.transaction(async (tx) => {
        const at = clock.now();
        const phaseLabels = Object.fromEntries(Object.entries(body.phaseLabels ?? {}).filter(([, label]) => label !== undefined)) as Partial<Record<TrainingPhase, string>>;
        const group = await repo.insertTrainingGroup(tx, { brand: body.brand, nameTemplate: body.nameTemplate, phaseLabels, phase: 'recruiting', wecomChatId: body.wecomChatId ?? null, createdBy: actorUserId, createdAt: at, phaseChangedAt: at });
        const name = displayName(group, 'recruiting');
        await recordAudit(tx, { actorUserId, action: 'training_group.created', subjectType: 'training_group', subjectId: group.id, data: { displayName: name }, at });
        return { ...(await view(tx, group)), wechat: await renameItem(tx, actorUserId, group, null, name) };
      }),

    async list() {
      const rows = await repo.trainingGroupsPage(db);
      const counts = await repo.enrolledCounts(db, rows.map((row) => row.id));
      return Promise.all(rows.map(async (row) => ({ ...(await view(db, row)), enrolled: counts.get(row.id) ?? 0 })));
    },

    /** Moves a training group one phase on; answers the name to set in WeChat. */
    changePhase: (actorUserId: number, id: number, phase: TrainingPhase) =>
      db.transaction(async (tx) => {
        const group = await existing(tx, id, true);
        const expected = nextPhase(group.phase);
        if (phase !== expected) {
          throw new AppError('TRAINING_PHASE_INVALID', expected ? `a group ${group.phase} moves on to ${expected}, not ${phase}` : `the group is finished`, undefined, { phase: group.phase, next: expected ?? null });
        }
        const from = displayName(group, group.phase);
        const updated = await repo.updateTrainingGroup(tx, id, { phase, phaseChangedAt: clock.now() });
        const to = displayName(updated, phase);
        await recordAudit(tx, { actorUserId, action: 'training_group.phase_changed', subjectType: 'training_group', subjectId: id, data: { from: group.phase, to: phase, displayName: to }, at: clock.now() });
        return { ...(await view(tx, updated)), wechat: await renameItem(tx, actorUserId, updated, from, to) };
      }),

    enroll: (actorUserId: number, id: number, memberId: number) =>
      db.transaction(async (tx) => {
        const group = await existing(tx, id);
        if (!ENROLLING_PHASES.includes(group.phase)) throw new AppError('TRAINING_PHASE_INVALID', `the group is ${group.phase}: no more enrolments`);
        const profile = await deps.members.sellerProfile(memberId, tx);
        if (!profile) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${memberId}`);
        if (!isDistributing(profile.status)) throw new AppError('MEMBER_NOT_ACTIVE', `member ${memberId} is ${profile.status}`);
        const row = await repo.enroll(tx, { trainingGroupId: id, memberId, enrolledBy: actorUserId, enrolledAt: clock.now() });
        return { trainingGroupId: row.trainingGroupId, memberId: row.memberId, enrolledAt: row.enrolledAt.toISOString() };
      }),

    addCourse: (id: number, body: { title: string; lessons: { title: string }[] }) =>
      db.transaction(async (tx) => {
        const group = await existing(tx, id);
        if (group.phase === 'finished') throw new AppError('TRAINING_PHASE_INVALID', 'the group is finished');
        const { course, lessons } = await repo.insertCourse(tx, { trainingGroupId: id, title: body.title, createdAt: clock.now() }, body.lessons.map((lesson) => lesson.title));
        return courseView(course, lessons);
      }),

    async progress(courseId: number) {
      const course = await repo.courseById(db, courseId);
      if (!course) throw new AppError('COURSE_NOT_FOUND', `there is no course ${courseId}`);
      const rows = await repo.courseProgress(db, course);
      const users = await deps.identity.usersByIds(rows.map((row) => Number(row.user_id)));
      return {
        course: courseView(course, await repo.lessonsOf(db, [course.id])),
        items: rows.map((row) => ({
          memberId: Number(row.member_id),
          nickname: users.get(Number(row.user_id))?.nickname ?? '',
          lessonsDone: Number(row.lessons_done),
          completedAt: row.completed_at === null ? null : new Date(row.completed_at).toISOString(),
        })),
      };
    },

    /** My training groups and, per course, which lessons I have done. */
    async mine(memberId: number) {
      const enrollments = await repo.enrollmentsOfMember(db, memberId);
      const groups = (await Promise.all(enrollments.map((e) => repo.trainingGroupById(db, e.trainingGroupId)))).filter((g): g is TrainingGroupRow => g !== undefined);
      const courses = await repo.coursesOfGroups(db, groups.map((group) => group.id));
      const mine = await myCourses(db, memberId, courses);
      return {
        items: groups.map((group) => ({
          trainingGroup: { id: group.id, displayName: displayName(group, group.phase), phase: group.phase },
          courses: mine.filter((course) => course.trainingGroupId === group.id),
        })),
      };
    },

    /** A member marks a lesson done; the last lesson of a course finishes it and publishes course.completed once. */
    completeLesson: (memberId: number, courseId: number, lessonId: number) =>
      db.transaction(async (tx) => {
        const course = await repo.courseById(tx, courseId);
        if (!course) throw new AppError('COURSE_NOT_FOUND', `there is no course ${courseId}`);
        const lessons = await repo.lessonsOf(tx, [courseId]);
        if (!lessons.some((lesson) => lesson.id === lessonId)) throw new AppError('LESSON_NOT_FOUND', `course ${courseId} has no lesson ${lessonId}`);
        if (!(await repo.isEnrolled(tx, course.trainingGroupId, memberId))) throw new AppError('NOT_ENROLLED', 'you are not enrolled in this course’s training group');
        const group = await existing(tx, course.trainingGroupId);
        if (!LEARNING_PHASES.includes(group.phase)) throw new AppError('TRAINING_PHASE_INVALID', `the training group is ${group.phase}: lessons are open while training, in session and closing`);
        const at = clock.now();
        await repo.completeLesson(tx, lessonId, memberId, at);
        const done = await repo.lessonsDone(tx, memberId, lessons.map((lesson) => lesson.id));
        if (done.size === lessons.length && (await repo.completeCourse(tx, courseId, memberId, at))) {
          await publish(tx, clock, { type: 'course.completed', memberId, payload: { courseId, trainingGroupId: course.trainingGroupId } });
          await recordAudit(tx, { actorUserId: null, action: 'course.completed', subjectType: 'member', subjectId: memberId, data: { courseId, trainingGroupId: course.trainingGroupId }, at });
        }
        const [mine] = await myCourses(tx, memberId, [course]);
        return mine;
      }),
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;

