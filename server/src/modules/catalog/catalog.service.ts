import {
  skuCommissionIssues,
  type Catalog,
  type CategoryBody,
  type CategoryPatch,
  type ProductBody,
  type ProductPatch,
  type SkuBody,
  type SkuPatch,
} from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { isUniqueViolation } from '../../db/errors';
import { recordAudit } from '../audit';
import * as repo from './catalog.repository';
import type { Category, PricedSku, Product, Sku } from './catalog.repository';

export type { Category, PricedSku, Product, Sku } from './catalog.repository';

export interface CatalogService {
  createCategory(actorUserId: number, input: CategoryBody): Promise<Category>;
  listCategories(): Promise<Category[]>;
  /** Throws CATEGORY_NOT_FOUND; a taken name is CONFLICT. */
  updateCategory(actorUserId: number, categoryId: number, patch: CategoryPatch): Promise<Category>;
  /** Creates the product with its SKUs. Throws CATEGORY_NOT_FOUND, SKU_CODE_TAKEN. */
  createProduct(actorUserId: number, input: ProductBody): Promise<Product>;
  /** Throws PRODUCT_NOT_FOUND, CATEGORY_NOT_FOUND. */
  updateProduct(actorUserId: number, productId: number, patch: ProductPatch): Promise<Product>;
  /** Every product, active or not, with all its SKUs (HQ's view). */
  listProducts(filter: { categoryId?: number }): Promise<Product[]>;
  /** Throws PRODUCT_NOT_FOUND, SKU_CODE_TAKEN. */
  addSku(actorUserId: number, productId: number, input: SkuBody): Promise<Sku>;
  /** Throws SKU_NOT_FOUND; VALIDATION_FAILED when the overrides after the patch break a rule. */
  updateSku(actorUserId: number, skuId: number, patch: SkuPatch): Promise<Sku>;
  /** What buyers and members see: sellable products and SKUs with prices, by category. */
  catalog(filter: { categoryId?: number }): Promise<Catalog>;
  /** One query; unknown codes are simply absent. Inactive SKUs are included (see `active`). */
  skusByCode(codes: string[], db?: Db): Promise<Map<string, PricedSku>>;
  /** One query; unknown ids are simply absent. Inactive SKUs are included (see `active`). */
  skusById(ids: number[], db?: Db): Promise<Map<number, PricedSku>>;
  /** skusByCode for an order: throws SKU_NOT_FOUND for an unknown code, SKU_INACTIVE for one not on sale. */
  requireSellableSkus(codes: string[], db?: Db): Promise<Map<string, PricedSku>>;
}

