import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteOnly } from '../../electron/store/engine';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { runCli } from '../../electron/cli/run';
import { exportArchive, writeArchiveFile } from '../../electron/features/archive/export';
import { importArchive } from '../../electron/features/archive/import';
import { createBackup, restoreDatabase } from '../../electron/features/data/backup';
import { erasePerson } from '../../electron/features/data/privacy';
import { StoreHolder } from '../../electron/features/data/store-holder';
import type { Archive } from '../../shared/features/archive/schemas';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/**
 * Issue 10, item 2: an erasure (art. 17 RGPD) must not be undone by loading older data. The
 * register of erasures survives imports and restores, and whoever comes back is erased again.
 */

const root = path.resolve(import.meta.dirname, '../..');
/** Spawning tsx costs seconds on a busy machine. */
const SLOW = 180_000;
const ERASED = 'Personne anonymisée';

let dir: string;
const apps: TestApp[] = [];
const holders: StoreHolder[] = [];
beforeEach(() => {
  dir = tempDir('maillage-register-');
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close().catch(() => undefined);
  for (const h of holders.splice(0)) await h.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function app(file = path.join(dir, 'maillage.sqlite'), now = FIXED_NOW): Promise<TestApp> {
  const a = await openTestApp(file, now);
  apps.push(a);
  return a;
}

async function seed(a: TestApp) {
  const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
  const marie = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont', email: 'marie@vezere.fr', phone: '05 55 00 00 00', city: 'Allassac' });
  await a.call('people.addAffiliation', { personId: marie.id, organisationId: org.id, role: 'Directrice', startDate: '2020-01-01' });
  return { org, marie };
}

function spawnCli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['electron/cli/main.ts', ...args],
      { cwd: root, env: { ...process.env, MAILLAGE_DATA_DIR: path.join(dir, 'userdata') }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function cliIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), now: () => FIXED_NOW } };
}

const register = (a: TestApp) => sqliteOnly(a.store).sqlite.prepare('SELECT person_id, person_created_at, erased_at, kept_records, kept_tables, kept_reason FROM erasures ORDER BY id').all();
const erasures = async (a: TestApp, personId: number) =>
  (await a.call('audit.list', { entity: 'person', entityId: personId })).items.filter((e) => e.action === 'erase');

