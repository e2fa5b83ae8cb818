import type { Kysely, Transaction } from 'kysely';
import fs from 'node:fs';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../shared/api/errors';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  archiveHeaderSchema,
  type ArchiveRow,
  type ArchiveSummary,
} from '../../../shared/features/archive/schemas';
import { keyForIssue, pathToString } from '../../../shared/validation/zod-issues';
import type { Runtime } from '../../app/context';
import { systemClock } from '../../app/clock';
import { insertEach } from '../../store/bulk';
import { deferForeignKeys, resetIdentities } from '../../store/dialect';
import type { DB } from '../../store/schema';
import { runInvariants, type Finding } from '../data/check';
import { readErasureRegister, reapplyErasures } from '../data/privacy';
import { ARCHIVED_TABLES, findArchivedTable, type ArchivedTable } from './tables';

/** Enough for millions of rows; beyond it a JavaScript string could not even hold the file. */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
/** The error list is capped; the count of the rest is reported. */
export const MAX_REPORTED_ISSUES = 50;

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

export interface ImportOptions extends WriteOptions {
  /** The schema version of the target database: a newer archive is refused. */
  schemaVersion: number;
}

export interface ValidatedArchive {
  schemaVersion: number;
  tables: { table: ArchivedTable; rows: ArchiveRow[] }[];
}

function invalid(key: string, params?: Record<string, string | number>, issues?: FieldIssue[]): AppError {
  return new AppError('ARCHIVE_INVALID', key, params, issues);
}

/** Where JSON.parse gave up. V8 does not always say, so the text is scanned again (failure path only). */
export function locateJsonError(text: string): number {
  let i = 0;
  const n = text.length;
  const skipSpace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) return false;
      i++;
    }
    return true;
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = (): boolean => {
    i++;
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return true;
      }
      if (ch < 0x20) return false;
      if (ch === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const value = (): boolean => {
    skipSpace();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const object = ch === '{';
      i++;
      skipSpace();
      if (text[i] === (object ? '}' : ']')) {
        i++;
        return true;
      }
      for (;;) {
        if (object) {
          skipSpace();
          if (text[i] !== '"' || !string()) return false;
          skipSpace();
          if (text[i] !== ':') return false;
          i++;
        }
        if (!value()) return false;
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === (object ? '}' : ']')) {
          i++;
          return true;
        } else return false;
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    number.lastIndex = i;
    if (number.test(text)) {
      i = number.lastIndex;
      return true;
    }
    return false;
  };
  try {
    if (value()) skipSpace();
  } catch {
    // A pathologically deep nesting overflows the stack: report where the scan stood.
  }
  return Math.min(i, n);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses an archive's text; a truncated or malformed file is refused with its line and column. */
export function parseArchiveText(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') throw invalid('error.archive.empty');
  try {
    return JSON.parse(text);
  } catch {
    const offset = locateJsonError(text);
    const where = lineAndColumn(text, offset);
    throw invalid(offset >= text.length ? 'error.archive.truncated' : 'error.archive.malformed', where);
  }
}

/** Reads and parses an archive file, checking its size before reading it. */
export function readArchiveFile(file: string): unknown {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw invalid('error.archive.fileNotFound', { file });
  }
  if (size > MAX_ARCHIVE_BYTES) {
    throw invalid('error.archive.tooLarge', { size: formatMegabytes(size), limit: formatMegabytes(MAX_ARCHIVE_BYTES) });
  }
  return parseArchiveText(fs.readFileSync(file, 'utf8'));
}

