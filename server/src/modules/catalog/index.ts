export { createCatalogService, type CatalogService, type Category, type PricedSku, type Product, type Sku } from './catalog.service';
export { catalogRoutes } from './catalog.routes';
