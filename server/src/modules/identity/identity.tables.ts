import { pgTable, text } from 'drizzle-orm/pg-core';
import type { StaffRole } from '@sharecircle/shared';
import { at, id, ref } from '../../db/columns';

export const users = pgTable('users', {
  id: id(),
  openid: text('openid').notNull().unique(),
  unionid: text('unionid'),
  nickname: text('nickname').notNull(),
  avatarUrl: text('avatar_url'),
  customerCode: text('customer_code').unique(),
  createdAt: at('created_at').notNull(),
});

export const staffRoles = pgTable('staff_roles', {
  id: id(),
  userId: ref('user_id').notNull(),
  role: text('role').$type<StaffRole>().notNull(),
  storeId: ref('store_id'),
  createdAt: at('created_at').notNull(),
});
