import type { CatalogService } from '../modules/catalog';

/**
 * The demo brand's shelf: a dozen teas, tea wares and gift boxes, made through the catalog service
 * so they obey every rule. 礼盒 carries a category rate override; one gift-box SKU pays a fixed L1.
 */
export async function seedDemoCatalog(catalog: CatalogService, actorUserId: number): Promise<void> {
  const tea = await catalog.createCategory(actorUserId, { name: '茶叶' });
  const ware = await catalog.createCategory(actorUserId, { name: '茶具' });
  const gift = await catalog.createCategory(actorUserId, { name: '礼盒', commission: { l1RateBp: 1500, l2RateBp: 500 } });

  const products = [
    { categoryId: tea.id, name: '明前西湖龙井', description: '狮峰山核心产区，明前头采', hot: true, skus: [
      { code: 'TEA-LONGJING-100G', name: '100 克罐装', priceFen: 26_800 },
      { code: 'TEA-LONGJING-250G', name: '250 克罐装', priceFen: 62_800 },
    ] },
    { categoryId: tea.id, name: '武夷山大红袍', description: '岩茶，中火焙', skus: [
      { code: 'TEA-DAHONGPAO-125G', name: '125 克', priceFen: 19_800 },
    ] },
    { categoryId: tea.id, name: '安溪铁观音', description: '清香型', skus: [
      { code: 'TEA-TIEGUANYIN-250G', name: '250 克', priceFen: 15_800 },
    ] },
    { categoryId: tea.id, name: '云南普洱熟茶饼', description: '357 克七子饼', skus: [
      { code: 'TEA-PUER-357G', name: '357 克茶饼', priceFen: 29_900 },
    ] },
    { categoryId: tea.id, name: '福鼎白茶白牡丹', skus: [
      { code: 'TEA-BAIMUDAN-200G', name: '200 克', priceFen: 16_800 },
    ] },
    { categoryId: ware.id, name: '宜兴紫砂壶', description: '原矿紫泥，200 毫升', skus: [
      { code: 'WARE-ZISHA-200ML', name: '200 毫升', priceFen: 88_000 },
    ] },
    { categoryId: ware.id, name: '景德镇青花盖碗', skus: [
      { code: 'WARE-GAIWAN', name: '盖碗', priceFen: 12_800 },
    ] },
    { categoryId: ware.id, name: '玻璃公道杯', skus: [
      { code: 'WARE-GONGDAO', name: '300 毫升', priceFen: 3_900 },
    ] },
    { categoryId: ware.id, name: '便携旅行茶具套装', description: '一壶三杯，附收纳包', skus: [
      { code: 'WARE-TRAVEL-SET', name: '一壶三杯', priceFen: 15_900 },
    ] },
    { categoryId: gift.id, name: '龙井典藏礼盒', description: '明前龙井 500 克，送礼首选', hot: true, skus: [
      { code: 'GIFT-LONGJING-500G', name: '500 克礼盒', priceFen: 128_800, commission: { l1FixedFen: 15_000 } },
    ] },
    { categoryId: gift.id, name: '中秋茶礼', skus: [
      { code: 'GIFT-MIDAUTUMN', name: '四茶礼盒', priceFen: 59_900 },
    ] },
    { categoryId: gift.id, name: '商务茶具礼盒', description: '紫砂壶配两款名茶', skus: [
      { code: 'GIFT-BUSINESS', name: '标准装', priceFen: 168_800 },
    ] },
  ];
  for (const product of products) await catalog.createProduct(actorUserId, product);
}
