import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { createCatalog } from '../factories/catalog';
import { joinKoc } from '../factories/people';

let t: TestApp;
let admin: UserClient;
beforeAll(async () => {
  t = await startTestApp();
});
// Tests move the clock, which ages access tokens: sign in afresh each time.
beforeEach(async () => {
  admin = await t.admin();
});
afterAll(() => t.close());

interface CatalogReply {
  categories: { id: number; name: string; products: { id: number; name: string; hot: boolean; skus: { code: string; priceFen: number }[] }[] }[];
}
const codesOn = (reply: CatalogReply) => reply.categories.flatMap((c) => c.products.flatMap((p) => p.skus.map((s) => s.code)));

async function category(name: string, commission?: object) {
  return (await admin.post('/admin/categories', { name, commission }).expect(201)).body as { id: number; name: string };
}

describe('HQ manages the catalog', () => {
  it('creates a product with its SKUs and lists it, inactive ones included, with overrides', async () => {
    const gifts = await category('礼盒', { l1RateBp: 1500 });
    expect(gifts).toMatchObject({ name: '礼盒', commission: { l1RateBp: 1500, l2RateBp: null } });
    const created = await admin
      .post('/admin/products', {
        categoryId: gifts.id,
        name: '龙井礼盒',
        description: '明前龙井 500 克',
        hot: true,
        skus: [{ code: 'TEA-GIFT-500G', name: '500 克', priceFen: 128_800, commission: { l1FixedFen: 15_000, l2RateBp: 300 } }],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      categoryId: gifts.id,
      categoryName: '礼盒',
      name: '龙井礼盒',
      hot: true,
      active: true,
      skus: [{ code: 'TEA-GIFT-500G', priceFen: 128_800, active: true, commission: { l1RateBp: null, l2RateBp: 300, l1FixedFen: 15_000, l2FixedFen: null } }],
    });
    expect(created.body.createdAt).toBe(t.clock.now().toISOString());

    await admin.patch(`/admin/products/${created.body.id}`, { active: false }).expect(200);
    const listed = await admin.get('/admin/products', { categoryId: gifts.id }).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, active: false })]);
    const categories = await admin.get('/admin/categories').expect(200);
    expect(categories.body.items).toContainEqual(expect.objectContaining({ id: gifts.id, name: '礼盒' }));
  });

  it('updates a product, adds a SKU and reprices it; every write is in the audit log', async () => {
    const catalog = await createCatalog(t);
    const other = await category('茶具-更新');
    t.clock.advanceMs(60_000);
    const product = await admin.patch(`/admin/products/${catalog.products.teapot}`, { name: '紫砂壶 经典款', hot: true, categoryId: other.id, description: null }).expect(200);
    expect(product.body).toMatchObject({ name: '紫砂壶 经典款', hot: true, categoryId: other.id, categoryName: '茶具-更新', description: null });
    expect(product.body.updatedAt).toBe(t.clock.now().toISOString());
    expect(product.body.updatedAt).not.toBe(product.body.createdAt);

    const added = await admin.post(`/admin/products/${catalog.products.teapot}/skus`, { code: 'POT-LARGE', name: '400 毫升', priceFen: 128_000 }).expect(201);
    expect(added.body).toMatchObject({ productId: catalog.products.teapot, code: 'POT-LARGE', priceFen: 128_000, active: true });
    const repriced = await admin.patch(`/admin/skus/${added.body.id}`, { priceFen: 118_000, name: '400 毫升 特惠' }).expect(200);
    expect(repriced.body).toMatchObject({ code: 'POT-LARGE', priceFen: 118_000, name: '400 毫升 特惠' });

    const audit = await admin.get('/admin/audit-log', { subjectType: 'sku', subjectId: added.body.id }).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['sku.updated', 'sku.created']);
    expect(audit.body.items[0]).toMatchObject({ actorUserId: admin.userId, data: { patch: { priceFen: 118_000 }, before: { priceFen: 128_000 } } });
    const productAudit = await admin.get('/admin/audit-log', { subjectType: 'product', subjectId: catalog.products.teapot }).expect(200);
    expect(productAudit.body.items.map((e: { action: string }) => e.action)).toEqual(['product.updated', 'product.created']);
  });

  it('changes and clears a category’s rate override; a taken name is 409 CONFLICT', async () => {
    const teas = await category('乌龙茶', { l1RateBp: 800, l2RateBp: 200 });
    const changed = await admin.patch(`/admin/categories/${teas.id}`, { commission: { l1RateBp: null, l2RateBp: 300 } }).expect(200);
    expect(changed.body.commission).toEqual({ l1RateBp: null, l2RateBp: 300 });
    await category('红茶');
    const clash = await admin.patch(`/admin/categories/${teas.id}`, { name: '红茶' }).expect(409);
    expect(clash.body.error.code).toBe('CONFLICT');
    expect((await admin.post('/admin/categories', { name: '红茶' }).expect(409)).body.error.code).toBe('CONFLICT');
    expect((await admin.patch('/admin/categories/999999', { name: '不存在' }).expect(404)).body.error.code).toBe('CATEGORY_NOT_FOUND');
  });
});

