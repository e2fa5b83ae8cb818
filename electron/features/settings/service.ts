import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/features/settings/schemas';
import type { ServiceContext } from '../../app/context';
import { claimVersion, inWriteTransaction, savedBy } from '../../store/versions';

export const SETTINGS_KEY = 'association';

/** Stored as one JSON document: settings change together and are read together. */
export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  const { version: _version, ...settings } = await getSettingsRecord(ctx);
  return settings;
}

/** The settings with their version: 0 while they were never saved. */
export async function getSettingsRecord(ctx: ServiceContext): Promise<Settings & { version: number }> {
  const row = await ctx.db.selectFrom('settings').select(['value', 'version']).where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS, version: 0 };
  // Missing keys (added by a later version) fall back to their defaults.
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...JSON.parse(row.value) });
  return { ...(parsed.success ? parsed.data : DEFAULT_SETTINGS), version: row.version };
}

/** `version` is the one the form read (0: never saved); another save since is not overwritten. */
export async function updateSettings(ctx: ServiceContext, values: Settings, version?: number): Promise<Settings & { version: number }> {
  const value = JSON.stringify(values);
  return inWriteTransaction(ctx, async (tctx) => {
    const exists = await tctx.db.selectFrom('settings').select('key').where('key', '=', SETTINGS_KEY).executeTakeFirst();
    if (exists) {
      await claimVersion(tctx, 'settings', SETTINGS_KEY, version);
      await tctx.db.updateTable('settings').set({ value }).where('key', '=', SETTINGS_KEY).execute();
    } else {
      // Never saved: the first save is version 1 (a second first save loses the race on the key and is retried as an update).
      await tctx.db
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value, updated_at: ctx.now().toISOString(), updated_by: savedBy(ctx.runtime) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    return getSettingsRecord(tctx);
  });
}
