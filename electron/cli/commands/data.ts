import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { IMPORT_TYPES, type ImportType } from '../../../shared/features/data/import-fields';
import type { ImportAnalysis } from '../../../shared/features/data/schemas';
import { formatImportIssue } from '../../../shared/features/data/messages';
import { translate, type Language } from '../../../shared/i18n/index';
import { backupAnchor, createStoreBackup, openHolder, pruneBackups, restoreArchiveBackup, restoreDatabase } from '../../features/data/backup';
import { checkDatabase } from '../../features/data/check';
import { analyzeImport, commitImport } from '../../features/data/import/service';
import { readSpreadsheetFile } from '../../features/data/sheets/read';
import { backupsDirFor } from '../../store/engine';
import { defineCommand, UsageError, type CliContext, type OptionSpec } from '../command';
import { formatBytes, formatInteger } from '../format';

export const backupCommand = defineCommand({
  name: 'backup',
  summary: 'data.cli.backup.summary',
  description: 'data.cli.backup.description',
  arguments: [{ name: 'FICHIER', description: 'data.cli.backup.file', optional: true }],
  examples: ['npm run cli -- backup', 'npm run cli -- backup /media/cle-usb/maillage-2026-03-12.sqlite'],
  requiresExistingDatabase: true,
  async run(ctx) {
    await ctx.withStore(async (store) => {
      // SQLite: a copy of the file; PostgreSQL: the archive, in the data folder's backups/ (as the app's).
      const backup = await createStoreBackup(store, 'manuel', ctx.now());
      const anchor = backupAnchor(store);
      const made = path.join(backupsDirFor(anchor), backup.name);
      let file = made;
      if (ctx.args[0]) {
        // A copy outside the backups folder (a USB key, a network share): renamed there once complete.
        file = path.resolve(ctx.args[0]);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.copyFileSync(made, `${file}.tmp`);
        fs.renameSync(`${file}.tmp`, file);
        fs.rmSync(made, { force: true });
      }
      pruneBackups(anchor);
      ctx.out(ctx.t('data.cli.backup.done', { file, size: formatBytes(backup.bytes) }));
    });
  },
});

export const restoreCommand = defineCommand({
  name: 'restore',
  summary: 'data.cli.restore.summary',
  description: 'data.cli.restore.description',
  arguments: [{ name: 'FICHIER', description: 'data.cli.restore.file' }],
  examples: ['npm run cli -- restore ~/.config/Maillage/backups/maillage-auto-2026-03-11T09-00-00.sqlite'],
  async run(ctx) {
    const candidate = path.resolve(ctx.args[0]!);
    if (!fs.existsSync(candidate)) throw new AppError('NOT_FOUND', 'data.backup.notFound', { name: candidate });
    const holder = await openHolder(ctx.dbTarget);
    try {
      // PostgreSQL: an archive backup, put back in one transaction (as import --replace).
      const result =
        holder.dialect === 'postgres'
          ? await restoreArchiveBackup(holder, candidate, { now: ctx.now(), runtime: 'cli' })
          : await restoreDatabase(holder, candidate, { now: ctx.now(), runtime: 'cli' });
      ctx.out(ctx.t('data.cli.restore.done', { file: ctx.dbPath, from: candidate, safety: result.safetyBackup, schema: result.schemaVersion }));
      if (result.erasuresReapplied > 0) ctx.out(ctx.t('data.erase.reapplied', { count: result.erasuresReapplied }));
    } finally {
      await holder.close();
    }
  },
});

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'data.cli.check.summary',
  description: 'data.cli.check.description',
  examples: ['npm run cli -- check', 'npm run cli -- check --db /tmp/copie.sqlite'],
  requiresExistingDatabase: true,
  async run(ctx) {
    await ctx.withStore(async (store) => {
      const report = await checkDatabase(store);
      if (report.ok) {
        ctx.out(ctx.t('data.cli.check.ok', { file: ctx.dbPath, checks: report.checks.length, ms: report.durationMs }));
        return;
      }
      for (const problem of report.problems) ctx.out(`- ${translate(ctx.language, problem.key, problem.params)}`);
      if (report.moreProblems > 0) ctx.out(ctx.t('data.cli.check.more', { count: report.moreProblems }));
      throw new AppError('VALIDATION', 'data.cli.check.failed', { count: report.problems.length + report.moreProblems, file: ctx.dbPath });
    });
  },
});

