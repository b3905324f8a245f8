import { pgTable, text } from 'drizzle-orm/pg-core';
import { at, id, ref } from '../../db/columns';

export const regions = pgTable('regions', {
  id: id(),
  name: text('name').notNull().unique(),
  createdAt: at('created_at').notNull(),
});

export const stores = pgTable('stores', {
  id: id(),
  regionId: ref('region_id').notNull(),
  name: text('name').notNull(),
  address: text('address'),
  createdAt: at('created_at').notNull(),
});
