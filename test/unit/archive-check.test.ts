import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteOnly } from '../../electron/store/engine';
import { AppError } from '../../shared/api/errors';
import type { Archive } from '../../shared/features/archive/schemas';
import { exportArchive, writeArchiveFile } from '../../electron/features/archive/export';
import { countArchivedRows, importArchive } from '../../electron/features/archive/import';
import { checkDatabase } from '../../electron/features/data/check';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/**
 * Issue 10, item 4: an archive that `check` would fault must not get in. Every rule of `check`
 * runs inside the import's transaction; a fault refuses the archive, naming the row's JSON path.
 */

const root = path.resolve(import.meta.dirname, '../..');
const SLOW = 180_000;

let dir: string;
const apps: TestApp[] = [];
beforeEach(() => {
  dir = tempDir('maillage-archive-check-');
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function app(name = 'maillage.sqlite'): Promise<TestApp> {
  const a = await openTestApp(path.join(dir, name));
  apps.push(a);
  return a;
}

const SETTINGS = {
  associationName: 'Réseau des ressourceries du Limousin',
  etpHours: 1607,
  defaultHourlyValueCents: 2000,
  financialYearStartMonth: 1,
  defaultFeeCents: 5000,
};

/** A small sound database and its archive. */
async function sourceArchive(): Promise<{ a: TestApp; archive: Archive }> {
  const a = await app('source.sqlite');
  await a.call('settings.update', SETTINGS);
  await a.call('privacy.settings.save', { reviewAfterYears: 3 });
  const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
  const marie = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont' });
  await a.call('people.addAffiliation', { personId: marie.id, organisationId: org.id, role: 'Directrice', startDate: '2020-01-01' });
  await a.call('memberships.save', { organisationId: org.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: marie.id });
  const archive = await exportArchive(a.store.db, { schemaVersion: a.store.schemaVersion, now: () => FIXED_NOW });
  return { a, archive: JSON.parse(JSON.stringify(archive)) as Archive };
}

function withSetting(archive: Archive, key: string, value: string): { archive: Archive; index: number } {
  const rows = archive.tables.settings!;
  const index = rows.findIndex((r) => r.key === key);
  expect(index).toBeGreaterThanOrEqual(0);
  rows[index] = { key, value };
  return { archive, index };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the import was accepted');
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

describe('check knows the settings', () => {
  it('faults a setting that is not JSON, one its schema refuses, one that is no object; a setting it does not read only has to be JSON', async () => {
    const a = await app();
    const put = sqliteOnly(a.store).sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    put.run('association', JSON.stringify({ ...SETTINGS, etpHours: 5 }));
    put.run('privacy', '[3]');
    put.run('plus-tard', '"une version suivante"');
    let report = await checkDatabase(a.store);
    expect(report.checks).toContain('settings_values');
    expect(report.problems.map((p) => p.message)).toEqual([
      'Réglage « association » : le champ « etpHours » n’a pas une valeur valide.',
      'Réglage « privacy » : la valeur n’est pas un objet JSON.',
    ]);

    put.run('association', '{"associationName": "Réseau"');
    report = await checkDatabase(a.store);
    expect(report.problems.map((p) => [p.code, p.message])).toContainEqual(['settings_values', '« réglages », ligne association : contenu JSON illisible.']);
  });
});

describe('an archive check would fault', () => {
  it('is refused when a setting is not JSON, naming settings[i].value, and nothing is written', async () => {
    const { archive: sound } = await sourceArchive();
    const { archive, index } = withSetting(sound, 'association', '{"associationName": "Réseau"');
    const target = await app();
    const error = await refusal(importArchive(target.store.db, archive, { schemaVersion: target.store.schemaVersion, now: () => FIXED_NOW }));
    expect(error.code).toBe('ARCHIVE_INVALID');
    expect(error.key).toBe('error.archive.invalid');
    expect(error.params).toMatchObject({ count: 1, path: `$.tables.settings[${index}].value` });
    expect(error.issues).toEqual([{ path: `$.tables.settings[${index}].value`, key: 'data.check.badJson', params: { table: 'settings', id: 'association' } }]);
    expect(await countArchivedRows(target.store.db)).toBe(0);
    expect((await target.call('settings.get', {})).associationName).toBe('Mon réseau de ressourceries');
  });

  it('is refused when a setting breaks its schema, and --replace keeps the database as it was', async () => {
    const { a: current, archive: sound } = await sourceArchive();
    const { archive, index } = withSetting(sound, 'association', JSON.stringify({ ...SETTINGS, associationName: 'Autre réseau', financialYearStartMonth: 13 }));
    const before = await countArchivedRows(current.store.db);
    const error = await refusal(importArchive(current.store.db, archive, { schemaVersion: current.store.schemaVersion, replace: true, now: () => FIXED_NOW }));
    expect(error.issues).toEqual([
      { path: `$.tables.settings[${index}].value`, key: 'data.check.badSetting', params: { setting: 'association', field: 'financialYearStartMonth' } },
    ]);
    expect(await countArchivedRows(current.store.db)).toBe(before);
    expect((await current.call('settings.get', {})).associationName).toBe(SETTINGS.associationName);
  });

  it('is refused for any other rule of check, run on the import’s own transaction: a voting person not affiliated', async () => {
    const { archive } = await sourceArchive();
    // Valid row by row and by reference, wrong by the app's rules: Marie votes for a structure she has no tie to.
    archive.tables.affiliations = [];
    const target = await app();
    const error = await refusal(importArchive(target.store.db, archive, { schemaVersion: target.store.schemaVersion, now: () => FIXED_NOW }));
    expect(error.issues).toEqual([
      {
        path: '$.tables.memberships[0].voting_person_id',
        key: 'data.check.votingNotAffiliated',
        params: { organisation: 'Ressourcerie de la Vézère', year: 2026 },
      },
    ]);
    expect(await countArchivedRows(target.store.db)).toBe(0);
  });

  it('on the command line: import exits non-zero naming the path, and settings, time summary and the annual report still work', { timeout: SLOW }, async () => {
    const { archive: sound } = await sourceArchive();
    const { archive, index } = withSetting(sound, 'association', 'pas du JSON');
    const file = path.join(dir, 'casse.json');
    writeArchiveFile(file, archive);
    const db = path.join(dir, 'cible.sqlite');
    const target = await app('cible.sqlite');
    await target.call('settings.update', { ...SETTINGS, associationName: 'Réseau en place' });
    await target.close();

    const imported = await spawnCli('import', file, '--replace', '--db', db);
    expect(imported.status).not.toBe(0);
    expect(imported.stderr).toContain(`$.tables.settings[${index}].value`);
    expect(imported.stderr).toContain('rien n’a été importé');

    const [summary, report] = await Promise.all([
      spawnCli('time', 'summary', '--from', '2026-01-01', '--to', '2026-12-31', '--json', '--db', db),
      spawnCli('report', 'annual', '--year', '2026', '--json', '--db', db),
    ]);
    expect(summary.status, summary.stderr).toBe(0);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stderr).not.toContain('Erreur interne');
    const after = await app('cible.sqlite');
    expect((await after.call('settings.get', {})).associationName).toBe('Réseau en place');
  });
});
