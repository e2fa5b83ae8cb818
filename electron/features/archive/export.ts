import type { Kysely } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  type Archive,
  type ArchiveRow,
  type ArchiveSummary,
} from '../../../shared/features/archive/schemas';
import { APP_NAME } from '../../app/paths';
import { APP_VERSION } from '../../app/version';
import type { DB } from '../../store/schema';
import { ARCHIVED_TABLES } from './tables';
import { systemClock } from '../../app/clock';

export interface ExportOptions {
  schemaVersion: number;
  now?: () => Date;
}

// Tables are named at run time from the registry; the registry's types guard the names.
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** Every record of the database, read in one transaction so that the archive is a consistent snapshot. */
export async function exportArchive(db: Kysely<DB>, options: ExportOptions): Promise<Archive> {
  const tables: Record<string, ArchiveRow[]> = {};
  // Read only: a snapshot that does not hold the write lock (and so other writers) for the whole export.
  await (db as unknown as AnyDb)
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      for (const table of ARCHIVED_TABLES) {
        tables[table.name] = (await trx
          .selectFrom(table.name)
          .select(table.columns as string[])
          .orderBy(table.primaryKey)
          .execute()) as ArchiveRow[];
      }
    });
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    schemaVersion: options.schemaVersion,
    exportedAt: (options.now ?? systemClock)().toISOString(),
    application: { name: APP_NAME, version: APP_VERSION },
    tables,
  };
}

export function summarizeArchive(archive: Pick<Archive, 'tables'>): ArchiveSummary {
  const tables = ARCHIVED_TABLES.map((t) => ({ name: t.name, rows: archive.tables[t.name]?.length ?? 0 }));
  return { tables, totalRows: tables.reduce((sum, t) => sum + t.rows, 0) };
}

/**
 * Valid JSON laid out one row per line: readable, diffable, and a parse error's line number
 * points at the faulty row.
 */
export function serializeArchive(archive: Archive): string {
  const { tables, ...header } = archive;
  const lines = ['{'];
  for (const [key, value] of Object.entries(header)) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  lines.push('  "tables": {');
  const names = Object.keys(tables);
  names.forEach((name, t) => {
    const rows = tables[name]!;
    const close = t < names.length - 1 ? ',' : '';
    if (rows.length === 0) {
      lines.push(`    ${JSON.stringify(name)}: []${close}`);
      return;
    }
    lines.push(`    ${JSON.stringify(name)}: [`);
    rows.forEach((row, i) => lines.push(`      ${JSON.stringify(row)}${i < rows.length - 1 ? ',' : ''}`));
    lines.push(`    ]${close}`);
  });
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** Written beside the target then renamed, so an interrupted export never leaves half a file under the real name. */
export function writeArchiveFile(file: string, archive: Archive): { bytes: number } {
  const text = serializeArchive(archive);
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, text, 'utf8');
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return { bytes: Buffer.byteLength(text, 'utf8') };
}
