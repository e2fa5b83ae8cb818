import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { exportArchive, summarizeArchive, writeArchiveFile } from '../../features/archive/export';
import { countArchivedRows, readArchiveFile, validateArchive, writeArchive } from '../../features/archive/import';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations/index';
import { backupBeforeReplacing } from '../backup';
import { defineCommand } from '../command';
import { formatBytes, formatInteger, tableLabel } from '../format';
import { isSpreadsheetFile, runSpreadsheetImport, SPREADSHEET_IMPORT_OPTIONS } from './data';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'cli.export.summary',
  description: 'cli.export.description',
  arguments: [{ name: 'FICHIER.json', description: 'cli.export.file' }],
  examples: ['npm run cli -- export sauvegarde-2026-03-12.json', 'npm run cli -- export /tmp/archive.json --db /tmp/demo.sqlite'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const file = path.resolve(ctx.args[0]!);
    await ctx.withStore(async (store) => {
      const archive = await exportArchive(store.db, { schemaVersion: store.schemaVersion, now: ctx.now });
      const { bytes } = writeArchiveFile(file, archive);
      const { totalRows } = summarizeArchive(archive);
      ctx.out(ctx.t('cli.export.done', { file, rows: formatInteger(totalRows), size: formatBytes(bytes) }));
    });
  },
});

export const importCommand = defineCommand({
  name: 'import',
  summary: 'cli.import.summary',
  description: 'cli.import.description',
  arguments: [{ name: 'FICHIER.json', description: 'cli.import.file' }],
  options: { replace: { type: 'boolean', description: 'cli.import.replace' }, ...SPREADSHEET_IMPORT_OPTIONS },
  examples: ['npm run cli -- import sauvegarde.json --db /tmp/restauration.sqlite', 'npm run cli -- import sauvegarde.json --replace', 'npm run cli -- import adherents.csv --type organisations --dry-run'],
  async run(ctx) {
    const file = path.resolve(ctx.args[0]!);
    if (isSpreadsheetFile(file)) return runSpreadsheetImport(ctx);
    // Read and check the whole archive before the database is even opened: a bad file creates nothing.
    const archive = validateArchive(readArchiveFile(file), LATEST_SCHEMA_VERSION);
    const replace = ctx.options.replace === true;
    await ctx.withStore(async (store) => {
      const load = async () => {
        if (replace && (await countArchivedRows(store.db)) > 0) {
          ctx.out(ctx.t('cli.backup.done', { file: await backupBeforeReplacing(store, 'import', ctx.now()) }));
        }
        return writeArchive(store.db, archive, { replace, now: ctx.now, runtime: 'cli' }).catch((error: unknown) => {
          // Same refusal, with the option that lifts it on this command line.
          if (error instanceof AppError && error.key === 'error.archive.notEmpty') {
            throw new AppError('ARCHIVE_INVALID', 'cli.import.notEmpty', { file: ctx.dbPath, count: formatInteger(Number(error.params?.count)) });
          }
          throw error;
        });
      };
      // Replacing everything is refused while another process (web mode, the app) has the base open.
      const summary = replace ? await store.exclusive('replace', load) : await load();
      const detail = summary.tables
        .filter((t) => t.rows > 0)
        .map((t) => `${tableLabel(ctx.language, t.name)} : ${formatInteger(t.rows)}`)
        .join(', ');
      ctx.out(ctx.t('cli.import.done', { file: ctx.dbPath, rows: formatInteger(summary.totalRows), detail }));
      if (summary.erasuresReapplied > 0) ctx.out(ctx.t('data.erase.reapplied', { count: summary.erasuresReapplied }));
    });
  },
});
