import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import {
  createBackup,
  describeBackupName,
  inspectCandidate,
  listBackups,
  pruneBackups,
  resolveBackupPath,
  restoreDatabase,
  startAutomaticBackups,
} from '../../electron/features/data/backup';
import { StoreHolder } from '../../electron/features/data/store-holder';
import { LATEST_SCHEMA_VERSION } from '../../electron/store/migrations/index';
import { backupsDirFor, openStore } from '../../electron/store/open';
import { safeFileName } from '../../shared/api/files';
import { FIXED_NOW, onSqlite, openTestApp, tempDir, type TestApp } from '../helpers/store';

const org = (name: string) => ({ name, kind: 'member' as const });
let apps: TestApp[] = [];
let holders: StoreHolder[] = [];
afterEach(async () => {
  for (const a of apps) await a.close().catch(() => undefined);
  for (const h of holders) await h.close().catch(() => undefined);
  apps = [];
  holders = [];
});

async function app(): Promise<TestApp> {
  const a = await openTestApp();
  apps.push(a);
  return a;
}

/** The same dispatcher as web mode: handlers over a StoreHolder, so that restore can reopen the file. */
async function heldApp(file = path.join(tempDir(), 'maillage.sqlite')) {
  const holder = await StoreHolder.open(file);
  holders.push(holder);
  const dispatch = createDispatcher(createHandlers(holder, { runtime: 'test', now: () => FIXED_NOW }), { validateOutput: true });
  const call = async (method: string, input: unknown = {}) => {
    const result = await dispatch(method, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { apiError: result.error });
    return result.value as never;
  };
  const count = (table: string) => (holder.sqlite!.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { holder, dispatch, call, count, file };
}

describe.runIf(onSqlite)('backups', () => {
  it('copies the open database through the online backup into backups/, as one self-contained file', async () => {
    const a = await app();
    await a.call('organisations.create', org('Ressourcerie du Pays de Tulle'));
    const backup = await createBackup(a.store, 'manuel', new Date('2026-03-12T10:00:00Z'));
    expect(backup.name).toBe('maillage-manuel-2026-03-12T10-00-00.sqlite');
    const file = path.join(backupsDirFor(a.file), backup.name);
    expect(fs.readdirSync(backupsDirFor(a.file))).toEqual([backup.name]);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT name FROM organisations').all()).toEqual([{ name: 'Ressourcerie du Pays de Tulle' }]);
    copy.close();
    // A second one in the same second gets its own name.
    expect((await createBackup(a.store, 'manuel', new Date('2026-03-12T10:00:00Z'))).name).toBe('maillage-manuel-2026-03-12T10-00-00-2.sqlite');
    expect(listBackups(a.file).map((b) => b.kind)).toEqual(['manuel', 'manuel']);
  });

  it('reads the kind and date of the backups other parts of the app make', () => {
    expect(describeBackupName('maillage-avant-migration-v1-2026-03-12T10-00-00.sqlite')).toEqual({ at: new Date('2026-03-12T10:00:00Z'), kind: 'avant-migration' });
    expect(describeBackupName('maillage-avant-restauration-2026-03-12T10-00-00.sqlite').kind).toBe('avant-restauration');
    expect(describeBackupName('maillage-auto-2026-03-12T10-00-00.sqlite').kind).toBe('auto');
    expect(describeBackupName('copie.sqlite')).toEqual({ at: null, kind: 'autre' });
  });

  it('prunes automatic backups only, by the 7/4/12 rule', async () => {
    const a = await app();
    const dir = backupsDirFor(a.file);
    for (let d = 0; d < 60; d++) await createBackup(a.store, 'auto', new Date(Date.UTC(2026, 2, 12) - d * 86_400_000));
    await createBackup(a.store, 'manuel', new Date('2025-01-01T00:00:00Z'));
    fs.writeFileSync(path.join(dir, 'ancienne.sqlite.tmp'), 'x');
    fs.utimesSync(path.join(dir, 'ancienne.sqlite.tmp'), new Date('2020-01-01'), new Date('2020-01-01'));
    const removed = pruneBackups(a.file);
    const left = listBackups(a.file);
    expect(left.filter((b) => b.kind === 'auto').length).toBe(60 - removed.length);
    expect(left.filter((b) => b.kind === 'auto').length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(left.some((b) => b.kind === 'manuel')).toBe(true);
    expect(fs.existsSync(path.join(dir, 'ancienne.sqlite.tmp'))).toBe(false);
  });

  it('backs up at start and then when the last automatic one is a day old; stop waits for the copy', async () => {
    const a = await app();
    let clock = new Date('2026-03-12T08:00:00Z');
    const made: string[] = [];
    const stop = startAutomaticBackups(a.store, { now: () => clock, checkEveryMs: 20, onBackup: (b) => made.push(b.name) });
    await new Promise((r) => setTimeout(r, 120));
    expect(made).toEqual(['maillage-auto-2026-03-12T08-00-00.sqlite']);
    clock = new Date('2026-03-13T08:00:01Z');
    await new Promise((r) => setTimeout(r, 120));
    await stop();
    expect(made).toEqual(['maillage-auto-2026-03-12T08-00-00.sqlite', 'maillage-auto-2026-03-13T08-00-01.sqlite']);
  });
});

describe.runIf(onSqlite)('backup names never leave the backups folder', () => {
  it('refuses folders, "..", absolute paths and other files', async () => {
    const a = await app();
    const { name } = await createBackup(a.store, 'manuel');
    expect(resolveBackupPath(a.file, name)).toBe(path.join(backupsDirFor(a.file), name));
    for (const bad of ['../maillage.sqlite', '..\\maillage.sqlite', '/etc/passwd', 'sous/dossier.sqlite', '..', 'x.sqlite/../../maillage.sqlite', 'C:\\Windows\\x.sqlite', 'a\u0000.sqlite', 'maillage.sqlite-wal']) {
      expect(() => resolveBackupPath(a.file, bad), bad).toThrow(/badName/);
    }
    expect(() => resolveBackupPath(a.file, 'absente.sqlite')).toThrow(/notFound/);
  });

  it('reduces a document name to a bare file name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\Windows\\system.ini')).toBe('system.ini');
    expect(safeFileName('rapport<2026>:final?.docx')).toBe('rapport2026final.docx');
    expect(safeFileName('...')).toBe('document');
    expect(safeFileName('/')).toBe('document');
  });
});

