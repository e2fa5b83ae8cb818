import type { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { presetConfigSchema, type Preset, type presetInputSchema } from '../../../shared/features/data/schemas';
import { nowIso, type ServiceContext } from '../../app/context';
import type { DataPresetsTable } from './tables';
import type { Selectable } from 'kysely';

function toPreset(row: Selectable<DataPresetsTable>): Preset {
  let config: Preset['config'] = {};
  try {
    const parsed = presetConfigSchema.safeParse(JSON.parse(row.config));
    if (parsed.success) config = parsed.data;
  } catch {
    // An unreadable preset is shown empty; `check` reports it.
  }
  return { id: row.id, kind: row.kind as Preset['kind'], target: row.target, name: row.name, config, updatedAt: row.updated_at };
}

export async function listPresets(ctx: ServiceContext, kind: string, target: string): Promise<Preset[]> {
  const rows = await ctx.db.selectFrom('data_presets').selectAll().where('kind', '=', kind).where('target', '=', target).orderBy('name').execute();
  return rows.map(toPreset);
}

/** Saving under an existing name replaces that preset. */
export async function savePreset(ctx: ServiceContext, values: z.output<typeof presetInputSchema>): Promise<Preset> {
  const now = nowIso(ctx);
  const config = JSON.stringify(values.config);
  const row = await ctx.db
    .insertInto('data_presets')
    .values({ kind: values.kind, target: values.target, name: values.name, config, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['kind', 'target', 'name']).doUpdateSet({ config, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPreset(row);
}

export async function deletePreset(ctx: ServiceContext, id: number): Promise<{ removed: boolean }> {
  const result = await ctx.db.deleteFrom('data_presets').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'error.notFound');
  return { removed: true };
}