describe('what signed-in users see', () => {
  it('lists active products and SKUs with prices by category, hot items first, no commission overrides', async () => {
    const catalog = await createCatalog(t, { categoryCommission: { l1RateBp: 1000 } });
    const user = await t.signIn('catalog-browser');
    const reply = await user.get('/products', { categoryId: catalog.categoryId }).expect(200);
    expect(reply.body.categories).toHaveLength(1);
    const [group] = reply.body.categories;
    expect(group).toMatchObject({ id: catalog.categoryId, name: expect.stringMatching(/^茶叶-/) });
    expect(group.products.map((p: { name: string; hot: boolean }) => [p.name, p.hot])).toEqual([
      ['明前龙井', true],
      ['紫砂壶', false],
    ]);
    expect(group.products[0].skus).toEqual([
      { id: catalog.skus.tea250g.id, code: catalog.skus.tea250g.code, name: '250 克', priceFen: 26_800 },
      { id: catalog.skus.tea500g.id, code: catalog.skus.tea500g.code, name: '500 克礼盒', priceFen: 49_900 },
    ]);
    expect(JSON.stringify(reply.body)).not.toContain('commission');
  });

  it('hides inactive products, inactive SKUs and products left with no SKU on sale', async () => {
    const catalog = await createCatalog(t);
    const member = await joinKoc(t, 'catalog-member');
    await admin.patch(`/admin/skus/${catalog.skus.tea500g.id}`, { active: false }).expect(200);
    let codes = codesOn((await member.client.get('/products', { categoryId: catalog.categoryId }).expect(200)).body);
    expect(codes).toEqual([catalog.skus.tea250g.code, catalog.skus.teapot.code]);

    await admin.patch(`/admin/products/${catalog.products.teapot}`, { active: false }).expect(200);
    await admin.patch(`/admin/skus/${catalog.skus.tea250g.id}`, { active: false }).expect(200);
    const reply = await member.client.get('/products', { categoryId: catalog.categoryId }).expect(200);
    expect(reply.body.categories).toEqual([]);

    const all = await admin.get('/admin/products', { categoryId: catalog.categoryId }).expect(200);
    expect(all.body.items.flatMap((p: { skus: unknown[] }) => p.skus)).toHaveLength(3);
    await admin.patch(`/admin/skus/${catalog.skus.tea250g.id}`, { active: true }).expect(200);
    codes = codesOn((await member.client.get('/products').expect(200)).body);
    expect(codes).toContain(catalog.skus.tea250g.code);
    expect(codes).not.toContain(catalog.skus.teapot.code);
  });

  it('needs a signed-in user', async () => {
    expect((await t.http.get('/api/v1/products').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('rules on prices, codes and overrides', () => {
  it('takes a price only as a positive integer number of fen', async () => {
    const teas = await category('价格测试');
    for (const priceFen of [12.5, 0, -100, '1250', null]) {
      const response = await admin
        .post('/admin/products', { categoryId: teas.id, name: '测试茶', skus: [{ code: `PRICE-${String(priceFen)}`, name: '一件', priceFen }] })
        .expect(400);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ path: 'body.skus.0.priceFen' }));
    }
    const catalog = await createCatalog(t);
    const patched = await admin.patch(`/admin/skus/${catalog.skus.teapot.id}`, { priceFen: 99.99 }).expect(400);
    expect(patched.body.error.details[0].path).toBe('body.priceFen');
    expect((await admin.get('/admin/products', { categoryId: teas.id }).expect(200)).body.items).toEqual([]);
  });

  it('refuses a SKU code already in use with 409 SKU_CODE_TAKEN and creates nothing', async () => {
    const catalog = await createCatalog(t);
    const teas = await category('重复编码');
    const response = await admin
      .post('/admin/products', {
        categoryId: teas.id,
        name: '撞码茶',
        skus: [
          { code: 'FRESH-CODE', name: '新', priceFen: 1000 },
          { code: catalog.skus.teapot.code, name: '旧', priceFen: 1000 },
        ],
      })
      .expect(409);
    expect(response.body.error.code).toBe('SKU_CODE_TAKEN');
    expect(response.body.error.message).toContain(catalog.skus.teapot.code);
    expect((await admin.get('/admin/products', { categoryId: teas.id }).expect(200)).body.items).toEqual([]);
    const added = await admin.post(`/admin/products/${catalog.products.tea}/skus`, { code: catalog.skus.tea250g.code, name: '再来', priceFen: 1000 }).expect(409);
    expect(added.body.error.code).toBe('SKU_CODE_TAKEN');
    // FRESH-CODE was rolled back with the product, so it is free.
    await admin.post(`/admin/products/${catalog.products.tea}/skus`, { code: 'FRESH-CODE', name: '新', priceFen: 1000 }).expect(201);
  });

  it('refuses the same code twice in one product body', async () => {
    const teas = await category('同体重复');
    const response = await admin
      .post('/admin/products', { categoryId: teas.id, name: '双码', skus: [{ code: 'TWIN', name: 'a', priceFen: 1 }, { code: 'TWIN', name: 'b', priceFen: 2 }] })
      .expect(400);
    expect(response.body.error.details).toContainEqual(expect.objectContaining({ path: 'body.skus.1.code' }));
  });

  it('answers 404 for an unknown category, product or SKU', async () => {
    const sku = { code: 'ORPHAN-1', name: '孤儿', priceFen: 1000 };
    expect((await admin.post('/admin/products', { categoryId: 999999, name: '无类', skus: [sku] }).expect(404)).body.error.code).toBe('CATEGORY_NOT_FOUND');
    const catalog = await createCatalog(t);
    expect((await admin.patch(`/admin/products/${catalog.products.tea}`, { categoryId: 999999 }).expect(404)).body.error.code).toBe('CATEGORY_NOT_FOUND');
    expect((await admin.patch('/admin/products/999999', { hot: true }).expect(404)).body.error.code).toBe('PRODUCT_NOT_FOUND');
    expect((await admin.post('/admin/products/999999/skus', sku).expect(404)).body.error.code).toBe('PRODUCT_NOT_FOUND');
    expect((await admin.patch('/admin/skus/999999', { active: false }).expect(404)).body.error.code).toBe('SKU_NOT_FOUND');
  });

  it('takes rates of 0..10000 bp and, per tier, a rate or a fixed amount but not both', async () => {
    const catalog = await createCatalog(t);
    const teapot = `/admin/skus/${catalog.skus.teapot.id}`;
    const tooHigh = await admin.post('/admin/categories', { name: '超额', commission: { l1RateBp: 10_001 } }).expect(400);
    expect(tooHigh.body.error.details[0].path).toBe('body.commission.l1RateBp');
    expect((await admin.patch(teapot, { commission: { l2RateBp: 10_001 } }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.patch(teapot, { commission: { l1RateBp: 12.5 } }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');

    const both = await admin
      .post(`/admin/products/${catalog.products.tea}/skus`, { code: 'BOTH-TIERS', name: 'x', priceFen: 10_000, commission: { l1RateBp: 500, l1FixedFen: 100 } })
      .expect(400);
    expect(both.body.error.details[0].path).toBe('body.commission.l1FixedFen');
    expect((await admin.patch(teapot, { commission: { l2RateBp: 500, l2FixedFen: 100 } }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    const aboveThePrice = await admin
      .post(`/admin/products/${catalog.products.tea}/skus`, { code: 'FIXED-HIGH', name: 'x', priceFen: 10_000, commission: { l1FixedFen: 10_001 } })
      .expect(400);
    expect(aboveThePrice.body.error.details[0].path).toBe('body.commission.l1FixedFen');

    // A rate beside a fixed amount the SKU keeps is refused too; clearing the fixed amount in the same patch switches tiers.
    await admin.patch(teapot, { commission: { l1FixedFen: 5_000 } }).expect(200);
    const clash = await admin.patch(teapot, { commission: { l1RateBp: 800 } }).expect(400);
    expect(clash.body.error.details[0].path).toBe('body.commission.l1FixedFen');
    expect((await admin.patch(teapot, { priceFen: 4_000 }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    const switched = await admin.patch(teapot, { commission: { l1RateBp: 800, l1FixedFen: null } }).expect(200);
    expect(switched.body.commission).toEqual({ l1RateBp: 800, l2RateBp: null, l1FixedFen: null, l2FixedFen: null });
  });
});

describe('access', () => {
  it('refuses non-admins on every admin catalog route with 403', async () => {
    const catalog = await createCatalog(t);
    const member = (await joinKoc(t, 'catalog-intruder')).client;
    const attempts = [
      member.post('/admin/categories', { name: '偷偷' }),
      member.get('/admin/categories'),
      member.patch(`/admin/categories/${catalog.categoryId}`, { name: '偷偷' }),
      member.post('/admin/products', { categoryId: catalog.categoryId, name: 'x', skus: [{ code: 'SNEAK', name: 'x', priceFen: 1 }] }),
      member.get('/admin/products'),
      member.patch(`/admin/products/${catalog.products.tea}`, { hot: false }),
      member.post(`/admin/products/${catalog.products.tea}/skus`, { code: 'SNEAK', name: 'x', priceFen: 1 }),
      member.patch(`/admin/skus/${catalog.skus.tea250g.id}`, { priceFen: 1 }),
    ];
    for (const attempt of attempts) expect((await attempt.expect(403)).body.error.code).toBe('FORBIDDEN');
    const tea = (await admin.get('/admin/products', { categoryId: catalog.categoryId }).expect(200)).body.items[0];
    expect(tea).toMatchObject({ hot: true, skus: [expect.objectContaining({ priceFen: 26_800 }), expect.anything()] });
  });
});

describe('pricing order lines for other modules', () => {
  it('answers SKUs by code and by id in one map, with sku and category overrides; unknown ones are absent', async () => {
    const catalog = await createCatalog(t, { categoryCommission: { l2RateBp: 250 } });
    await admin.patch(`/admin/skus/${catalog.skus.tea500g.id}`, { commission: { l1FixedFen: 3_000 } }).expect(200);
    await admin.patch(`/admin/products/${catalog.products.teapot}`, { active: false }).expect(200);

    const byCode = await t.services.catalog.skusByCode([catalog.skus.tea500g.code, catalog.skus.teapot.code, 'NO-SUCH-CODE']);
    expect([...byCode.keys()].sort()).toEqual([catalog.skus.tea500g.code, catalog.skus.teapot.code].sort());
    expect(byCode.get(catalog.skus.tea500g.code)).toEqual({
      skuId: catalog.skus.tea500g.id,
      skuCode: catalog.skus.tea500g.code,
      skuName: '500 克礼盒',
      productId: catalog.products.tea,
      productName: '明前龙井',
      categoryId: catalog.categoryId,
      priceFen: 49_900,
      hot: true,
      active: true,
      skuCommission: { l1RateBp: null, l2RateBp: null, l1FixedFen: 3_000, l2FixedFen: null },
      categoryCommission: { l1RateBp: null, l2RateBp: 250 },
    });
    expect(byCode.get(catalog.skus.teapot.code)?.active).toBe(false);

    const byId = await t.services.catalog.skusById([catalog.skus.tea250g.id, 999_999]);
    expect([...byId.keys()]).toEqual([catalog.skus.tea250g.id]);
    expect(await t.services.catalog.skusByCode([])).toEqual(new Map());

    await expect(t.services.catalog.requireSellableSkus([catalog.skus.teapot.code])).rejects.toMatchObject({ code: 'SKU_INACTIVE' });
    await expect(t.services.catalog.requireSellableSkus(['NO-SUCH-CODE'])).rejects.toMatchObject({ code: 'SKU_NOT_FOUND' });
    const sellable = await t.services.catalog.requireSellableSkus([catalog.skus.tea250g.code]);
    expect(sellable.get(catalog.skus.tea250g.code)?.priceFen).toBe(26_800);
  });
});
