import { eq } from 'drizzle-orm';
import { settingsSchema, type Settings, type SettingsPatch } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { recordAudit } from '../audit';
import { brandSettings } from './settings.tables';

const ROW_ID = 1;

export interface SettingsService {
  get(db?: Db): Promise<Settings>;
  patch(actorUserId: number, patch: SettingsPatch): Promise<Settings>;
}

/** The brand's settings document (one row, made by the first migration); defaults fill anything never set, so a new setting needs no migration. */
export function createSettingsService(deps: { db: Db; clock: Clock }): SettingsService {
  const read = async (db: Db, forUpdate = false) => {
    const query = db.select().from(brandSettings).where(eq(brandSettings.id, ROW_ID));
    const [row] = forUpdate ? await query.for('update') : await query;
    return settingsSchema.parse(row.doc);
  };
  return {
    get: (db = deps.db) => read(db),
    patch: (actorUserId, patch) =>
      deps.db.transaction(async (tx) => {
        // The row lock keeps two concurrent patches from losing each other's fields.
        const current = await read(tx, true);
        const next = settingsSchema.parse(mergeSections(current, patch));
        const at = deps.clock.now();
        await tx.update(brandSettings).set({ doc: next, updatedAt: at }).where(eq(brandSettings.id, ROW_ID));
        await recordAudit(tx, { actorUserId, action: 'settings.changed', subjectType: 'settings', subjectId: ROW_ID, data: { patch }, at });
        return next;
      }),
  };
}

function mergeSections(current: Settings, patch: SettingsPatch): Settings {
  const merged: Record<string, unknown> = { ...current };
  for (const [section, fields] of Object.entries(patch)) {
    if (fields) merged[section] = { ...(current as Record<string, object>)[section], ...fields };
  }
  return merged as Settings;
}