/** Options of `import` for spreadsheets; the archive command declares them too and hands CSV/XLSX files here. */
export const SPREADSHEET_IMPORT_OPTIONS: Record<string, OptionSpec> = {
  type: { type: 'string', description: 'data.cli.import.type', valueName: 'TYPE' },
  'dry-run': { type: 'boolean', description: 'data.cli.import.dryRun' },
  update: { type: 'boolean', description: 'data.cli.import.update' },
};

export function isSpreadsheetFile(file: string): boolean {
  return /\.(csv|tsv|txt|xlsx)$/i.test(file);
}

/** How each ambiguous cell was read: the column's rule once, then line by line (what the preview shows). */
export function readingLines(analysis: ImportAnalysis, language: Language): string[] {
  const t = (key: string, params: Record<string, string | number>) => translate(language, key, params);
  const readings = analysis.readings ?? [];
  const out: string[] = [];
  const columns = new Map<string, string>();
  for (const r of readings) if (r.rule !== 'written' && r.column && !columns.has(r.column)) columns.set(r.column, r.rule);
  for (const [column, rule] of columns) out.push(t(`data.import.reading.${rule}`, { column }));
  for (const r of readings) out.push(t('data.import.reading.line', { line: r.line, value: r.value, read: r.read }));
  const more = (analysis.readingCount ?? 0) - readings.length;
  if (more > 0) out.push(t('data.import.reading.more', { count: more }));
  return out;
}

/** `import FILE.csv|FILE.xlsx --type …`: validates every line, lists the errors, then writes all or nothing. */
export async function runSpreadsheetImport(ctx: CliContext): Promise<void> {
  const file = path.resolve(ctx.args[0]!);
  const type = ctx.options.type;
  if (typeof type !== 'string' || !(IMPORT_TYPES as readonly string[]).includes(type)) {
    throw new UsageError('data.cli.import.typeRequired', { types: IMPORT_TYPES.join('|') });
  }
  // Size checked, then read, before the database is even opened: a bad file creates nothing.
  const sheet = readSpreadsheetFile(file);
  const dryRun = ctx.options['dry-run'] === true;
  await ctx.withStore(async (store) => {
    const serviceCtx = { db: store.db, now: ctx.now, runtime: 'cli' as const };
    const analysis = await analyzeImport(serviceCtx, sheet, type as ImportType);
    const lines = analysis.issues.map((issue) => formatImportIssue(ctx.language, issue));
    if (analysis.issueCount > 0) {
      for (const line of lines) ctx.out(line);
      if (analysis.issueCount > analysis.issues.length) ctx.out(ctx.t('data.cli.check.more', { count: analysis.issueCount - analysis.issues.length }));
      throw new AppError('VALIDATION', 'data.cli.import.refused', { count: analysis.issueCount, file });
    }
    if (dryRun) for (const line of readingLines(analysis, ctx.language)) ctx.out(line);
    const choice = ctx.options.update === true ? 'update' : 'skip';
    for (const d of analysis.duplicates) {
      ctx.out(ctx.t(choice === 'update' ? 'data.cli.import.duplicateUpdated' : 'data.cli.import.duplicateSkipped', { line: d.line, label: d.existingLabel }));
    }
    const result = await commitImport(serviceCtx, sheet, { type: type as ImportType, duplicates: { default: choice }, dryRun }, path.basename(file));
    const params = {
      file: path.basename(file),
      rows: formatInteger(analysis.rowCount),
      created: formatInteger(result.created),
      updated: formatInteger(result.updated),
      skipped: formatInteger(result.skipped),
      format: sheet.format === 'csv' ? `CSV ${sheet.encoding ?? ''}, « ${sheet.separator === '\t' ? 'tab' : sheet.separator} »` : 'XLSX',
    };
    ctx.out(ctx.t(dryRun ? 'data.cli.import.dryRunDone' : 'data.cli.import.done', params));
  });
}
