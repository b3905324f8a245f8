import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { at, fen, id, ref } from '../../db/columns';

export const categories = pgTable('categories', {
  id: id(),
  name: text('name').notNull().unique(),
  commissionL1Bp: integer('commission_l1_bp'),
  commissionL2Bp: integer('commission_l2_bp'),
  createdAt: at('created_at').notNull(),
});

export const products = pgTable('products', {
  id: id(),
  categoryId: ref('category_id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  hot: boolean('hot').notNull(),
  active: boolean('active').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export const skus = pgTable('skus', {
  id: id(),
  productId: ref('product_id').notNull(),
  code: text('code').notNull().unique('skus_code_key'),
  name: text('name').notNull(),
  priceFen: fen('price_fen').notNull(),
  active: boolean('active').notNull(),
  commissionL1Bp: integer('commission_l1_bp'),
  commissionL2Bp: integer('commission_l2_bp'),
  commissionL1FixedFen: fen('commission_l1_fixed_fen'),
  commissionL2FixedFen: fen('commission_l2_fixed_fen'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type SkuRow = typeof skus.$inferSelect;
