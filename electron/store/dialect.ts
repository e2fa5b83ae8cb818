import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { DEFAULT_RETRY_POLICY, runWithRetry } from './retry';

/**
 * What differs between the two engines, in one place. Services and reports take a `Kysely<DB>`
 * and never ask which engine is behind it; the few statements that cannot be written in
 * Kysely's portable subset call these helpers, which read the dialect from the connection.
 */
export type Dialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type: only the adapter is read
type AnyKysely = Kysely<any>;

export function dialectOf(db: AnyKysely): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The values one statement may bind: SQLite's limit (32 766) and PostgreSQL's (65 535). */
export function maxBoundValues(db: AnyKysely): number {
  return dialectOf(db) === 'postgres' ? 65_535 : 32_766;
}

/** Rows of `columns` values each that one multi-row INSERT can carry on this engine. */
export function rowsPerInsert(db: AnyKysely, columns: number): number {
  return Math.max(1, Math.floor(maxBoundValues(db) / Math.max(1, columns)));
}

/** `group_concat(x, sep)` on SQLite, `string_agg(x, sep)` on PostgreSQL (both: order unspecified). */
export function groupConcat(db: AnyKysely, expression: Expression<string | null>, separator: string): RawBuilder<string | null> {
  return dialectOf(db) === 'postgres' ? sql<string | null>`string_agg(${expression}, ${separator})` : sql<string | null>`group_concat(${expression}, ${separator})`;
}

/**
 * Foreign keys checked at commit rather than at each statement, for the rest of the transaction:
 * an archive may list a row before the row it references. (PostgreSQL's are declared deferrable
 * by the migrations' DDL translation.)
 */
export async function deferForeignKeys(trx: AnyKysely): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx);
  else await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
}

/**
 * After rows were written with their own ids (archive import, copy), the next generated id must
 * follow the largest one. SQLite's AUTOINCREMENT does that by itself; PostgreSQL's identity
 * sequences are set here, for every identity column of the current schema.
 */
export async function resetIdentities(trx: AnyKysely): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
  for (const { table_name: table, column_name: column } of columns.rows) {
    await sql`select setval(pg_get_serial_sequence(${`${quoteIdent(table)}`}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export { isRetryableError } from './retry';

/**
 * Runs `work` in a transaction, again (up to `attempts` times, after a jittered wait) when
 * PostgreSQL reports a serialisation failure or a deadlock. The store's own `db` does this for
 * every transaction on PostgreSQL already (retry.ts); this is for a Kysely from elsewhere.
 */
export async function transactionWithRetry<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>, attempts = DEFAULT_RETRY_POLICY.attempts): Promise<T> {
  return runWithRetry(() => db.transaction().execute((trx) => work(trx)), { ...DEFAULT_RETRY_POLICY, attempts });
}
