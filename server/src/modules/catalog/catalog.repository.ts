import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { CategoryCommission, SkuCommission } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { categories, products, skus, type CategoryRow, type ProductRow, type SkuRow } from './catalog.tables';

/** Queries only; every function takes the transaction it should run in and answers plain objects. */

export interface Category {
  id: number;
  name: string;
  commission: CategoryCommission;
  createdAt: Date;
}

export interface Sku {
  id: number;
  productId: number;
  code: string;
  name: string;
  priceFen: number;
  active: boolean;
  commission: SkuCommission;
  createdAt: Date;
  updatedAt: Date;
}

export interface Product {
  id: number;
  categoryId: number;
  categoryName: string;
  name: string;
  description: string | null;
  hot: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  skus: Sku[];
}

/** A SKU with everything needed to price an order line and work out its commission. */
export interface PricedSku {
  skuId: number;
  skuCode: string;
  skuName: string;
  productId: number;
  productName: string;
  categoryId: number;
  priceFen: number;
  hot: boolean;
  /** Sellable: the SKU and its product are both active. */
  active: boolean;
  skuCommission: SkuCommission;
  categoryCommission: CategoryCommission;
}

const toCategory = (row: CategoryRow): Category => ({
  id: row.id,
  name: row.name,
  commission: { l1RateBp: row.commissionL1Bp, l2RateBp: row.commissionL2Bp },
  createdAt: row.createdAt,
});

const skuCommissionOf = (row: SkuRow): SkuCommission => ({
  l1RateBp: row.commissionL1Bp,
  l2RateBp: row.commissionL2Bp,
  l1FixedFen: row.commissionL1FixedFen,
  l2FixedFen: row.commissionL2FixedFen,
});

const toSku = (row: SkuRow): Sku => ({
  id: row.id,
  productId: row.productId,
  code: row.code,
  name: row.name,
  priceFen: row.priceFen,
  active: row.active,
  commission: skuCommissionOf(row),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Only the keys present in the override, as columns (a key left out is not touched by an update). */
export function categoryCommissionColumns(commission: Partial<CategoryCommission> = {}) {
  const columns: Partial<Pick<CategoryRow, 'commissionL1Bp' | 'commissionL2Bp'>> = {};
  if (commission.l1RateBp !== undefined) columns.commissionL1Bp = commission.l1RateBp;
  if (commission.l2RateBp !== undefined) columns.commissionL2Bp = commission.l2RateBp;
  return columns;
}

export function skuCommissionColumns(commission: Partial<SkuCommission> = {}) {
  const columns: Partial<Pick<SkuRow, 'commissionL1Bp' | 'commissionL2Bp' | 'commissionL1FixedFen' | 'commissionL2FixedFen'>> = {};
  if (commission.l1RateBp !== undefined) columns.commissionL1Bp = commission.l1RateBp;
  if (commission.l2RateBp !== undefined) columns.commissionL2Bp = commission.l2RateBp;
  if (commission.l1FixedFen !== undefined) columns.commissionL1FixedFen = commission.l1FixedFen;
  if (commission.l2FixedFen !== undefined) columns.commissionL2FixedFen = commission.l2FixedFen;
  return columns;
}

export async function insertCategory(db: Db, row: typeof categories.$inferInsert): Promise<Category> {
  const [category] = await db.insert(categories).values(row).returning();
  return toCategory(category);
}

export async function categoryById(db: Db, categoryId: number, lock = false): Promise<Category | undefined> {
  const query = db.select().from(categories).where(eq(categories.id, categoryId));
  const [row] = lock ? await query.for('update') : await query;
  return row && toCategory(row);
}

export async function updateCategory(db: Db, categoryId: number, set: Partial<typeof categories.$inferInsert>): Promise<Category> {
  const [row] = await db.update(categories).set(set).where(eq(categories.id, categoryId)).returning();
  return toCategory(row);
}

export async function listCategories(db: Db): Promise<Category[]> {
  return (await db.select().from(categories).orderBy(asc(categories.id))).map(toCategory);
}

export async function insertProduct(db: Db, row: typeof products.$inferInsert): Promise<ProductRow> {
  const [product] = await db.insert(products).values(row).returning();
  return product;
}

export async function productRowById(db: Db, productId: number, lock = false): Promise<ProductRow | undefined> {
  const query = db.select().from(products).where(eq(products.id, productId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateProduct(db: Db, productId: number, set: Partial<typeof products.$inferInsert>): Promise<void> {
  await db.update(products).set(set).where(eq(products.id, productId));
}

/**
 * Products with their SKUs, by category then hot first. `sellableOnly` keeps active products and
 * their active SKUs, and drops a product left with no SKU to sell.
 */
export async function listProducts(db: Db, filter: { categoryId?: number; productId?: number; sellableOnly?: boolean }): Promise<Product[]> {
  const rows = await db
    .select({ product: products, categoryName: categories.name })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(
      and(
        filter.categoryId ? eq(products.categoryId, filter.categoryId) : undefined,
        filter.productId ? eq(products.id, filter.productId) : undefined,
        filter.sellableOnly ? eq(products.active, true) : undefined,
      ),
    )
    .orderBy(asc(products.categoryId), desc(products.hot), asc(products.id));
  if (rows.length === 0) return [];
  const skuRows = await db
    .select()
    .from(skus)
    .where(
      and(
        inArray(
          skus.productId,
          rows.map((row) => row.product.id),
        ),
        filter.sellableOnly ? eq(skus.active, true) : undefined,
      ),
    )
    .orderBy(asc(skus.id));
  const skusOf = new Map<number, Sku[]>();
  for (const row of skuRows) skusOf.set(row.productId, [...(skusOf.get(row.productId) ?? []), toSku(row)]);
  return rows
    .map(({ product, categoryName }) => ({ ...product, categoryName, skus: skusOf.get(product.id) ?? [] }))
    .filter((product) => !filter.sellableOnly || product.skus.length > 0);
}

export async function insertSkus(db: Db, rows: (typeof skus.$inferInsert)[]): Promise<Sku[]> {
  return (await db.insert(skus).values(rows).returning()).map(toSku);
}

export async function skuById(db: Db, skuId: number, lock = false): Promise<Sku | undefined> {
  const query = db.select().from(skus).where(eq(skus.id, skuId));
  const [row] = lock ? await query.for('update') : await query;
  return row && toSku(row);
}

export async function updateSku(db: Db, skuId: number, set: Partial<typeof skus.$inferInsert>): Promise<Sku> {
  const [row] = await db.update(skus).set(set).where(eq(skus.id, skuId)).returning();
  return toSku(row);
}

/** SKUs by code or id, each joined with its product and category, in one query; unknown ones are absent. */
export async function pricedSkus(db: Db, by: { codes: string[] } | { ids: number[] }): Promise<PricedSku[]> {
  const where: SQL = 'codes' in by ? inArray(skus.code, by.codes) : inArray(skus.id, by.ids);
  const rows = await db
    .select({ sku: skus, product: products, category: categories })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(where);
  return rows.map(({ sku, product, category }) => ({
    skuId: sku.id,
    skuCode: sku.code,
    skuName: sku.name,
    productId: product.id,
    productName: product.name,
    categoryId: category.id,
    priceFen: sku.priceFen,
    hot: product.hot,
    active: sku.active && product.active,
    skuCommission: skuCommissionOf(sku),
    categoryCommission: { l1RateBp: category.commissionL1Bp, l2RateBp: category.commissionL2Bp },
  }));
}
