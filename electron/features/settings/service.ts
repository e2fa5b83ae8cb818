import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/features/settings/schemas';
import type { ServiceContext } from '../../app/context';

export const SETTINGS_KEY = 'association';

/** Stored as one JSON document: settings change together and are read together. */
export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  // Missing keys (added by a later version) fall back to their defaults.
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function updateSettings(ctx: ServiceContext, values: Settings): Promise<Settings> {
  const value = JSON.stringify(values);
  await ctx.db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return getSettings(ctx);
}