function formatMegabytes(bytes: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} Mo`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects every problem, keeping the first MAX_REPORTED_ISSUES and counting the rest. */
class IssueList {
  readonly items: FieldIssue[] = [];
  total = 0;
  add(path: string, key: string, params?: Record<string, string | number>) {
    this.total++;
    if (this.items.length < MAX_REPORTED_ISSUES) this.items.push(params ? { path, key, params } : { path, key });
  }
  addZod(prefix: string, error: z.ZodError) {
    for (const issue of error.issues) {
      const sub = pathToString(issue.path);
      const path = sub === '' ? prefix : sub.startsWith('[') ? prefix + sub : `${prefix}.${sub}`;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.add(`${path}.${key}`, 'error.unknownField');
      } else this.add(path, keyForIssue(issue));
    }
  }
}

const keyOf = (value: unknown) => (typeof value === 'string' ? `s:${value}` : `n:${String(value)}`);
const show = (value: unknown) => (typeof value === 'string' ? value : String(value));

/**
 * Checks the envelope, every row against its table's schema, primary keys, unique constraints and
 * foreign keys, and reports all problems at once with their JSON paths. Nothing is written here.
 */
export function validateArchive(data: unknown, supportedSchemaVersion: number): ValidatedArchive {
  if (!isPlainObject(data) || data.format !== ARCHIVE_FORMAT) throw invalid('error.archive.notArchive');
  if (typeof data.formatVersion === 'number' && data.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw invalid('error.archive.formatTooNew', { found: data.formatVersion, supported: ARCHIVE_FORMAT_VERSION });
  }
  if (typeof data.schemaVersion === 'number' && data.schemaVersion > supportedSchemaVersion) {
    throw invalid('error.archive.schemaTooNew', { found: data.schemaVersion, supported: supportedSchemaVersion });
  }

  const issues = new IssueList();
  const header = archiveHeaderSchema.safeParse(data);
  if (!header.success) {
    issues.addZod('$', header.error);
    throw summarize(issues);
  }
  const tables = header.data.tables;
  for (const name of Object.keys(tables)) {
    if (!findArchivedTable(name)) issues.add(`$.tables.${name}`, 'error.archive.unknownTable', { table: name });
  }

  // Keys present in the archive, whatever the state of the rest of their row, so that one bad
  // row does not cascade into "missing reference" errors everywhere.
  // Keyed by the value itself: a Map tells 1 from "1" as keyOf does, without a string built per row.
  const present = new Map<string, Map<unknown, number>>();
  const validated: ValidatedArchive['tables'] = [];
  for (const table of ARCHIVED_TABLES) {
    const tablePath = `$.tables.${table.name}`;
    const raw = tables[table.name] ?? [];
    const rows: ArchiveRow[] = [];
    validated.push({ table, rows });
    const firstRowOfKey = new Map<unknown, number>();
    present.set(table.name, firstRowOfKey);
    if (!Array.isArray(raw)) {
      issues.add(tablePath, 'error.archive.notArray');
      continue;
    }
    const uniqueSeen = table.unique.map(() => new Map<string, number>());
    raw.forEach((row: unknown, index) => {
      const rowPath = `${tablePath}[${index}]`;
      if (!isPlainObject(row)) {
        issues.add(rowPath, 'error.archive.notObject');
        return;
      }
      const pk = row[table.primaryKey];
      if (typeof pk === 'number' || typeof pk === 'string') {
        const seen = firstRowOfKey.get(pk);
        if (seen !== undefined) {
          issues.add(`${rowPath}.${table.primaryKey}`, 'error.archive.duplicateKey', { value: show(pk), row: seen });
        } else firstRowOfKey.set(pk, index);
      }
      const parsed = table.schema.safeParse(row);
      if (!parsed.success) {
        issues.addZod(rowPath, parsed.error);
        return;
      }
      const values = parsed.data as ArchiveRow;
      table.unique.forEach((columns, u) => {
        const parts = columns.map((c) => values[c]);
        if (parts.some((p) => p === null || p === undefined)) return;
        const composite = parts.map(keyOf).join('\u0000');
        const seen = uniqueSeen[u]!.get(composite);
        if (seen !== undefined) {
          issues.add(`${rowPath}.${columns[columns.length - 1]}`, 'error.archive.duplicateUnique', {
            columns: columns.join(', '),
            value: parts.map(show).join(', '),
            row: seen,
          });
        } else uniqueSeen[u]!.set(composite, index);
      });
      rows.push(values);
    });
  }

  for (const table of ARCHIVED_TABLES) {
    const references = Object.entries(table.references);
    const raw = tables[table.name];
    if (references.length === 0 || !Array.isArray(raw)) continue;
    raw.forEach((row: unknown, index) => {
      if (!isPlainObject(row)) return;
      for (const [column, target] of references) {
        const value = row[column];
        // A null reference is allowed; a value of the wrong type was already reported by the row schema.
        if (typeof value !== 'number' && typeof value !== 'string') continue;
        if (!present.get(target)!.has(value)) {
          issues.add(`$.tables.${table.name}[${index}].${column}`, 'error.archive.missingReference', { table: target, value });
        }
      }
    });
  }

  if (issues.total > 0) throw summarize(issues);
  return { schemaVersion: header.data.schemaVersion, tables: validated };
}

function summarize(issues: IssueList): AppError {
  const list = [...issues.items];
  const more = issues.total - list.length;
  if (more > 0) list.push({ path: '$', key: 'error.archive.moreIssues', params: { count: more } });
  const first = issues.items[0]!;
  return invalid('error.archive.invalid', { count: issues.total, path: first.path }, list);
}

/** Rows in all archived tables: zero means the database is empty. */
export async function countArchivedRows(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  let total = 0;
  for (const table of ARCHIVED_TABLES) {
    const row = await (db as unknown as AnyDb)
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}

/** Deletes every record, children first. Call it inside a transaction. */
export async function clearArchivedTables(db: Kysely<DB> | Transaction<DB>): Promise<void> {
  for (const table of [...ARCHIVED_TABLES].reverse()) await (db as unknown as AnyDb).deleteFrom(table.name).execute();
}

async function insertRows(trx: AnyDb, table: ArchivedTable, rows: ArchiveRow[]): Promise<void> {
  // Rows were validated against the table's schema: written as they are, in batches as large as the engine binds.
  const columns = table.columns;
  await insertEach(trx, table.name, columns, rows, (row, out, at) => {
    for (let c = 0; c < columns.length; c++) out[at + c] = row[columns[c]!] ?? null;
  });
}

export interface WriteOptions {
  /** Delete every existing record first (same transaction). Without it, a non-empty database is refused. */
  replace?: boolean;
  /** The clock of the change-log lines written for erasures applied again (the CLI passes its own). */
  now?: () => Date;
  runtime?: Runtime;
}

/** What an import did: rows per table, and how many erasures of the register had to be applied again. */
export type ImportSummary = ArchiveSummary & { erasuresReapplied: number };

/**
 * Writes a validated archive in one transaction into an empty database (or, with `replace`, into
 * one emptied in the same transaction). Before it commits: the erasures of the register (the
 * database's and the archive's) are applied again to whoever the archive brings back, and every
 * rule of `check` runs on the result; any fault refuses the archive. Any failure leaves the
 * database as it was.
 */
export async function writeArchive(db: Kysely<DB>, archive: ValidatedArchive, options: WriteOptions = {}): Promise<ImportSummary> {
  let erasuresReapplied = 0;
  try {
    await db.transaction().execute(async (trx) => {
      // Rows were checked against each other already; deferring lets a table reference itself in any order.
      await deferForeignKeys(trx);
      const register = await readErasureRegister(trx);
      const existing = await countArchivedRows(trx);
      if (existing > 0) {
        if (!options.replace) throw invalid('error.archive.notEmpty', { count: existing });
        await clearArchivedTables(trx);
      }
      for (const { table, rows } of archive.tables) await insertRows(trx as unknown as AnyDb, table, rows);
      // The rows kept their ids: the next generated id follows them (PostgreSQL's identities).
      await resetIdentities(trx);
      erasuresReapplied = await reapplyErasures(trx, register, { now: options.now ?? systemClock, runtime: options.runtime ?? 'cli' });
      const tables = new Set((await trx.introspection.getTables()).map((t) => t.name));
      const { findings } = await runInvariants(trx, tables);
      if (findings.length > 0) throw refuseFindings(archive, findings);
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A constraint the registry does not declare: still all or nothing, and said plainly.
    throw new AppError('ARCHIVE_INVALID', 'error.archive.rejected', { detail: error instanceof Error ? error.message : String(error) }, undefined, error);
  }
  const tables = archive.tables.map(({ table, rows }) => ({ name: table.name, rows: rows.length }));
  return { tables, totalRows: tables.reduce((sum, t) => sum + t.rows, 0), erasuresReapplied };
}

/** The findings of `check` on an imported archive, each at the JSON path of the row it is about. */
function refuseFindings(archive: ValidatedArchive, findings: readonly Finding[]): AppError {
  const issues = new IssueList();
  for (const f of findings) {
    const entry = f.table ? archive.tables.find((t) => t.table.name === f.table) : undefined;
    let path = '$';
    if (entry) {
      path = `$.tables.${entry.table.name}`;
      const key = f.rowKey ?? f.rowId;
      const index = key === null || key === undefined ? -1 : entry.rows.findIndex((r) => r[entry.table.primaryKey] === key);
      if (index >= 0) path += `[${index}]${f.column ? `.${f.column}` : ''}`;
    }
    issues.add(path, f.key, f.params);
  }
  return summarize(issues);
}

/** Validates everything first, then writes all or nothing. */
export async function importArchive(db: Kysely<DB>, data: unknown, options: ImportOptions): Promise<ImportSummary> {
  return writeArchive(db, validateArchive(data, options.schemaVersion), options);
}
