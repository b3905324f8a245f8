import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { isUniqueViolation } from '../../db/errors';
import { recordAudit } from '../audit';
import { regions, stores } from './org.tables';

export type Store = typeof stores.$inferSelect;
export type Region = typeof regions.$inferSelect;

export interface OrgService {
  createRegion(actorUserId: number, input: { name: string }): Promise<Region>;
  listRegions(): Promise<Region[]>;
  createStore(actorUserId: number, input: { name: string; regionId: number; address?: string }): Promise<Store>;
  listStores(filter: { regionId?: number }): Promise<Store[]>;
  /** Throws STORE_NOT_FOUND. */
  getStore(storeId: number, db?: Db): Promise<Store>;
}

/** Regions and stores: the KOS organisation that clerks and store managers belong to. */
export function createOrgService(deps: { db: Db; clock: Clock }): OrgService {
  const getStore = async (storeId: number, db: Db = deps.db) => {
    const [store] = await db.select().from(stores).where(eq(stores.id, storeId));
    if (!store) throw new AppError('STORE_NOT_FOUND', `there is no store ${storeId}`);
    return store;
  };
  return {
    createRegion: (actorUserId, input) =>
      deps.db.transaction(async (tx) => {
        const at = deps.clock.now();
        const [region] = await tx
          .insert(regions)
          .values({ name: input.name, createdAt: at })
          .returning()
          .catch(conflictAs(`a region named ${input.name} exists`));
        await recordAudit(tx, { actorUserId, action: 'region.created', subjectType: 'region', subjectId: region.id, data: input, at });
        return region;
      }),
    listRegions: () => deps.db.select().from(regions).orderBy(asc(regions.id)),
    createStore: (actorUserId, input) =>
      deps.db.transaction(async (tx) => {
        const [region] = await tx.select().from(regions).where(eq(regions.id, input.regionId));
        if (!region) throw new AppError('REGION_NOT_FOUND', `there is no region ${input.regionId}`);
        const at = deps.clock.now();
        const [store] = await tx
          .insert(stores)
          .values({ ...input, address: input.address ?? null, createdAt: at })
          .returning()
          .catch(conflictAs(`region ${input.regionId} already has a store named ${input.name}`));
        await recordAudit(tx, { actorUserId, action: 'store.created', subjectType: 'store', subjectId: store.id, data: input, at });
        return store;
      }),
    listStores: (filter) =>
      deps.db
        .select()
        .from(stores)
        .where(filter.regionId ? eq(stores.regionId, filter.regionId) : undefined)
        .orderBy(asc(stores.id)),
    getStore,
  };
}

function conflictAs(message: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', message);
    throw error;
  };
}