describe('register of erasures', () => {
  it('export, erase, import --replace on the command line: she stays erased, the register and a change-log line say so, and the user is told', { timeout: SLOW }, async () => {
    const file = path.join(dir, 'maillage.sqlite');
    const a = await app(file);
    const { marie } = await seed(a);
    const archiveFile = path.join(dir, 'a.json');
    writeArchiveFile(archiveFile, await exportArchive(a.store.db, { schemaVersion: a.store.schemaVersion, now: () => FIXED_NOW }));
    await a.call('privacy.erase', { personId: marie.id, confirm: true });
    expect(register(a)).toEqual([
      { person_id: marie.id, person_created_at: FIXED_NOW.toISOString(), erased_at: FIXED_NOW.toISOString(), kept_records: 0, kept_tables: '[]', kept_reason: null },
    ]);
    await a.close();

    const run = await spawnCli('import', archiveFile, '--replace', '--db', file);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 effacement RGPD ré-appliqué');

    const b = await app(file);
    const { person } = await b.call('people.get', { id: marie.id });
    expect(person).toMatchObject({ firstName: ERASED, lastName: `n° ${marie.id}`, email: null, phone: null, city: null });
    // The register outlived the import; the erasure is in the change log again, marked as applied again.
    expect(register(b)).toHaveLength(1);
    const lines = await erasures(b, marie.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.summary).toMatchObject({ reapplied: true, erasedAt: FIXED_NOW.toISOString() });
    // Nothing about her is left in a form the app would show.
    expect(JSON.stringify(await b.call('privacy.personExport', { personId: marie.id }))).not.toContain('marie@vezere.fr');
  });

  it('a restore of a backup older than the erasure (through the API) erases her again and says how many', async () => {
    const file = path.join(dir, 'maillage.sqlite');
    const holder = await StoreHolder.open(file);
    holders.push(holder);
    const dispatch = createDispatcher(createHandlers(holder, { runtime: 'test', now: () => FIXED_NOW }), { validateOutput: true });
    const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
      const result = await dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    };
    const marie = await call<{ id: number }>('people.create', { firstName: 'Marie', lastName: 'Dupont', email: 'marie@vezere.fr' });
    const paul = await call<{ id: number }>('people.create', { firstName: 'Paul', lastName: 'Martin', email: 'paul@vezere.fr' });
    const backup = await call<{ name: string }>('data.backups.create');
    await call('privacy.erase', { personId: marie.id, confirm: true });

    const result = await call<{ erasuresReapplied: number }>('data.backups.restore', { name: backup.name });
    expect(result.erasuresReapplied).toBe(1);
    const restored = await call<{ person: { firstName: string; email: string | null } }>('people.get', { id: marie.id });
    expect(restored.person).toMatchObject({ firstName: ERASED, email: null });
    // Paul was never erased: the backup gives him back as he was.
    expect((await call<{ person: { email: string | null } }>('people.get', { id: paul.id })).person.email).toBe('paul@vezere.fr');
    expect(sqliteOnly(holder).sqlite.prepare('SELECT person_id FROM erasures').all()).toEqual([{ person_id: marie.id }]);
    const log = await call<{ items: { action: string; summary: Record<string, unknown> }[] }>('audit.list', { entity: 'person', entityId: marie.id });
    expect(log.items.filter((e) => e.action === 'erase').map((e) => e.summary.reapplied)).toEqual([true]);
  });

  it('a restore that cannot erase her again puts the database back as it was, erasure included', async () => {
    const file = path.join(dir, 'maillage.sqlite');
    const holder = await StoreHolder.open(file);
    holders.push(holder);
    const ctx = { db: holder.db, now: () => FIXED_NOW, runtime: 'test' as const };
    const { id } = await holder.db
      .insertInto('people')
      .values({ first_name: 'Marie', last_name: 'Dupont', search_key: 'marie dupont', email: 'marie@vezere.fr', created_at: FIXED_NOW.toISOString(), updated_at: FIXED_NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const backup = await createBackup(holder, 'manuel', FIXED_NOW);
    // A backup in which the person cannot be changed any more (a rule the app does not know).
    const backupFile = path.join(dir, 'backups', backup.name);
    const raw = new Database(backupFile);
    raw.exec("CREATE TRIGGER frozen BEFORE UPDATE ON people BEGIN SELECT RAISE(ABORT, 'figée'); END");
    raw.close();
    await erasePerson(ctx, id);

    await expect(restoreDatabase(holder, backupFile, { now: FIXED_NOW, runtime: 'test' })).rejects.toThrow(/figée/);
    expect(sqliteOnly(holder).sqlite.prepare('SELECT first_name, email FROM people WHERE id = ?').get(id)).toEqual({ first_name: ERASED, email: null });
    expect(sqliteOnly(holder).sqlite.prepare('SELECT COUNT(*) AS n FROM erasures').get()).toEqual({ n: 1 });
  });

  it('the restore command tells how many erasures it applied again', async () => {
    const file = path.join(dir, 'maillage.sqlite');
    const a = await app(file);
    const { marie } = await seed(a);
    const c = cliIo();
    const backupFile = path.join(dir, 'avant.sqlite');
    await a.close();
    expect(await runCli(['backup', backupFile, '--db', file], c.io), c.err.join('')).toBe(0);
    const b = await app(file);
    await b.call('privacy.erase', { personId: marie.id, confirm: true });
    await b.close();

    expect(await runCli(['restore', backupFile, '--db', file], c.io), c.err.join('')).toBe(0);
    expect(c.out.join('')).toContain('1 effacement RGPD ré-appliqué');
    const after = await app(file);
    expect((await after.call('people.get', { id: marie.id })).person).toMatchObject({ firstName: ERASED, email: null });
  });

  it('keeps, in the register, what was kept and why; an old archive gets her legal name back only for the approved minutes', async () => {
    const a = await app();
    const { org, marie } = await seed(a);
    const first = await a.call('meetings.create', { kind: 'coordination', title: 'Réunion de coordination', date: '2026-01-15', chairPersonId: marie.id });
    await a.call('meetings.addAttendee', { meetingId: first.id, personId: marie.id, organisationId: org.id, invited: true, voting: true, status: 'present' });
    const next = await a.call('meetings.create', { kind: 'coordination', title: 'Réunion suivante', date: '2026-02-20' });
    await a.call('meetings.finalize', { id: first.id });
    await a.call('meetings.approveMinutes', { meetingId: first.id, approvedByMeetingId: next.id });
    const before = await exportArchive(a.store.db, { schemaVersion: a.store.schemaVersion, now: () => FIXED_NOW });
    await a.call('privacy.erase', { personId: marie.id, confirm: true });
    expect(register(a)).toEqual([expect.objectContaining({ kept_records: 2, kept_tables: '["attendances","meetings"]', kept_reason: 'legal_records' })]);

    const summary = await importArchive(a.store.db, before, { schemaVersion: a.store.schemaVersion, replace: true, now: () => FIXED_NOW, runtime: 'test' });
    expect(summary.erasuresReapplied).toBe(1);
    expect((await a.call('people.get', { id: marie.id })).person.firstName).toBe(ERASED);
    const sheet = await a.call('meetings.attendanceSheetData', { id: first.id });
    expect(sheet.attendances.map((x) => x.personName)).toEqual(['Marie Dupont']);
  });

  it('travels in the archive: an archive whose register names someone it still holds un-erased is erased on import', async () => {
    const a = await app();
    const { marie } = await seed(a);
    const before = await exportArchive(a.store.db, { schemaVersion: a.store.schemaVersion, now: () => FIXED_NOW });
    await a.call('privacy.erase', { personId: marie.id, confirm: true });
    const after = await exportArchive(a.store.db, { schemaVersion: a.store.schemaVersion, now: () => FIXED_NOW });
    expect(after.tables.erasures).toEqual([expect.objectContaining({ person_id: marie.id, kept_reason: null })]);

    // An archive put together from an old copy and the register (a hand-edited or merged file).
    const mixed: Archive = { ...before, tables: { ...before.tables, erasures: after.tables.erasures! } };
    const empty = await app(path.join(dir, 'neuve.sqlite'));
    const summary = await importArchive(empty.store.db, JSON.parse(JSON.stringify(mixed)), { schemaVersion: empty.store.schemaVersion, now: () => FIXED_NOW, runtime: 'test' });
    expect(summary.erasuresReapplied).toBe(1);
    expect((await empty.call('people.get', { id: marie.id })).person).toMatchObject({ firstName: ERASED, email: null });

    // The archive made after the erasure needs nothing applied again.
    const other = await app(path.join(dir, 'autre.sqlite'));
    expect((await importArchive(other.store.db, after, { schemaVersion: other.store.schemaVersion, now: () => FIXED_NOW })).erasuresReapplied).toBe(0);
    expect(register(other)).toHaveLength(1);
  });

  it('does not erase someone else who has the same number in another database, and keeps the register for later', async () => {
    const a = await app();
    const { marie } = await seed(a);
    const old = await exportArchive(a.store.db, { schemaVersion: a.store.schemaVersion, now: () => FIXED_NOW });
    await a.call('privacy.erase', { personId: marie.id, confirm: true });

    // Another network's database, begun on another day: its person n° 1 is Jeanne.
    const elsewhere = await app(path.join(dir, 'autre.sqlite'), new Date('2025-05-05T08:00:00Z'));
    const jeanne = await elsewhere.call('people.create', { firstName: 'Jeanne', lastName: 'Roux', email: 'jeanne@ailleurs.fr' });
    expect(jeanne.id).toBe(marie.id);
    const foreign = await exportArchive(elsewhere.store.db, { schemaVersion: elsewhere.store.schemaVersion, now: () => FIXED_NOW });

    const summary = await importArchive(a.store.db, foreign, { schemaVersion: a.store.schemaVersion, replace: true, now: () => FIXED_NOW });
    expect(summary.erasuresReapplied).toBe(0);
    expect((await a.call('people.get', { id: jeanne.id })).person).toMatchObject({ firstName: 'Jeanne', email: 'jeanne@ailleurs.fr' });
    // Marie's line stays in the register: loading her old data later still erases her.
    expect(register(a)).toHaveLength(1);
    expect((await importArchive(a.store.db, old, { schemaVersion: a.store.schemaVersion, replace: true, now: () => FIXED_NOW })).erasuresReapplied).toBe(1);
    expect((await a.call('people.get', { id: marie.id })).person.firstName).toBe(ERASED);
  });
});
