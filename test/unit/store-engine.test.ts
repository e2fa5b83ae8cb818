import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { toApiError } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { createApiCall } from '../../electron/cli/api';
import { runCli } from '../../electron/cli/run';
import { exportArchive, serializeArchive } from '../../electron/features/archive/export';
import { listBackups, startAutomaticBackups } from '../../electron/features/data/backup';
import { generateDemo } from '../../electron/features/demo/generate';
import type { Backup } from '../../shared/features/data/schemas';
import { dialectOf, groupConcat, transactionWithRetry } from '../../electron/store/dialect';
import { openStore, type Store } from '../../electron/store/engine';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations/index';
import { parsePostgresTarget, redactPassword } from '../../electron/store/postgres';
import { dropTestTarget, onSqlite, tempDir, testTarget } from '../helpers/store';

const NOW = new Date('2026-11-15T09:00:00.000Z');
const now = () => NOW;

const cleanup: { store?: Store; target?: string }[] = [];
afterEach(async () => {
  for (const { store, target } of cleanup.splice(0).reverse()) {
    await store?.close();
    if (target) await dropTestTarget(target);
  }
});

const targets = new Map<Store, string>();

async function open(target = testTarget(), options: { migrations?: readonly Migration[] } = {}): Promise<Store> {
  const store = await openStore(target, options);
  cleanup.push({ store, target });
  targets.set(store, target);
  return store;
}

/** The target a store was opened from, password included (store.target hides it). */
function testTargetOf(store: Store): string {
  return targets.get(store)!;
}

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), now } };
}

