import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { MIGRATIONS, type Migration } from './migrations/index';
import type { DB } from './schema';

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
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Apply pending migrations (default). When false, a database that needs them is refused. */
  migrate?: boolean;
  /** The migrations to apply; tests pass their own list, the app always the static one. */
  migrations?: readonly Migration[];
}

export function backupsDirFor(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

function timestamp(date = new Date()): string {
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

/** Opens (creating if needed) a Maillage database: WAL, foreign keys, migrations with a backup first. */
export async function openStore(file: string, options: OpenOptions = {}): Promise<Store> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    sqlite.close();
    throw new AppError('INTERNAL', 'error.databaseUnreadable', { file: path.basename(file) }, undefined, error);
  }

  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = appliedVersion(sqlite);
  if (current > latest) {
    sqlite.close();
    throw new AppError('DATABASE_TOO_NEW', 'error.databaseTooNew', { found: current, supported: latest });
  }

  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const pending = migrations.filter((m) => m.version > current);
  let migrationBackup: string | null = null;
  if (pending.length > 0) {
    if (options.migrate === false) {
      await db.destroy();
      throw new AppError('DATABASE_TOO_NEW', 'error.databaseNeedsMigration', { found: current, supported: latest });
    }
    if (current > 0 || hasUserTables(sqlite)) {
      const dir = backupsDirFor(file);
      fs.mkdirSync(dir, { recursive: true });
      const base = path.basename(file).replace(/\.[^.]+$/, '');
      migrationBackup = path.join(dir, `${base}-avant-migration-v${current}-${timestamp()}.sqlite`);
      sqlite.prepare('VACUUM INTO ?').run(migrationBackup);
    }
    for (const migration of pending) {
      // Kysely does not wrap SQLite migrations itself: each one is all or nothing here.
      await db.transaction().execute(async (trx) => {
        await migration.up(trx as unknown as Kysely<unknown>);
        await trx
          .insertInto('schema_migrations')
          .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
          .execute();
      });
    }
  }

  return {
    db,
    dialect: 'sqlite',
    target: file,
    sqlite,
    file,
    schemaVersion: latest,
    migrationBackup,
    async close() {
      await db.destroy();
      // Kysely opens its driver on first use only: a store it never queried still holds the handle.
      if (sqlite.open) sqlite.close();
    },
  };
}
