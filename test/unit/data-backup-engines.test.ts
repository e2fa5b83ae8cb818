import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { createApiCall } from '../../electron/cli/api';
import { runCli } from '../../electron/cli/run';
import { encodeWindows1252 } from '../../electron/features/data/sheets/encoding';
import { StoreHolder } from '../../electron/features/data/store-holder';
import { openStore, type Store } from '../../electron/store/engine';
import { LATEST_SCHEMA_VERSION } from '../../electron/store/migrations/index';
import type { ApiError } from '../../shared/api/errors';
import { bytesToBase64 } from '../../shared/api/files';
import { dropTestTarget, FIXED_NOW, onSqlite, tempDir, testTarget } from '../helpers/store';

/**
 * What the Données page and « undo the import » do, on either engine: copies of the SQLite file,
 * or on PostgreSQL the app's archive in the data folder's backups/, put back in one transaction.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** Handlers over a StoreHolder, as in web mode and Electron. */
async function heldApp() {
  const target = testTarget();
  const dataDir = tempDir('maillage-data-');
  const holder = await StoreHolder.open(target);
  cleanups.push(() => dropTestTarget(target), () => holder.close());
  const dispatch = createDispatcher(createHandlers(holder, { runtime: 'test', now: () => FIXED_NOW, dataDir }), { validateOutput: true });
  const call = async <T = never>(method: string, input: unknown = {}): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { apiError: result.error });
    return result.value as T;
  };
  const fail = async (method: string, input: unknown = {}): Promise<ApiError> => {
    const result = await dispatch(method, input);
    if (result.ok) throw new Error(`${method} was expected to fail`);
    return result.error;
  };
  const names = async () => (await call<{ items: { name: string }[] }>('organisations.list', {})).items.map((o) => o.name).sort();
  return { holder, call, fail, names, dataDir };
}

interface BackupList {
  folder: string;
  items: { name: string; kind: string; bytes: number }[];
}

const csv = bytesToBase64(encodeWindows1252(['Raison sociale;Commune', 'Ressourcerie importée;Tulle', 'Recyclerie importée;Brive'].join('\r\n') + '\r\n'));

