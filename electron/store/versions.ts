import { sql, type Kysely } from 'kysely';
import { AppError } from '../../shared/api/errors';
import type { Runtime, ServiceContext } from '../app/context';
import type { VERSIONED_SINCE_0012 } from './migrations/0012_versions_everywhere';
import type { DB } from './schema';

/** The tables whose records carry a version number (migrations 0007 and 0012). */
export type VersionedTable = 'organisations' | 'people' | (typeof VERSIONED_SINCE_0012)[number];

/** The column naming a record, where it is not `id`. */
const KEY_OF: Partial<Record<VersionedTable, string>> = { settings: 'key', meeting_kinds: 'kind' };

/** Who saved, as the message to the next person says it (there are no user accounts). */
export function savedBy(runtime: Runtime): string {
  return runtime;
}

const BY_LABEL: Record<string, string> = { electron: 'l’application', web: 'le mode web', cli: 'la ligne de commande', test: 'un test' };

/** "11:05 le 12 mars 2026", Paris time. */
export function formatAt(iso: string): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(date);
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(date);
  return `${time} le ${day}`;
}

/**
 * The refusal of a save made from a stale form: the record was saved by someone else since it
 * was opened (its version moved on). Says by whom and when, so the person can reload and redo.
 * A record deleted meanwhile is « not found ».
 */
export async function modifiedMeanwhile(db: Kysely<DB>, table: VersionedTable, id: number | string): Promise<AppError> {
  const key = KEY_OF[table] ?? 'id';
  const { rows } = await sql<{ updated_by: string | null; updated_at: string | null; version: number }>`
    select updated_by, updated_at, version from ${sql.table(table)} where ${sql.ref(key)} = ${id}`.execute(db);
  const row = rows[0];
  if (!row) return new AppError('NOT_FOUND', 'error.notFound');
  return new AppError('CONFLICT', 'pg.error.modifiedMeanwhile', {
    by: BY_LABEL[row.updated_by ?? ''] ?? row.updated_by ?? 'un autre poste',
    at: row.updated_at ? formatAt(row.updated_at) : '?',
    version: row.version,
  });
}

/**
 * Takes the record for a save or a delete: raises its version and says who and when, but only
 * if it is still at the version the caller opened (`expected`; a caller that names none, such as
 * the CLI or an import, is not checked). One statement, so the check and the raise cannot be
 * separated by another writer; run it inside the transaction of the write that follows, whose
 * rollback undoes it. Refused with « modifié entre-temps par … à … » otherwise.
 */
export async function claimVersion(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'runtime'>,
  table: VersionedTable,
  id: number | string,
  expected: number | undefined,
): Promise<number> {
  const key = KEY_OF[table] ?? 'id';
  const check = expected === undefined ? sql`` : sql` and version = ${expected}`;
  const { rows } = await sql<{ version: number }>`
    update ${sql.table(table)} set version = version + 1, updated_by = ${savedBy(ctx.runtime)}, updated_at = ${ctx.now().toISOString()}
    where ${sql.ref(key)} = ${id}${check} returning version`.execute(ctx.db);
  if (!rows[0]) throw await modifiedMeanwhile(ctx.db, table, id);
  return Number(rows[0].version);
}

/** Runs `fn` in the caller's transaction, or in a new one: a version claim must roll back with the write it guards. */
export async function inWriteTransaction<T, C extends Pick<ServiceContext, 'db'>>(ctx: C, fn: (tctx: C) => Promise<T>): Promise<T> {
  return ctx.db.isTransaction ? fn(ctx) : ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

/** A version as the contract carries it: optional, so callers that name none (CLI, imports, older screens) still work. */
export type ExpectedVersion = number | undefined;
