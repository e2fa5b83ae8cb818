import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../electron/api/dispatch';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations/index';
import { backupsDirFor, openStore } from '../../electron/store/open';
import { onSqlite, tempDir } from '../helpers/store';

const addColour: Migration = {
  version: 999,
  name: 'test-colour',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('organisations').addColumn('colour', 'text').execute();
  },
};

const broken: Migration = {
  version: 999,
  name: 'test-broken',
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
    throw new Error('boom');
  },
};

// The SQLite side: WAL, file backups before migrations (PostgreSQL's side: store-engine.test.ts).
describe.runIf(onSqlite)('store and migrations', () => {
  it('creates a database in WAL mode with foreign keys on, without a backup for a new file', async () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const store = await openStore(file);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.migrationBackup).toBeNull();
    expect(() => store.sqlite.prepare("INSERT INTO affiliations (person_id, organisation_id, role, start_date) VALUES (1, 1, 'x', '2026-01-01')").run()).toThrow(/FOREIGN KEY/);
    await store.close();
  });

  it('backs the file up before running a pending migration, then applies it', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const first = await openStore(file);
    await first.db.insertInto('settings').values({ key: 'k', value: '"before"' }).execute();
    await first.close();

    const second = await openStore(file, { migrations: [...MIGRATIONS, addColour] });
    expect(second.migrationBackup).not.toBeNull();
    expect(path.dirname(second.migrationBackup!)).toBe(backupsDirFor(file));
    expect(fs.existsSync(second.migrationBackup!)).toBe(true);
    const columns = await sql<{ name: string }>`select name from pragma_table_info('organisations')`.execute(second.db);
    expect(columns.rows.map((c) => c.name)).toContain('colour');
    await second.close();

    // The backup is the database as it was: old schema, same data.
    const backup = await openStore(second.migrationBackup!, { migrate: false });
    expect(await backup.db.selectFrom('settings').select(['key', 'value']).execute()).toEqual([{ key: 'k', value: '"before"' }]);
    await backup.close();
  });

  it('rolls a failing migration back entirely', async () => {
    const file = path.join(tempDir(), 'broken.sqlite');
    (await openStore(file)).close();
    await expect(openStore(file, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow('boom');
    const store = await openStore(file);
    const tables = await sql<{ name: string }>`select name from sqlite_master where name = 'half_done'`.execute(store.db);
    expect(tables.rows).toHaveLength(0);
    expect(store.sqlite.prepare('select max(version) v from schema_migrations').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
    await store.close();
  });

  it('refuses a database written by a newer version, with a clear French message, and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const store = await openStore(file);
    store.sqlite.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01')").run();
    await store.close();
    const before = fs.readFileSync(file);
    const error = await openStore(file).catch((e: unknown) => e);
    const apiError = toApiError(error);
    expect(apiError.code).toBe('DATABASE_TOO_NEW');
    expect(apiError.message).toMatch(/version plus récente de Maillage \(schéma 9999/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
