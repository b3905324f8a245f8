import { jsonb, pgTable, smallint } from 'drizzle-orm/pg-core';
import { at } from '../../db/columns';

export const brandSettings = pgTable('brand_settings', {
  id: smallint('id').primaryKey(),
  doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
  updatedAt: at('updated_at').notNull(),
});
