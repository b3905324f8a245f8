import { z } from 'zod';
import { regionBodySchema, regionSchema, storeBodySchema, storeSchema, storesQuerySchema } from '@sharecircle/shared';
import { route } from '../../http/route';
import type { OrgService, Region, Store } from './org.service';

const regionView = (region: Region) => ({ ...region, createdAt: region.createdAt.toISOString() });
const storeView = (store: Store) => ({ ...store, createdAt: store.createdAt.toISOString() });

export function orgRoutes(org: OrgService) {
  return [
    route({
      method: 'post',
      path: '/admin/regions',
      summary: 'Create a region',
      tag: 'org',
      access: ['hq_admin'],
      body: regionBodySchema,
      response: regionSchema,
      status: 201,
      errors: ['CONFLICT'],
      handler: async ({ body, principal }) => regionView(await org.createRegion(principal!.userId, body)),
    }),
    route({
      method: 'get',
      path: '/admin/regions',
      summary: 'List regions',
      tag: 'org',
      access: ['hq_admin'],
      response: z.object({ items: z.array(regionSchema) }),
      handler: async () => ({ items: (await org.listRegions()).map(regionView) }),
    }),
    route({
      method: 'post',
      path: '/admin/stores',
      summary: 'Create a store in a region',
      tag: 'org',
      access: ['hq_admin'],
      body: storeBodySchema,
      response: storeSchema,
      status: 201,
      errors: ['REGION_NOT_FOUND', 'CONFLICT'],
      handler: async ({ body, principal }) => storeView(await org.createStore(principal!.userId, body)),
    }),
    route({
      method: 'get',
      path: '/admin/stores',
      summary: 'List stores (HQ)',
      tag: 'org',
      access: ['hq_admin'],
      query: storesQuerySchema,
      response: z.object({ items: z.array(storeSchema) }),
      handler: async ({ query }) => ({ items: (await org.listStores(query)).map(storeView) }),
    }),
    route({
      method: 'get',
      path: '/stores',
      summary: 'Stores a KOS can choose when joining',
      tag: 'org',
      access: 'user',
      query: storesQuerySchema,
      response: z.object({ items: z.array(storeSchema) }),
      handler: async ({ query }) => ({ items: (await org.listStores(query)).map(storeView) }),
    }),
  ];
}