describe('backups on both engines (Données page)', () => {
  it('makes, lists and names a backup: a copy of the file on SQLite, an archive in the data folder on PostgreSQL', async () => {
    const h = await heldApp();
    expect((await h.call<BackupList>('data.backups.list')).items).toEqual([]);
    const made = await h.call<{ name: string; kind: string; bytes: number }>('data.backups.create', {});
    expect(made.kind).toBe('manuel');
    expect(made.name).toMatch(onSqlite ? /-manuel-2026-.*\.sqlite$/ : /^postgresql-.*-manuel-2026-.*\.json$/);
    const list = await h.call<BackupList>('data.backups.list');
    expect(list.items.map((b) => [b.name, b.kind])).toEqual([[made.name, 'manuel']]);
    expect(fs.statSync(path.join(list.folder, made.name)).size).toBe(made.bytes);
    if (!onSqlite) expect(list.folder).toBe(path.join(h.dataDir, 'backups'));
    expect((await h.call<{ kind: string }>('data.backups.create', { kind: 'avant-import' })).kind).toBe('avant-import');
  });

  it('undoes an import: the backup taken before it is put back, a copy of what it replaced kept, the base still writable', async () => {
    const h = await heldApp();
    await h.call('organisations.create', { name: 'Déjà là', kind: 'member' });
    const before = await h.call<{ name: string }>('data.backups.create', { kind: 'avant-import' });
    await h.call('data.import.commit', { fileName: 'structures.csv', base64: csv, type: 'organisations' });
    expect(await h.names()).toEqual(['Déjà là', 'Recyclerie importée', 'Ressourcerie importée']);

    const result = await h.call<{ restoredFrom: string; safetyBackup: string; schemaVersion: number; migrated: boolean }>('data.backups.restore', { name: before.name });
    expect(result).toMatchObject({ restoredFrom: before.name, schemaVersion: LATEST_SCHEMA_VERSION, migrated: false });
    expect(await h.names()).toEqual(['Déjà là']);
    const list = await h.call<BackupList>('data.backups.list');
    expect(list.items.find((b) => b.name === result.safetyBackup)?.kind).toBe('avant-restauration');
    const changes = await sql<{ action: string }>`select action from audit_log where entity = 'database'`.execute(h.holder.db);
    expect(changes.rows).toEqual([{ action: 'restore' }]);
    // The safety backup holds what the restore replaced: putting it back redoes the import.
    await h.call('data.backups.restore', { name: result.safetyBackup });
    expect(await h.names()).toEqual(['Déjà là', 'Recyclerie importée', 'Ressourcerie importée']);
    await h.call('organisations.create', { name: 'Après coup', kind: 'member' });
    expect(await h.names()).toContain('Après coup');
  });

  it('does not bring back a person erased since the backup', async () => {
    const h = await heldApp();
    const person = await h.call<{ id: number }>('people.create', { firstName: 'Hélène', lastName: 'Durand', email: 'helene@example.org' });
    const backup = await h.call<{ name: string }>('data.backups.create', {});
    await h.call('privacy.erase', { personId: person.id, confirm: true });
    const result = await h.call<{ erasuresReapplied: number }>('data.backups.restore', { name: backup.name });
    expect(result.erasuresReapplied).toBe(1);
    const people = await h.holder.db.selectFrom('people').select(['last_name']).execute();
    expect(people.map((p) => p.last_name)).not.toContain('Durand');
  });

  it('refuses a damaged backup or a name outside the backups folder, and changes nothing', async () => {
    const h = await heldApp();
    await h.call('organisations.create', { name: 'Intacte', kind: 'member' });
    const backup = await h.call<{ name: string }>('data.backups.create', {});
    const { folder } = await h.call<BackupList>('data.backups.list');
    const file = path.join(folder, backup.name);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size / 2)));
    await h.call('organisations.create', { name: 'Écrite après', kind: 'member' });
    const error = await h.fail('data.backups.restore', { name: backup.name });
    expect(['VALIDATION', 'ARCHIVE_INVALID']).toContain(error.code);
    expect(await h.names()).toEqual(['Intacte', 'Écrite après'].sort());
    for (const name of ['../x.json', 'x.sqlite.txt', onSqlite ? 'x.json' : 'x.sqlite']) expect((await h.fail('data.backups.restore', { name })).key).toBe('data.backup.badName');
  });
});

describe('backup and restore commands on both engines', () => {
  it('backs up (a copy of the file, or the archive in the data folder) and puts it back', async () => {
    const target = testTarget();
    const dataDir = tempDir('maillage-data-');
    cleanups.push(() => dropTestTarget(target));
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), now: () => FIXED_NOW } };
    };
    const withStore = async <T>(fn: (api: ReturnType<typeof createApiCall>, store: Store) => Promise<T>): Promise<T> => {
      const store = await openStore(target);
      try {
        return await fn(createApiCall(createHandlers(store, { runtime: 'test', now: () => FIXED_NOW })), store);
      } finally {
        await store.close();
      }
    };
    await withStore((api) => api('organisations.create', { name: 'Sauvegardée', kind: 'member' }));
    process.env.MAILLAGE_DATA_DIR = dataDir;
    try {
      const backup = io();
      expect(await runCli(['backup', '--db', target], backup.io), backup.err.join('')).toBe(0);
      const dir = onSqlite ? path.join(path.dirname(target), 'backups') : path.join(dataDir, 'backups');
      const [file] = fs.readdirSync(dir).filter((n) => n.includes('-manuel-'));
      expect(file).toMatch(onSqlite ? /\.sqlite$/ : /\.json$/);
      await withStore((api) => api('organisations.create', { name: 'Écrite après', kind: 'member' }));
      const restore = io();
      expect(await runCli(['restore', path.join(dir, file!), '--db', target], restore.io), restore.err.join('')).toBe(0);
    } finally {
      delete process.env.MAILLAGE_DATA_DIR;
    }
    const names = await withStore(async (_api, store) => (await store.db.selectFrom('organisations').select('name').execute()).map((o) => o.name));
    expect(names).toEqual(['Sauvegardée']);
  });
});
