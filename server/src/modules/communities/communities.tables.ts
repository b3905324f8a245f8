import { integer, jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import type { GroupAdminScope, GroupKind, RevokeCause, TrainingPhase } from '@sharecircle/shared';
import { at, id, ref } from '../../db/columns';

export type SizeSource = 'member' | 'wecom';

export const communityGroups = pgTable('community_groups', {
  id: id(),
  kind: text('kind').$type<GroupKind>().notNull(),
  name: text('name').notNull(),
  ownerMemberId: ref('owner_member_id'),
  referralCode: text('referral_code'),
  joinCode: text('join_code').notNull().unique(),
  wecomChatId: text('wecom_chat_id').unique(),
  size: integer('size').notNull(),
  sizeSource: text('size_source').$type<SizeSource>(),
  sizeReportedAt: at('size_reported_at'),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull(),
});

export const groupSizeReports = pgTable('group_size_reports', {
  id: id(),
  groupId: ref('group_id').notNull(),
  size: integer('size').notNull(),
  source: text('source').$type<SizeSource>().notNull(),
  reportedBy: ref('reported_by'),
  reportedAt: at('reported_at').notNull(),
});

export const groupJoins = pgTable('group_joins', {
  groupId: ref('group_id').notNull(),
  userId: ref('user_id').notNull(),
  joinedAt: at('joined_at').notNull(),
  boundMemberId: ref('bound_member_id'),
});

export const groupAdminRights = pgTable('group_admin_rights', {
  id: id(),
  groupId: ref('group_id').notNull(),
  memberId: ref('member_id').notNull(),
  referralCode: text('referral_code').notNull(),
  scope: text('scope').$type<GroupAdminScope>().notNull(),
  requiredLevel: smallint('required_level').notNull(),
  grantedBy: ref('granted_by').notNull(),
  grantedAt: at('granted_at').notNull(),
  expiresAt: at('expires_at'),
  revokedAt: at('revoked_at'),
  revokedBy: ref('revoked_by'),
  revokeCause: text('revoke_cause').$type<RevokeCause>(),
  revokeReason: text('revoke_reason'),
});

export type ChecklistKind = 'add_admin' | 'remove_admin' | 'rename_group';

export const wechatChecklist = pgTable('wechat_checklist', {
  id: id(),
  assigneeUserId: ref('assignee_user_id').notNull(),
  kind: text('kind').$type<ChecklistKind>().notNull(),
  groupId: ref('group_id'),
  trainingGroupId: ref('training_group_id'),
  rightId: ref('right_id'),
  memberId: ref('member_id'),
  groupName: text('group_name').notNull(),
  newName: text('new_name'),
  instruction: text('instruction').notNull(),
  createdAt: at('created_at').notNull(),
  doneAt: at('done_at'),
  doneBy: ref('done_by'),
});

export const trainingGroups = pgTable('training_groups', {
  id: id(),
  brand: text('brand').notNull(),
  nameTemplate: text('name_template').notNull(),
  phaseLabels: jsonb('phase_labels').$type<Partial<Record<TrainingPhase, string>>>().notNull(),
  phase: text('phase').$type<TrainingPhase>().notNull(),
  wecomChatId: text('wecom_chat_id'),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull(),
  phaseChangedAt: at('phase_changed_at').notNull(),
});

export const trainingEnrollments = pgTable('training_enrollments', {
  trainingGroupId: ref('training_group_id').notNull(),
  memberId: ref('member_id').notNull(),
  enrolledBy: ref('enrolled_by'),
  enrolledAt: at('enrolled_at').notNull(),
});

export const courses = pgTable('courses', {
  id: id(),
  trainingGroupId: ref('training_group_id').notNull(),
  title: text('title').notNull(),
  createdAt: at('created_at').notNull(),
});

export const courseLessons = pgTable('course_lessons', {
  id: id(),
  courseId: ref('course_id').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
});

export const lessonCompletions = pgTable('lesson_completions', {
  lessonId: ref('lesson_id').notNull(),
  memberId: ref('member_id').notNull(),
  completedAt: at('completed_at').notNull(),
});

export const courseCompletions = pgTable('course_completions', {
  courseId: ref('course_id').notNull(),
  memberId: ref('member_id').notNull(),
  completedAt: at('completed_at').notNull(),
});

export type GroupRow = typeof communityGroups.$inferSelect;
export type RightRow = typeof groupAdminRights.$inferSelect;
export type ChecklistRow = typeof wechatChecklist.$inferSelect;
export type TrainingGroupRow = typeof trainingGroups.$inferSelect;
export type CourseRow = typeof courses.$inferSelect;
export type LessonRow = typeof courseLessons.$inferSelect;
