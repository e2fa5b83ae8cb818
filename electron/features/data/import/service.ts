import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../../shared/api/errors';
import { IMPORT_TYPES, type ImportField, type ImportType } from '../../../../shared/features/data/import-fields';
import { formatImportIssue } from '../../../../shared/features/data/messages';
import type { ImportAnalysis, ImportIssue, ImportResult, importCommitSchema } from '../../../../shared/features/data/schemas';
import type { ServiceContext } from '../../../app/context';
import { recordChange } from '../audit';
import type { Spreadsheet } from '../sheets/read';
import { cellText } from '../sheets/values';
import { IMPORT_KINDS, type Decided, type ImportKind, type Prepared } from './kinds';
import { mapTable, type MappedTable } from './table';

export const PREVIEW_LINES = 5;
/** The analysis returns this many issues and duplicates at most; the counts say how many in all. */
export const MAX_LISTED = 300;

type CommitOptions = Pick<z.output<typeof importCommitSchema>, 'type' | 'mapping' | 'duplicates' | 'dryRun' | 'validOnly'>;

const NOT_YET: Partial<Record<ImportType, string>> = {
  time: 'data.import.timeUnavailable',
  activities: 'data.import.activitiesUnavailable',
  indicators: 'data.import.indicatorsUnavailable',
};


async function tablesExist(ctx: ServiceContext, tables: readonly string[]): Promise<boolean> {
  const rows = await ctx.db.introspection.getTables();
  const names = new Set(rows.map((t) => t.name));
  return tables.every((t) => names.has(t));
}

export async function importTypes(ctx: ServiceContext) {
  return Promise.all(
    IMPORT_TYPES.map(async (type) => {
      const kind = IMPORT_KINDS[type];
      const available = kind !== undefined && (await tablesExist(ctx, kind.tables));
      return { type, available, reasonKey: available ? null : (NOT_YET[type] ?? 'data.import.unavailable') };
    }),
  );
}

async function kindFor(ctx: ServiceContext, type: ImportType): Promise<ImportKind<unknown>> {
  const kind = IMPORT_KINDS[type];
  if (!kind || !(await tablesExist(ctx, kind.tables))) throw new AppError('VALIDATION', NOT_YET[type] ?? 'data.import.unavailable', { type });
  return kind;
}

interface Analysed {
  table: MappedTable;
  prepared: Prepared<unknown>;
  issues: ImportIssue[];
  fields: ImportField[] | undefined;
}

async function analyse(ctx: ServiceContext, sheet: Spreadsheet, type: ImportType, mapping?: readonly (string | null)[], readings = true): Promise<Analysed> {
  const kind = await kindFor(ctx, type);
  const fields = kind.fields ? await kind.fields(ctx) : undefined;
  const table = mapTable(type, sheet.rows, mapping, fields);
  if (table.rows.length === 0) throw new AppError('VALIDATION', 'data.import.noData');
  // Without its required columns no line can be read: say that once rather than on every line.
  const prepared: Prepared<unknown> = table.issues.length > 0 ? { candidates: [], issues: [] } : await kind.prepare(ctx, table, { readings });
  const issues = [...table.issues, ...prepared.issues].sort((a, b) => a.line - b.line);
  return { table, prepared, issues, fields };
}

/** Reads, maps and validates every line without writing anything: what the mapping screen shows. */
export async function analyzeImport(ctx: ServiceContext, sheet: Spreadsheet, type: ImportType, mapping?: readonly (string | null)[]): Promise<ImportAnalysis> {
  const { table, prepared, issues, fields } = await analyse(ctx, sheet, type, mapping);
  const duplicates = prepared.candidates.flatMap((c) => (c.duplicate ? [c.duplicate] : []));
  return {
    type,
    format: sheet.format,
    encoding: sheet.encoding,
    separator: sheet.separator,
    headerLine: table.headerLine,
    headers: table.headers,
    mapping: table.mapping,
    preview: sheet.rows
      .slice(table.headerLine)
      .map((cells, i) => ({ line: table.headerLine + 1 + i, cells: table.headers.map((_, c) => cellText(cells[c])) }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''))
      .slice(0, PREVIEW_LINES),
    rowCount: table.rows.length,
    issues: issues.slice(0, MAX_LISTED),
    issueCount: issues.length,
    duplicates: duplicates.slice(0, MAX_LISTED),
    duplicateCount: duplicates.length,
    ...(prepared.readings ? { readings: prepared.readings.slice(0, MAX_LISTED), readingCount: prepared.readings.length } : {}),
    ...(fields ? { fields: fields.map((f) => ({ key: f.key, label: f.label, kind: f.kind, required: f.required })) } : {}),
  };
}

function asFieldIssues(issues: ImportIssue[]): FieldIssue[] {
  return issues.slice(0, MAX_LISTED).map((i) => ({
    path: i.column ? `Ligne ${i.line}, colonne « ${i.column} »` : `Ligne ${i.line}`,
    key: i.key,
    params: i.params,
  }));
}

/** The first issue as one French sentence, for the error's summary. */
function invalid(issues: ImportIssue[]): AppError {
  return new AppError('VALIDATION', 'data.import.invalid', { count: issues.length, first: formatImportIssue('fr', issues[0]!) }, asFieldIssues(issues));
}

class DryRun extends Error {}

/**
 * Validates every line again, then writes all of them in one transaction, or none: a line that
 * fails, a duplicate whose update would break a rule, or any error of the database rolls everything back.
 * A dry run goes through the same writes and rolls them back.
 */
export async function commitImport(ctx: ServiceContext, sheet: Spreadsheet, options: CommitOptions, fileName: string): Promise<ImportResult> {
  const kind = await kindFor(ctx, options.type);
  const { table, prepared, issues } = await analyse(ctx, sheet, options.type, options.mapping, false);
  // A problem with the columns themselves (on the title line) leaves no line readable: all or nothing then.
  const refusedLines = new Set(issues.map((i) => i.line));
  if (issues.length > 0 && (!options.validOnly || issues.some((i) => i.line <= table.headerLine))) throw invalid(issues);

  const choiceOf = (line: number) => options.duplicates.lines?.[String(line)] ?? options.duplicates.default;
  const decided: Decided<unknown>[] = prepared.candidates.filter((candidate) => !refusedLines.has(candidate.line)).map((candidate) => ({
    candidate,
    choice: candidate.duplicate ? choiceOf(candidate.line) : 'create',
  }));
  const blocked: ImportIssue[] = [];
  let skipped = 0;
  for (const d of decided) {
    if (d.choice === 'update' && d.candidate.updateIssues) blocked.push(...d.candidate.updateIssues);
    else if (d.choice === 'skip') skipped++;
  }
  if (blocked.length > 0) throw invalid(blocked);

  let counts = { created: 0, updated: 0 };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const tctx = { ...ctx, db: trx };
      counts = await kind.write(tctx, decided, table);
      await recordChange(tctx, {
        entity: 'import',
        entityId: null,
        action: 'import',
        summary: { type: options.type, file: fileName, created: counts.created, updated: counts.updated, skipped, ...(refusedLines.size ? { refused: refusedLines.size } : {}) },
      });
      if (options.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  const refused = refusedLines.size
    ? {
        headers: table.headers,
        rows: sheet.rows
          .map((cells, i) => ({ line: i + 1, cells: table.headers.map((_, c) => cellText(cells[c])) }))
          .filter((r) => refusedLines.has(r.line)),
        issues,
      }
    : undefined;
  return { type: options.type, created: counts.created, updated: counts.updated, skipped, dryRun: options.dryRun === true, ...(refused ? { refused } : {}) };
}
