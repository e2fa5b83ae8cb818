import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { MIGRATIONS, type Migration } from './migrations/index';
import type { DB } from './schema';
import { systemClock } from '../app/clock';
import { DEFAULT_BUSY_TIMEOUT_MS, WriteFirstSqliteDialect } from './sqlite-driver';
import { DatabaseLock, type ExclusiveReason } from './sqlite-lock';

export interface Store {
  db: Kysely<DB>;
  /** Which engine (see engine.ts, which opens PostgreSQL as well). */
  dialect: 'sqlite';
  /** What was opened, as named: here the file. */
  target: string;
  /** The raw handle, for pragmas, online backups and benchmark floors; services use `db`. */
  sqlite: Database.Database;
  file: string;
  schemaVersion: number;
  /** Copy made before pending migrations ran, if any. */
  migrationBackup: string | null;
  /**
   * Runs `fn` while no other process (nor another store of this one) has the database open;
   * refuses with a French message naming the file otherwise. For what replaces the data
   * wholesale: restore, import --replace, demo --force (migrations take it themselves).
   */
  exclusive<T>(reason: ExclusiveReason, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Apply pending migrations (default). When false, a database that needs them is refused. */
  migrate?: boolean;
  /** The migrations to apply; tests pass their own list, the app always the static one. */
  migrations?: readonly Migration[];
  /** A lock already held for this file (StoreHolder keeps one across a restore); the store then leaves it held when it closes. */
  lock?: DatabaseLock;
  /** How long a write waits for another process's write transaction (10 s), then fails with BUSY. */
  writeWaitMs?: number;
  /** How long an exclusive operation waits for the others to close the database before refusing (1.5 s). */
  exclusiveWaitMs?: number;
}

export function backupsDirFor(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

function timestamp(date = systemClock()): string {
  return date.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
}

function appliedVersion(sqlite: Database.Database): number {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const row = sqlite.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function hasUserTables(sqlite: Database.Database): boolean {
  const row = sqlite
    .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")
    .get() as { n: number };
  return row.n > 0;
}

/**
 * Opens (creating if needed) a Maillage database: WAL, foreign keys, migrations with a backup first.
 * The process holds the database's shared lock (sqlite-lock.ts) until `close`, so that nobody
 * replaces the file under it; migrations run under the exclusive lock.
 */
export async function openStore(file: string, options: OpenOptions = {}): Promise<Store> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const ownLock = !options.lock;
  const lock =
    options.lock ??
    (await DatabaseLock.acquire(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.exclusiveWaitMs !== undefined ? { exclusiveWaitMs: options.exclusiveWaitMs } : {}),
    }));
  try {
    return await openLocked(file, options, lock, ownLock);
  } catch (error) {
    if (ownLock) lock.release();
    throw error;
  }
}

async function openLocked(file: string, options: OpenOptions, lock: DatabaseLock, ownLock: boolean): Promise<Store> {
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${DEFAULT_BUSY_TIMEOUT_MS}`);
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    sqlite.close();
    throw new AppError('INTERNAL', 'error.databaseUnreadable', { file: path.basename(file) }, undefined, error);
  }

  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const checkVersion = (current: number) => {
    if (current > latest) throw new AppError('DATABASE_TOO_NEW', 'error.databaseTooNew', { found: current, supported: latest });
  };
  try {
    checkVersion(appliedVersion(sqlite));
  } catch (error) {
    sqlite.close();
    throw error;
  }

  const db = new Kysely<DB>({
    dialect: new WriteFirstSqliteDialect({ database: sqlite, file, ...(options.writeWaitMs !== undefined ? { writeWaitMs: options.writeWaitMs } : {}) }),
  });
  let migrationBackup: string | null = null;
  try {
    if (migrations.some((m) => m.version > appliedVersion(sqlite))) {
      if (options.migrate === false) {
        throw new AppError('DATABASE_TOO_NEW', 'error.databaseNeedsMigration', { found: appliedVersion(sqlite), supported: latest });
      }
      // Nobody may use the file while its schema changes under them.
      const migrate = lock.exclusive('migrate', async () => {
        // Read again under the lock: another process may have migrated while we waited for it.
        const current = appliedVersion(sqlite);
        checkVersion(current);
        const pending = migrations.filter((m) => m.version > current);
        let backup: string | null = null;
        if (pending.length > 0 && (current > 0 || hasUserTables(sqlite))) {
          const dir = backupsDirFor(file);
          fs.mkdirSync(dir, { recursive: true });
          const base = path.basename(file).replace(/\.[^.]+$/, '');
          backup = path.join(dir, `${base}-avant-migration-v${current}-${timestamp()}.sqlite`);
          sqlite.prepare('VACUUM INTO ?').run(backup);
        }
        for (const migration of pending) {
          // Kysely does not wrap SQLite migrations itself: each one is all or nothing here.
          await db.transaction().execute(async (trx) => {
            await migration.up(trx as unknown as Kysely<unknown>);
            await trx
              .insertInto('schema_migrations')
              .values({ version: migration.version, name: migration.name, applied_at: systemClock().toISOString() })
              .execute();
          });
        }
        return backup;
      });
      migrationBackup = await migrate.catch((error: unknown) => {
        // Two processes starting together on an old base: the other one did the migration meanwhile.
        if (error instanceof AppError && error.key === 'store.inUse.migrate' && !migrations.some((m) => m.version > appliedVersion(sqlite))) return null;
        throw error;
      });
    }
  } catch (error) {
    await db.destroy();
    if (sqlite.open) sqlite.close();
    throw error;
  }

  return {
    db,
    dialect: 'sqlite',
    target: file,
    sqlite,
    file,
    schemaVersion: latest,
    migrationBackup,
    exclusive: (reason, fn) => lock.exclusive(reason, fn),
    async close() {
      await db.destroy();
      // Kysely opens its driver on first use only: a store it never queried still holds the handle.
      if (sqlite.open) sqlite.close();
      if (ownLock) lock.release();
    },
  };
}