/** Categories, products and SKUs: what can be sold, at what price, with which commission overrides. */
export function createCatalogService(deps: { db: Db; clock: Clock }): CatalogService {
  const requireCategory = async (db: Db, categoryId: number, lock = false) => {
    const category = await repo.categoryById(db, categoryId, lock);
    if (!category) throw new AppError('CATEGORY_NOT_FOUND', `there is no category ${categoryId}`);
    return category;
  };
  const loadProduct = async (db: Db, productId: number) => {
    const [product] = await repo.listProducts(db, { productId });
    if (!product) throw new AppError('PRODUCT_NOT_FOUND', `there is no product ${productId}`);
    return product;
  };
  const lockProduct = async (db: Db, productId: number) => {
    const product = await repo.productRowById(db, productId, true);
    if (!product) throw new AppError('PRODUCT_NOT_FOUND', `there is no product ${productId}`);
    return product;
  };
  const insertSkus = async (db: Db, productId: number, inputs: SkuBody[], at: Date) => {
    const taken = await repo.pricedSkus(db, { codes: inputs.map((sku) => sku.code) });
    if (taken.length > 0) throw skuCodeTaken(taken.map((sku) => sku.skuCode));
    const rows = inputs.map((sku) => ({
      productId,
      code: sku.code,
      name: sku.name,
      priceFen: sku.priceFen,
      active: true,
      ...repo.skuCommissionColumns(sku.commission),
      createdAt: at,
      updatedAt: at,
    }));
    // The check above answers the usual case by name; the unique constraint settles a race.
    return repo.insertSkus(db, rows).catch((error: unknown): never => {
      throw isUniqueViolation(error) ? skuCodeTaken(inputs.map((sku) => sku.code)) : error;
    });
  };
  const skusByCode = async (codes: string[], db: Db = deps.db) => {
    if (codes.length === 0) return new Map<string, PricedSku>();
    const rows = await repo.pricedSkus(db, { codes: [...new Set(codes)] });
    return new Map(rows.map((sku) => [sku.skuCode, sku]));
  };

  return {
    createCategory: (actorUserId, input) =>
      deps.db.transaction(async (tx) => {
        const at = deps.clock.now();
        const category = await repo
          .insertCategory(tx, { name: input.name, ...repo.categoryCommissionColumns(input.commission), createdAt: at })
          .catch(conflictAs(`a category named ${input.name} exists`));
        await recordAudit(tx, { actorUserId, action: 'category.created', subjectType: 'category', subjectId: category.id, data: input, at });
        return category;
      }),
    listCategories: () => repo.listCategories(deps.db),
    updateCategory: (actorUserId, categoryId, patch) =>
      deps.db.transaction(async (tx) => {
        const before = await requireCategory(tx, categoryId, true);
        const set = { name: patch.name, ...repo.categoryCommissionColumns(patch.commission) };
        if (Object.values(set).every((value) => value === undefined)) return before;
        const category = await repo.updateCategory(tx, categoryId, set).catch(conflictAs(`a category named ${patch.name} exists`));
        const at = deps.clock.now();
        await recordAudit(tx, { actorUserId, action: 'category.updated', subjectType: 'category', subjectId: categoryId, data: { patch, before }, at });
        return category;
      }),
    createProduct: (actorUserId, input) =>
      deps.db.transaction(async (tx) => {
        await requireCategory(tx, input.categoryId);
        const at = deps.clock.now();
        const product = await repo.insertProduct(tx, {
          categoryId: input.categoryId,
          name: input.name,
          description: input.description ?? null,
          hot: input.hot ?? false,
          active: true,
          createdAt: at,
          updatedAt: at,
        });
        await insertSkus(tx, product.id, input.skus, at);
        await recordAudit(tx, { actorUserId, action: 'product.created', subjectType: 'product', subjectId: product.id, data: input, at });
        return loadProduct(tx, product.id);
      }),
    updateProduct: (actorUserId, productId, patch) =>
      deps.db.transaction(async (tx) => {
        const before = await lockProduct(tx, productId);
        if (patch.categoryId !== undefined) await requireCategory(tx, patch.categoryId);
        const at = deps.clock.now();
        await repo.updateProduct(tx, productId, { ...patch, updatedAt: at });
        await recordAudit(tx, { actorUserId, action: 'product.updated', subjectType: 'product', subjectId: productId, data: { patch, before }, at });
        return loadProduct(tx, productId);
      }),
    listProducts: (filter) => repo.listProducts(deps.db, filter),
    addSku: (actorUserId, productId, input) =>
      deps.db.transaction(async (tx) => {
        await lockProduct(tx, productId);
        const at = deps.clock.now();
        const [sku] = await insertSkus(tx, productId, [input], at);
        await recordAudit(tx, { actorUserId, action: 'sku.created', subjectType: 'sku', subjectId: sku.id, data: { productId, ...input }, at });
        return sku;
      }),
    updateSku: (actorUserId, skuId, patch) =>
      deps.db.transaction(async (tx) => {
        const before = await repo.skuById(tx, skuId, true);
        if (!before) throw new AppError('SKU_NOT_FOUND', `there is no SKU ${skuId}`);
        const changes = repo.skuCommissionColumns(patch.commission);
        const commission = { ...before.commission, ...definedOnly(patch.commission ?? {}) };
        // A patch may be fine alone and still clash with what is kept (a rate beside a kept fixed amount).
        const issues = skuCommissionIssues(commission, patch.priceFen ?? before.priceFen);
        if (issues.length > 0) {
          const details = issues.map((issue) => ({ path: ['body', 'commission', ...issue.path].join('.'), issue: issue.message }));
          throw new AppError('VALIDATION_FAILED', `the SKU's commission after this change is invalid: ${details.map((d) => d.issue).join('; ')}`, details);
        }
        const at = deps.clock.now();
        const sku = await repo.updateSku(tx, skuId, { name: patch.name, priceFen: patch.priceFen, active: patch.active, ...changes, updatedAt: at });
        await recordAudit(tx, { actorUserId, action: 'sku.updated', subjectType: 'sku', subjectId: skuId, data: { patch, before }, at });
        return sku;
      }),
    catalog: async (filter) => {
      const products = await repo.listProducts(deps.db, { categoryId: filter.categoryId, sellableOnly: true });
      const categories: Catalog['categories'] = [];
      for (const product of products) {
        if (categories.at(-1)?.id !== product.categoryId) categories.push({ id: product.categoryId, name: product.categoryName, products: [] });
        categories.at(-1)!.products.push({
          id: product.id,
          name: product.name,
          description: product.description,
          hot: product.hot,
          skus: product.skus.map((sku) => ({ id: sku.id, code: sku.code, name: sku.name, priceFen: sku.priceFen })),
        });
      }
      return { categories };
    },
    skusByCode,
    skusById: async (ids, db = deps.db) => {
      if (ids.length === 0) return new Map<number, PricedSku>();
      const rows = await repo.pricedSkus(db, { ids: [...new Set(ids)] });
      return new Map(rows.map((sku) => [sku.skuId, sku]));
    },
    requireSellableSkus: async (codes, db = deps.db) => {
      const found = await skusByCode(codes, db);
      for (const code of codes) {
        const sku = found.get(code);
        if (!sku) throw new AppError('SKU_NOT_FOUND', `there is no SKU ${code}`);
        if (!sku.active) throw new AppError('SKU_INACTIVE', `SKU ${code} is not on sale`);
      }
      return found;
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function skuCodeTaken(codes: string[]): AppError {
  return new AppError('SKU_CODE_TAKEN', `SKU code already in use: ${codes.join(', ')}`);
}

function conflictAs(message: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', message);
    throw error;
  };
}
