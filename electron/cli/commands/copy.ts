import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { exportArchive } from '../../features/archive/export';
import { countArchivedRows, validateArchive, writeArchive } from '../../features/archive/import';
import { describeTarget, isPostgresTarget, openStore, type Store } from '../../store/engine';
import { defineCommand, UsageError } from '../command';
import { formatInteger } from '../format';

/** A file path made absolute, a URL as given. */
function targetOf(value: unknown, option: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError('pg.cli.copy.missing', { option });
  return isPostgresTarget(value) ? value : path.resolve(value);
}

/**
 * Copies every record of one base into another, across engines: the source read as one archive
 * (a consistent snapshot), checked like any archive, written into the target in one transaction.
 * The target must be empty and at the same schema version: nothing is merged, nothing half-written.
 */
export async function copyBase(from: string, to: string, now: () => Date): Promise<{ rows: number }> {
  if (!isPostgresTarget(from) && !fs.existsSync(from)) throw new UsageError('cli.error.databaseNotFound', { file: from });
  if (from === to) throw new UsageError('pg.cli.copy.same', { target: describeTarget(from) });
  let source: Store | null = null;
  let target: Store | null = null;
  try {
    source = await openStore(from);
    target = await openStore(to);
    if (target.schemaVersion !== source.schemaVersion) {
      throw new AppError('CONFLICT', 'pg.cli.copy.schemaDiffers', { from: source.schemaVersion, to: target.schemaVersion });
    }
    const existing = await countArchivedRows(target.db);
    if (existing > 0) throw new AppError('CONFLICT', 'pg.cli.copy.notEmpty', { target: describeTarget(to), count: formatInteger(existing) });
    const archive = await exportArchive(source.db, { schemaVersion: source.schemaVersion, now });
    // Round trip through JSON: the same checks and the same values as an archive file would get.
    const validated = validateArchive(JSON.parse(JSON.stringify(archive)), target.schemaVersion);
    const summary = await writeArchive(target.db, validated);
    return { rows: summary.totalRows };
  } finally {
    await source?.close();
    await target?.close();
  }
}

export const copyCommand = defineCommand({
  name: 'copy',
  summary: 'pg.cli.copy.summary',
  description: 'pg.cli.copy.description',
  options: {
    from: { type: 'string', description: 'pg.cli.copy.from', valueName: 'BASE' },
    to: { type: 'string', description: 'pg.cli.copy.to', valueName: 'BASE' },
  },
  examples: [
    'npm run cli -- copy --from ~/.config/Maillage/maillage.sqlite --to postgres://maillage@serveur:5432/reseau',
    'npm run cli -- copy --from postgres://maillage@serveur:5432/reseau --to /tmp/copie.sqlite',
  ],
  async run(ctx) {
    const from = targetOf(ctx.options.from, '--from');
    const to = targetOf(ctx.options.to, '--to');
    const { rows } = await copyBase(from, to, ctx.now);
    ctx.out(ctx.t('pg.cli.copy.done', { from: describeTarget(from), to: describeTarget(to), rows: formatInteger(rows) }));
  },
});