describe.runIf(onSqlite)('restore', () => {
  it('puts a backup back through the API, reopening the store, and keeps a copy of the replaced database', async () => {
    const h = await heldApp();
    await h.call('organisations.create', org('Avant'));
    const backup = (await h.call('data.backups.create')) as { name: string };
    await h.call('organisations.create', org('Après'));
    expect(h.count('organisations')).toBe(2);

    const result = (await h.call('data.backups.restore', { name: backup.name })) as { safetyBackup: string; schemaVersion: number; migrated: boolean };
    expect(result).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, migrated: false });
    // The same handlers now read the restored file.
    const list = (await h.call('organisations.list')) as { items: { name: string }[] };
    expect(list.items.map((o) => o.name)).toEqual(['Avant']);
    expect(fs.existsSync(`${h.file}-wal`) ? fs.statSync(`${h.file}-wal`).size >= 0 : true).toBe(true);
    // The safety copy holds the database as it was just before.
    const safety = new Database(path.join(backupsDirFor(h.file), result.safetyBackup), { readonly: true });
    expect(safety.prepare('SELECT COUNT(*) AS n FROM organisations').get()).toEqual({ n: 2 });
    safety.close();
    // The restore itself is in the change log of the restored database.
    expect(h.holder.sqlite!.prepare("SELECT action FROM audit_log WHERE entity = 'database'").all()).toEqual([{ action: 'restore' }]);
    // The web mode's holder is still usable for writes.
    await h.call('organisations.create', org('Encore'));
    expect(h.count('organisations')).toBe(2);
  });

  it('refuses a corrupted backup (truncated, or bytes overwritten) and changes nothing', async () => {
    const h = await heldApp();
    for (let i = 0; i < 300; i++) await h.call('organisations.create', { ...org(`Structure ${i}`), note: 'x'.repeat(400) });
    const backup = (await h.call('data.backups.create')) as { name: string };
    const file = path.join(backupsDirFor(h.file), backup.name);
    const size = fs.statSync(file).size;
    const bytes = fs.readFileSync(file);

    const truncated = path.join(backupsDirFor(h.file), 'maillage-tronquee.sqlite');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(size / 2)));
    const overwritten = path.join(backupsDirFor(h.file), 'maillage-abimee.sqlite');
    const damaged = Buffer.from(bytes);
    // Scribble over the middle of the file (table b-tree pages), leaving the header intact.
    for (let i = 4096 * 3; i < Math.min(size, 4096 * 8); i++) damaged[i] = (i * 31) % 256;
    fs.writeFileSync(overwritten, damaged);
    const notSqlite = path.join(backupsDirFor(h.file), 'maillage-texte.sqlite');
    fs.writeFileSync(notSqlite, 'Ceci est un texte, pas une base.'.repeat(40));

    await h.call('organisations.create', org('Après la sauvegarde'));
    const before = fs.readFileSync(h.file);
    const backupsBefore = fs.readdirSync(backupsDirFor(h.file)).sort();
    for (const [name, pattern] of [
      ['maillage-tronquee.sqlite', /endommagée|ne peut pas être ouverte/],
      ['maillage-abimee.sqlite', /endommagée|ne peut pas être ouverte/],
      ['maillage-texte.sqlite', /pas une base de données SQLite/],
    ] as const) {
      const res = await h.dispatch('data.backups.restore', { name });
      expect(res.ok, name).toBe(false);
      if (!res.ok) expect(res.error.message).toMatch(pattern);
    }
    expect(h.count('organisations')).toBe(301);
    expect(fs.readFileSync(h.file).equals(before)).toBe(true);
    // No safety copy, no left-over: a bad file changes nothing at all.
    expect(fs.readdirSync(backupsDirFor(h.file)).sort()).toEqual(backupsBefore);
  });

  it('refuses a database from a newer version, a foreign SQLite file, and broken references', async () => {
    const dir = tempDir();
    const newer = path.join(dir, 'newer.sqlite');
    const s = await openStore(newer);
    s.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'futur', '2030-01-01');
    await s.close();
    expect(() => inspectCandidate(newer)).toThrow(/tooNew/);

    const foreign = path.join(dir, 'autre.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, texte TEXT); INSERT INTO notes VALUES (1, \'x\')');
    f.close();
    expect(() => inspectCandidate(foreign)).toThrow(/notMaillage/);

    const orphans = path.join(dir, 'orphans.sqlite');
    const o = await openStore(orphans);
    o.sqlite.pragma('foreign_keys = OFF');
    o.sqlite.prepare("INSERT INTO affiliations (person_id, organisation_id, role, start_date) VALUES (99, 98, 'x', '2026-01-01')").run();
    await o.close();
    expect(() => inspectCandidate(orphans)).toThrow(/foreignKeys/);
  });

  it('restores an older-version backup and migrates it', async () => {
    const dir = tempDir();
    const old = path.join(dir, 'old.sqlite');
    const { MIGRATIONS } = await import('../../electron/store/migrations/index');
    const s = await openStore(old, { migrations: MIGRATIONS.slice(0, 1) });
    await s.db.insertInto('settings').values({ key: 'k', value: '"ancienne"' }).execute();
    await s.close();
    const h = await heldApp(path.join(dir, 'maillage.sqlite'));
    const result = await restoreDatabase(h.holder, old);
    expect(result).toMatchObject({ migrated: true, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(h.holder.sqlite!.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '"ancienne"' });
  });

  it('is refused where the store cannot be reopened (plain store), pointing to the CLI', async () => {
    const a = await app();
    const { name } = await a.call('data.backups.create', {});
    const error = await a.fail('data.backups.restore', { name });
    expect(error).toMatchObject({ code: 'FORBIDDEN', key: 'data.restore.unavailable' });
  });
});
