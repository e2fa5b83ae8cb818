import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { AppError } from '../../shared/api/errors';
import type { Dialect } from './dialect';
import { openStore as openSqliteStore, type OpenOptions as SqliteOpenOptions } from './open';
import { isPostgresTarget, openPostgresStore, redactPassword } from './postgres';
import type { DB } from './schema';
import type { ExclusiveReason } from './sqlite-lock';
import type { RetryPolicy } from './retry';

export { isPostgresTarget } from './postgres';
export { backupsDirFor } from './open';
export type { Dialect } from './dialect';

/**
 * An open Maillage base, whichever engine holds it. Services use `db` only; what depends on the
 * engine (file backups, integrity pragmas) checks `dialect`, or `sqlite`/`file`, which are null
 * on PostgreSQL.
 */
export interface Store {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The raw SQLite handle (pragmas, online backups, benchmark floors); null on PostgreSQL. */
  sqlite: Database.Database | null;
  /** The SQLite file; null on PostgreSQL. */
  file: string | null;
  /** What the user named: the file, or the URL without its password. */
  target: string;
  schemaVersion: number;
  /** PostgreSQL: the schema version found on opening (0: the base was created by this open). */
  previousVersion?: number;
  migrationBackup: string | null;
  /**
   * Runs what replaces the whole base (restore, import --replace, demo --force) while nobody else
   * has it open: on SQLite a real OS lock, refused past a wait; on PostgreSQL the replacement is
   * one transaction that other sessions never see half done.
   */
  exclusive<T>(reason: ExclusiveReason, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A store on a SQLite file: what file backups, restores and integrity pragmas need. */
export interface SqliteStore extends Store {
  dialect: 'sqlite';
  sqlite: Database.Database;
  file: string;
}

export function isSqliteStore(store: Store): store is SqliteStore {
  return store.sqlite !== null && store.file !== null;
}

/** The store as a SQLite file, or a clear refusal for what only a file can do (file backups, restore). */
export function sqliteOnly(store: Store): SqliteStore {
  if (!isSqliteStore(store)) throw new AppError('FORBIDDEN', 'pg.error.sqliteOnly', { target: store.target });
  return store;
}

export type OpenOptions = SqliteOpenOptions & {
  /** PostgreSQL: connections kept by the pool. */
  max?: number;
  /** PostgreSQL: how transactions are retried on serialisation failures and deadlocks. */
  retry?: RetryPolicy;
};

/** Opens a `postgres://…` URL on PostgreSQL, anything else as a SQLite file. */
export async function openStore(target: string, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresTarget(target)) return openPostgresStore(target, options);
  return openSqliteStore(target, options);
}

/** How to name a base in a message: a file as given, a URL without its password. */
export function describeTarget(target: string): string {
  return isPostgresTarget(target) ? redactPassword(target) : target;
}
