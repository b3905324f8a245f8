import type { TestApp } from '../helpers/test-app';

export interface CatalogSku {
  id: number;
  code: string;
  priceFen: number;
  productId: number;
}

export interface TestCatalog {
  categoryId: number;
  /** 龙井 (hot, two SKUs) and 紫砂壶 (one SKU). */
  products: { tea: number; teapot: number };
  skus: { tea250g: CatalogSku; tea500g: CatalogSku; teapot: CatalogSku };
  priceFenByCode: Record<string, number>;
}

let made = 0;

/**
 * A category with two products made by HQ: a hot tea with two SKUs and a teapot with one. Codes and
 * the category name carry a counter, so a test file can call this as often as it likes.
 */
export async function createCatalog(
  t: TestApp,
  options: { categoryCommission?: { l1RateBp?: number; l2RateBp?: number } } = {},
): Promise<TestCatalog> {
  made += 1;
  const admin = await t.admin();
  const category = await admin.post('/admin/categories', { name: `茶叶-${made}`, commission: options.categoryCommission }).expect(201);
  const tea = await admin
    .post('/admin/products', {
      categoryId: category.body.id,
      name: '明前龙井',
      hot: true,
      skus: [
        { code: `TEA-${made}-250G`, name: '250 克', priceFen: 26_800 },
        { code: `TEA-${made}-500G`, name: '500 克礼盒', priceFen: 49_900 },
      ],
    })
    .expect(201);
  const teapot = await admin
    .post('/admin/products', {
      categoryId: category.body.id,
      name: '紫砂壶',
      skus: [{ code: `POT-${made}`, name: '200 毫升', priceFen: 88_000 }],
    })
    .expect(201);
  const skuOf = (product: { id: number; skus: CatalogSku[] }, index: number): CatalogSku => {
    const { id, code, priceFen } = product.skus[index];
    return { id, code, priceFen, productId: product.id };
  };
  const skus = { tea250g: skuOf(tea.body, 0), tea500g: skuOf(tea.body, 1), teapot: skuOf(teapot.body, 0) };
  return {
    categoryId: category.body.id,
    products: { tea: tea.body.id, teapot: teapot.body.id },
    skus,
    priceFenByCode: Object.fromEntries(Object.values(skus).map((sku) => [sku.code, sku.priceFen])),
  };
}