describe('engine', () => {
  it('opens the engine the target names, and services see no difference', async () => {
    const store = await open();
    expect(store.dialect).toBe(onSqlite ? 'sqlite' : 'postgres');
    expect(dialectOf(store.db)).toBe(store.dialect);
    expect(store.sqlite === null).toBe(!onSqlite);
    const api = createApiCall(createHandlers(store, { runtime: 'test', now }));
    const org = await api('organisations.create', { name: 'Ressourcerie du Lot', kind: 'member' });
    await api('organisations.create', { name: 'Recyclerie de Figeac', kind: 'member' });
    expect(org.id).toBe(1);
    const joined = await store.db
      .selectFrom('organisations')
      .select((eb) => groupConcat(store.db, eb.ref('name'), ' / ').as('names'))
      .executeTakeFirstOrThrow();
    expect(joined.names?.split(' / ').sort()).toEqual(['Recyclerie de Figeac', 'Ressourcerie du Lot']);
    // Counts come back as numbers on both engines (pg gives bigint as text unless told).
    const count = await store.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('runs a transaction again after a serialisation failure or a deadlock, not after other errors', async () => {
    const store = await open();
    let attempts = 0;
    const value = await transactionWithRetry(store.db, async (trx) => {
      attempts++;
      await trx.insertInto('settings').values({ key: `essai-${attempts}`, value: 'x' }).execute();
      if (attempts < 3) throw Object.assign(new Error('could not serialize access'), { code: attempts === 1 ? '40001' : '40P01' });
      return 'fait';
    });
    expect(value).toBe('fait');
    expect(attempts).toBe(3);
    // The failed attempts were rolled back: only the last one's row is there.
    expect((await store.db.selectFrom('settings').select('key').where('key', 'like', 'essai-%').execute()).map((r) => r.key)).toEqual(['essai-3']);
    let once = 0;
    await expect(
      transactionWithRetry(store.db, async () => {
        once++;
        throw new Error('autre');
      }),
    ).rejects.toThrow('autre');
    expect(once).toBe(1);
  });

  it('never shows a PostgreSQL password, and keeps the schema apart from the URL', () => {
    expect(redactPassword('postgres://maillage:s3cret@db.local:5432/reseau?sslmode=require')).toBe('postgres://maillage:***@db.local:5432/reseau?sslmode=require');
    const target = parsePostgresTarget('postgres://maillage:s3cret@db.local:5432/reseau?sslmode=require&schema=federation');
    expect(target.schema).toBe('federation');
    expect(target.connectionString).toBe('postgres://maillage:s3cret@db.local:5432/reseau?sslmode=require');
    expect(target.display).not.toContain('s3cret');
    expect(parsePostgresTarget('postgres://u@h/b').schema).toBe('maillage');
    expect(() => parsePostgresTarget('postgres://u@h/b?schema=Drop;Table')).toThrow(/pg.error.badSchema/);
  });
});

describe.runIf(!onSqlite)('PostgreSQL migrations', () => {
  it('creates the tables in its own schema, with identities, 8-byte reals and deferrable keys', async () => {
    const target = testTarget();
    const store = await open(target);
    const schema = new URL(target).searchParams.get('schema')!;
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${schema} order by table_name`.execute(store.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['organisations', 'time_entries', 'schema_migrations']));
    const inPublic = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = 'organisations'`.execute(store.db);
    expect(inPublic.rows[0]!.n).toBe(0);
    const id = await sql<{ is_identity: string; data_type: string }>`select is_identity, data_type from information_schema.columns where table_schema = ${schema} and table_name = 'organisations' and column_name = 'id'`.execute(store.db);
    expect(id.rows[0]).toEqual({ is_identity: 'YES', data_type: 'integer' });
    const real = await sql<{ data_type: string }>`select data_type from information_schema.columns where table_schema = ${schema} and table_name = 'indicator_values' and column_name = 'value'`.execute(store.db);
    expect(real.rows[0]!.data_type).toBe('double precision');
    const keys = await sql<{ n: number }>`select count(*) as n from information_schema.table_constraints where constraint_schema = ${schema} and constraint_type = 'FOREIGN KEY' and is_deferrable = 'NO'`.execute(store.db);
    expect(keys.rows[0]!.n).toBe(0);
    const versions = await store.db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    // Opening again runs nothing.
    const again = await openStore(target);
    expect(again.previousVersion).toBe(MIGRATIONS.at(-1)!.version);
    await again.close();
  });

  it('rolls a failing migration back entirely, and refuses a base written by a newer version', async () => {
    const target = testTarget();
    const failing: Migration = {
      version: 99,
      name: 'failing',
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('half_done').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()).execute();
        throw new Error('boom');
      },
    };
    await expect(openStore(target, { migrations: [...MIGRATIONS, failing] })).rejects.toThrow('boom');
    const store = await open(target);
    const half = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'half_done'`.execute(store.db);
    expect(half.rows[0]!.n).toBe(0);
    await store.db.insertInto('schema_migrations').values({ version: 99, name: 'future', applied_at: NOW.toISOString() }).execute();
    const error = await openStore(target).then(
      () => null,
      (e: unknown) => toApiError(e),
    );
    expect(error?.code).toBe('DATABASE_TOO_NEW');
    expect(error?.message).toMatch(/plus récente/);
  });

  it('is created empty by `init --db postgres://…`, and said so once', async () => {
    const target = testTarget();
    cleanup.push({ target });
    const first = cli();
    expect(await runCli(['init', '--db', target], first.io), first.err.join('')).toBe(0);
    const second = cli();
    expect(await runCli(['init', '--db', target], second.io), second.err.join('')).toBe(0);
    expect(first.out.join('')).not.toBe(second.out.join(''));
    expect(first.out.join('') + second.out.join('')).not.toContain(':maillage-test@');
    const check = cli();
    expect(await runCli(['check', '--db', target], check.io), check.err.join('')).toBe(0);
  });
});

