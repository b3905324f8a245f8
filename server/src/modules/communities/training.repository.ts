import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database';
import {
  courseCompletions,
  courseLessons,
  courses,
  lessonCompletions,
  trainingEnrollments,
  trainingGroups,
  type CourseRow,
  type LessonRow,
  type TrainingGroupRow,
} from './communities.tables';
import { ROWS_MAX } from './communities.repository';

/** Queries only: training groups, enrolments, courses, lessons and who finished what. */

export async function trainingGroupById(db: Db, id: number, lock = false): Promise<TrainingGroupRow | undefined> {
  const query = db.select().from(trainingGroups).where(eq(trainingGroups.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertTrainingGroup(db: Db, row: typeof trainingGroups.$inferInsert): Promise<TrainingGroupRow> {
  const [inserted] = await db.insert(trainingGroups).values(row).returning();
  return inserted;
}

export async function updateTrainingGroup(db: Db, id: number, patch: Partial<TrainingGroupRow>): Promise<TrainingGroupRow> {
  const [updated] = await db.update(trainingGroups).set(patch).where(eq(trainingGroups.id, id)).returning();
  return updated;
}

export function trainingGroupsPage(db: Db): Promise<TrainingGroupRow[]> {
  return db.select().from(trainingGroups).orderBy(desc(trainingGroups.id)).limit(ROWS_MAX);
}

export async function enrolledCounts(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: trainingEnrollments.trainingGroupId, n: count() })
    .from(trainingEnrollments)
    .where(inArray(trainingEnrollments.trainingGroupId, ids))
    .groupBy(trainingEnrollments.trainingGroupId);
  return new Map(rows.map((row) => [row.id, Number(row.n)]));
}

/** Enrols once; answers the enrolment as it stands. */
export async function enroll(db: Db, row: typeof trainingEnrollments.$inferInsert) {
  await db.insert(trainingEnrollments).values(row).onConflictDoNothing();
  const [current] = await db
    .select()
    .from(trainingEnrollments)
    .where(and(eq(trainingEnrollments.trainingGroupId, row.trainingGroupId), eq(trainingEnrollments.memberId, row.memberId)));
  return current;
}

export async function isEnrolled(db: Db, trainingGroupId: number, memberId: number): Promise<boolean> {
  const [row] = await db
    .select({ memberId: trainingEnrollments.memberId })
    .from(trainingEnrollments)
    .where(and(eq(trainingEnrollments.trainingGroupId, trainingGroupId), eq(trainingEnrollments.memberId, memberId)));
  return row !== undefined;
}

export function enrollmentsOfMember(db: Db, memberId: number) {
  return db.select().from(trainingEnrollments).where(eq(trainingEnrollments.memberId, memberId)).orderBy(asc(trainingEnrollments.trainingGroupId)).limit(ROWS_MAX);
}

export function enrollmentsOfGroup(db: Db, trainingGroupId: number) {
  return db.select().from(trainingEnrollments).where(eq(trainingEnrollments.trainingGroupId, trainingGroupId)).orderBy(asc(trainingEnrollments.memberId)).limit(ROWS_MAX);
}

export async function insertCourse(db: Db, row: typeof courses.$inferInsert, lessonTitles: string[]): Promise<{ course: CourseRow; lessons: LessonRow[] }> {
  const [course] = await db.insert(courses).values(row).returning();
  const lessons = await db
    .insert(courseLessons)
    .values(lessonTitles.map((title, index) => ({ courseId: course.id, position: index + 1, title })))
    .returning();
  return { course, lessons: lessons.sort((a, b) => a.position - b.position) };
}

export async function courseById(db: Db, id: number): Promise<CourseRow | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.id, id));
  return row;
}

export function coursesOfGroups(db: Db, trainingGroupIds: number[]): Promise<CourseRow[]> {
  if (trainingGroupIds.length === 0) return Promise.resolve([]);
  return db.select().from(courses).where(inArray(courses.trainingGroupId, trainingGroupIds)).orderBy(asc(courses.id));
}

export function lessonsOf(db: Db, courseIds: number[]): Promise<LessonRow[]> {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db.select().from(courseLessons).where(inArray(courseLessons.courseId, courseIds)).orderBy(asc(courseLessons.courseId), asc(courseLessons.position));
}

/** Answers whether this completion is new. */
export async function completeLesson(db: Db, lessonId: number, memberId: number, at: Date): Promise<boolean> {
  const rows = await db.insert(lessonCompletions).values({ lessonId, memberId, completedAt: at }).onConflictDoNothing().returning({ lessonId: lessonCompletions.lessonId });
  return rows.length > 0;
}

export async function lessonsDone(db: Db, memberId: number, lessonIds: number[]): Promise<Map<number, Date>> {
  if (lessonIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.memberId, memberId), inArray(lessonCompletions.lessonId, lessonIds)));
  return new Map(rows.map((row) => [row.lessonId, row.completedAt]));
}

/** Answers whether this member's completion of the course is new: only then is course.completed published. */
export async function completeCourse(db: Db, courseId: number, memberId: number, at: Date): Promise<boolean> {
  const rows = await db.insert(courseCompletions).values({ courseId, memberId, completedAt: at }).onConflictDoNothing().returning({ courseId: courseCompletions.courseId });
  return rows.length > 0;
}

export async function courseCompletionsOf(db: Db, memberId: number, courseIds: number[]): Promise<Map<number, Date>> {
  if (courseIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.memberId, memberId), inArray(courseCompletions.courseId, courseIds)));
  return new Map(rows.map((row) => [row.courseId, row.completedAt]));
}

/** Per enrolled member of the course's training group: lessons done and when they finished. */
export function courseProgress(db: Db, course: CourseRow) {
  return queryRows<{ member_id: string; user_id: string; lessons_done: string; completed_at: string | Date | null }>(
    db,
    sql`SELECT e.member_id::text AS member_id, m.user_id::text AS user_id,
               (SELECT count(*) FROM lesson_completions lc JOIN course_lessons l ON l.id = lc.lesson_id
                 WHERE l.course_id = ${course.id} AND lc.member_id = e.member_id)::text AS lessons_done,
               cc.completed_at
          FROM training_enrollments e
          JOIN members m ON m.id = e.member_id
          LEFT JOIN course_completions cc ON cc.course_id = ${course.id} AND cc.member_id = e.member_id
         WHERE e.training_group_id = ${course.trainingGroupId}
         ORDER BY e.member_id
         LIMIT ${ROWS_MAX}`,
  );
}
