import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../../shared/api/errors';
import { MIGRATIONS, type Migration } from './migrations/index';
import { PostgresDdlPlugin } from './postgres-ddl';
import { retryingTransactions, type RetryPolicy } from './retry';
import type { DB } from './schema';
import type { ExclusiveReason } from './sqlite-lock';
import { systemClock } from '../app/clock';

export const DEFAULT_PG_SCHEMA = 'maillage';

export interface PostgresStore {
  db: Kysely<DB>;
  dialect: 'postgres';
  /** No file and no SQLite handle: what needs them (file backups, restore of a file) checks these. */
  sqlite: null;
  file: null;
  /** The URL without its password, for messages and logs. */
  target: string;
  /** The PostgreSQL schema holding the tables (`maillage` unless the URL says `?schema=`). */
  schema: string;
  pool: pg.Pool;
  schemaVersion: number;
  /** The schema version found on opening: 0 when this open created the base. */
  previousVersion: number;
  migrationBackup: null;
  exclusive<T>(reason: ExclusiveReason, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PostgresOpenOptions {
  migrate?: boolean;
  migrations?: readonly Migration[];
  /** Connections kept by the pool (default 10). */
  max?: number;
  /** How transactions are retried on serialisation failures and deadlocks (tests pin it). */
  retry?: RetryPolicy;
}

export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export interface PostgresTarget {
  /** What pg receives: the URL less the `schema` parameter, which is ours. */
  connectionString: string;
  schema: string;
  /** The URL without its password. */
  display: string;
}

export function parsePostgresTarget(target: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch (error) {
    throw new AppError('VALIDATION', 'pg.error.badUrl', { target: redactPassword(target) }, undefined, error);
  }
  const schema = url.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new AppError('VALIDATION', 'pg.error.badSchema', { schema });
  url.searchParams.delete('schema');
  const connectionString = url.toString();
  return { connectionString, schema, display: redactPassword(target) };
}

export function redactPassword(target: string): string {
  return target.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

/** bigint (count, sum) and numeric come back as strings from pg: the app's numbers are all well within 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => (value === null ? null : Number(value));
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export function createPostgresPool(target: PostgresTarget, max = 10): pg.Pool {
  return new pg.Pool({
    connectionString: target.connectionString,
    // Every connection works in the app's schema; `public` after it only for extensions.
    options: `-c search_path=${target.schema},public`,
    types: types as unknown as pg.CustomTypesConfig,
    max,
  });
}

/** Migration lock shared by every process that opens the same database (pg_advisory_xact_lock key). */
const MIGRATION_LOCK = 0x6d61696c; // "mail"

/**
 * Opens a Maillage base on PostgreSQL: its own schema (created if missing), the same numbered
 * migrations as SQLite, each in a transaction and under an advisory lock so that two processes
 * opening a new base at once do not both run them, and the same refusal of a newer base.
 */
export async function openPostgresStore(targetString: string, options: PostgresOpenOptions = {}): Promise<PostgresStore> {
  const target = parsePostgresTarget(targetString);
  const pool = createPostgresPool(target, options.max);
  // An idle client that loses its server must not crash the process: the next query reports it.
  pool.on('error', () => {});
  // Every transaction of every service retried on a serialisation failure or a deadlock (retry.ts).
  const db = retryingTransactions(new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), options.retry);
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new AppError('INTERNAL', 'pg.error.unreachable', { target: target.display, detail: error instanceof Error ? error.message : String(error) }, undefined, error);
  }
  let current = 0;
  try {
    current = await appliedVersion(db, target.schema);
    if (current > latest) throw new AppError('DATABASE_TOO_NEW', 'error.databaseTooNew', { found: current, supported: latest });
    if (current < latest) {
      if (options.migrate === false) throw new AppError('DATABASE_TOO_NEW', 'error.databaseNeedsMigration', { found: current, supported: latest });
      await migrate(db, target.schema, migrations);
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect: 'postgres',
    sqlite: null,
    file: null,
    target: target.display,
    schema: target.schema,
    pool,
    schemaVersion: latest,
    previousVersion: current,
    migrationBackup: null,
    // The replacement is one transaction: other sessions see the old base or the new one, never half.
    exclusive: (_reason, fn) => fn(),
    close: () => db.destroy(),
  };
}

async function appliedVersion(db: Kysely<DB>, schema: string): Promise<number> {
  const exists = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = ${schema} and table_name = 'schema_migrations'`.execute(db);
  if (Number(exists.rows[0]?.n ?? 0) === 0) return 0;
  const row = await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

async function migrate(db: Kysely<DB>, schema: string, migrations: readonly Migration[]): Promise<void> {
  for (const migration of migrations) {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
      await sql`create table if not exists ${sql.id(schema, 'schema_migrations')} (version integer primary key, name text not null, applied_at text not null)`.execute(trx);
      // Read again under the lock: another process may have applied it meanwhile.
      const done = await trx.selectFrom('schema_migrations').select('version').where('version', '=', migration.version).executeTakeFirst();
      if (done) return;
      await migration.up(trx.withPlugin(new PostgresDdlPlugin()) as unknown as Kysely<unknown>);
      await trx
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: systemClock().toISOString() })
        .execute();
    });
  }
}