describe.runIf(!onSqlite)('backups of a PostgreSQL base', () => {
  it('are the app’s archive, on the automatic schedule, listed like the others and restored by import --replace', async () => {
    const store = await open();
    const api = createApiCall(createHandlers(store, { runtime: 'test', now }));
    await api('organisations.create', { name: 'Ressourcerie sauvegardée', kind: 'member' });
    const dataDir = tempDir();
    const made = new Promise<Backup>((resolve) => {
      const stop = startAutomaticBackups(store, { dataDir, now, onBackup: (backup) => void stop().then(() => resolve(backup)) });
    });
    const backup = await made;
    expect(backup.kind).toBe('auto');
    expect(backup.name).toMatch(/^postgresql-maillage_test-t\w+-auto-2026-11-15T09-00-00\.json$/);
    const anchor = path.join(dataDir, backup.name.replace(/-auto-.*$/, '.json'));
    expect(listBackups(anchor).map((b) => b.name)).toEqual([backup.name]);

    await api('organisations.create', { name: 'Écrite après la sauvegarde', kind: 'member' });
    const c = cli();
    // The archive of the replaced content goes beside the automatic ones, not into this machine's real data folder.
    process.env.MAILLAGE_DATA_DIR = dataDir;
    try {
      expect(await runCli(['import', path.join(dataDir, 'backups', backup.name), '--replace', '--db', testTargetOf(store)], c.io), c.err.join('')).toBe(0);
    } finally {
      delete process.env.MAILLAGE_DATA_DIR;
    }
    expect(fs.readdirSync(path.join(dataDir, 'backups')).some((n) => n.includes('-avant-import-'))).toBe(true);
    expect((await store.db.selectFrom('organisations').select('name').execute()).map((o) => o.name)).toEqual(['Ressourcerie sauvegardée']);
  });
});

describe.runIf(!onSqlite)('copy between engines', () => {
  it('copies SQLite → PostgreSQL → SQLite, every record, and the archives differ only by their date', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const source = path.join(dir, 'source.sqlite');
    const demo = await openStore(source);
    await generateDemo(createApiCall(createHandlers(demo, { runtime: 'test', now })), { now: NOW });
    const expected = serializeArchive(await exportArchive(demo.db, { schemaVersion: demo.schemaVersion, now }));
    await demo.close();

    const shared = testTarget();
    cleanup.push({ target: shared });
    const there = cli();
    expect(await runCli(['copy', '--from', source, '--to', shared], there.io), there.err.join('')).toBe(0);
    expect(there.out.join('')).toMatch(/enregistrements copiés/);
    expect(there.out.join('')).not.toContain(':maillage-test@');

    const onPg = await open(shared);
    expect(serializeArchive(await exportArchive(onPg.db, { schemaVersion: onPg.schemaVersion, now }))).toBe(expected);
    // The next generated id follows the copied ones.
    const api = createApiCall(createHandlers(onPg, { runtime: 'test', now }));
    const maxId = (await onPg.db.selectFrom('organisations').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m;
    const created = await api('organisations.create', { name: 'Nouvelle ressourcerie partagée', kind: 'member' });
    expect(created.id).toBe(Number(maxId) + 1);
    await onPg.db.deleteFrom('organisations').where('id', '=', created.id).execute();
    await onPg.db.deleteFrom('audit_log').where('entity', '=', 'organisation').where('entity_id', '=', created.id).execute();

    const back = path.join(dir, 'retour.sqlite');
    const home = cli();
    expect(await runCli(['copy', '--from', shared, '--to', back], home.io), home.err.join('')).toBe(0);
    const returned = await open(back);
    const archive = await exportArchive(returned.db, { schemaVersion: returned.schemaVersion, now: () => new Date('2027-01-01T00:00:00Z') });
    const withoutDate = (text: string) => text.replace(/"exportedAt": ?"[^"]+"/, '"exportedAt":""');
    expect(withoutDate(serializeArchive(archive))).toBe(withoutDate(expected));
    expect(fs.existsSync(back)).toBe(true);
  });

  it('refuses a target that is not empty, and writes nothing', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'source.sqlite');
    const a = await open(source);
    await createApiCall(createHandlers(a, { runtime: 'test', now }))('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    const shared = testTarget();
    const b = await open(shared);
    await createApiCall(createHandlers(b, { runtime: 'test', now }))('organisations.create', { name: 'Déjà là', kind: 'member' });
    const c = cli();
    expect(await runCli(['copy', '--from', source, '--to', shared], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/n’est pas vide/);
    expect(await b.db.selectFrom('organisations').select('name').execute()).toEqual([{ name: 'Déjà là' }]);
  });
});
