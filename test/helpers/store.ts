import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { isPostgresTarget, openStore, type Store } from '../../electron/store/engine';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import { FIXED_NOW_ISO } from './clock';
import { dropSchemaOf, freshSchemaUrl } from './pg';

export function tempDir(prefix = 'maillage-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The engine the suite runs on: SQLite by default, PostgreSQL when MAILLAGE_TEST_ENGINE=postgres
 * (`npm test` runs the unit suite once each way; see vitest.config.ts and pg-global-setup.ts).
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.MAILLAGE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** For tests about SQLite itself (file backups, pragmas, crash recovery): `describe.runIf(onSqlite)`, skipped on the PostgreSQL run. */
export const onSqlite = TEST_ENGINE === 'sqlite';

/**
 * Where a new, empty test base goes: a SQLite file in a temp folder, or on PostgreSQL a fresh
 * schema of the test server (what `--db` and openStore accept either way).
 */
export function testTarget(fileName = 'maillage.sqlite'): string {
  if (TEST_ENGINE === 'sqlite') return path.join(tempDir(), fileName);
  const url = process.env.MAILLAGE_TEST_PG_URL || inject('pgUrl');
  if (!url) throw new Error('MAILLAGE_TEST_PG_URL manquant : le serveur PostgreSQL de test est démarré par test/helpers/pg-global-setup.ts');
  return freshSchemaUrl(url);
}

/** Removes what testTarget made on the PostgreSQL server (a temp file is left to the OS). */
export async function dropTestTarget(target: string): Promise<void> {
  if (isPostgresTarget(target)) await dropSchemaOf(target);
}

export const FIXED_NOW = new Date(FIXED_NOW_ISO);

export interface TestApp {
  store: Store;
  file: string;
  /** Calls a method through the real dispatcher (input parsing included) and returns its value or throws. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method expecting a failure, and returns the error envelope. */
  fail<M extends MethodName>(method: M, input: MethodInput<M> | Record<string, unknown>): Promise<ApiError>;
  count(table: string): Promise<number>;
  /** Closes the connection only: the base stays for another program (a CLI run). */
  closeStore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real base, migrated, behind the real dispatcher: a SQLite file in a temp folder, or a fresh
 * schema on the test PostgreSQL server when the suite runs on PostgreSQL (see TEST_ENGINE).
 */
export async function openTestApp(file = testTarget(), now = FIXED_NOW): Promise<TestApp> {
  const store = await openStore(file);
  let storeOpen = true;
  // Closing the connection keeps the base (a CLI run may open it next); close() also removes it.
  const closeStore = async () => {
    if (!storeOpen) return;
    storeOpen = false;
    await store.close();
  };
  // dataDir: a PostgreSQL base's archive backups go to the test's folder, not this machine's data folder.
  const dispatch = createDispatcher(createHandlers(store, { runtime: 'test', now: () => now, dataDir: tempDir('maillage-data-') }), {
    validateOutput: true,
    onInternalError: (method, error) => console.error(method, error),
  });
  return {
    store,
    file,
    async call(method, input) {
      const result = await dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async fail(method, input) {
      const result = await dispatch(method, input);
      if (result.ok) throw new Error(`${method} was expected to fail`);
      return result.error;
    },
    async count(table) {
      const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
      return Number(result.rows[0]?.n ?? 0);
    },
    closeStore,
    async close() {
      await closeStore();
      await dropTestTarget(file);
    },
  };
}

/**
 * Makes the database itself refuse to insert the organisation named `name` (a trigger, on either
 * engine): to prove that a write spanning several rows is all or nothing.
 */
export async function refuseInsertOf(app: TestApp, name: string): Promise<void> {
  const db = app.store.db;
  if (app.store.dialect === 'sqlite') {
    await sql`CREATE TRIGGER refuse_insert BEFORE INSERT ON organisations WHEN NEW.name = ${sql.lit(name)} BEGIN SELECT RAISE(ABORT, 'refusé'); END`.execute(db);
    return;
  }
  await sql`CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = ${sql.lit(name)} THEN RAISE EXCEPTION 'refusé'; END IF; RETURN NEW; END $$`.execute(db);
  await sql`CREATE TRIGGER refuse_insert BEFORE INSERT ON organisations FOR EACH ROW EXECUTE FUNCTION refuse_insert()`.execute(db);
}
