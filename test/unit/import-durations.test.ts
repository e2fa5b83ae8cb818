import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { isTimeFormat, writeXlsx } from '../../electron/features/data/sheets/xlsx';
import { bytesToBase64 } from '../../shared/api/files';
import { formatImportIssue } from '../../shared/features/data/messages';
import { durationUnitOfTitle, parseDurationIn } from '../../shared/features/time/duration';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

const utf8 = (lines: string[]) => bytesToBase64(new TextEncoder().encode(lines.join('\r\n') + '\r\n'));

/** LibreOffice Calc, when installed: it turns a CSV into the XLSX a secretary would send. */
function soffice(): string | null {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return 'soffice';
  } catch {
    return null;
  }
}
const SOFFICE = soffice();

function libreOfficeXlsx(lines: string[]): Uint8Array {
  const dir = tempDir('maillage-soffice-');
  const csv = path.join(dir, 'temps.csv');
  fs.writeFileSync(csv, lines.join('\n') + '\n');
  // 59 = ";", 34 = '"', 76 = UTF-8; a profile of its own so that parallel runs do not share a lock.
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--infilter=CSV:59,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, csv], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return fs.readFileSync(path.join(dir, 'temps.xlsx'));
}

async function setUp() {
  const a = await openTestApp();
  apps.push(a);
  const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
  const marie = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont' });
  return { a, org, marie };
}

describe('durations read by the unit of their column', () => {
  it('knows the unit a column title announces', () => {
    for (const t of ['Heures', 'Nombre d’heures', 'Nb heures', 'Durée (h)', 'Durée en heures', 'Hours']) expect(durationUnitOfTitle(t)).toBe('hours');
    for (const t of ['Minutes', 'Durée (min)', 'Temps en minutes', 'Nb mn']) expect(durationUnitOfTitle(t)).toBe('minutes');
    for (const t of ['Durée', 'Temps passé', 'Duration', null]) expect(durationUnitOfTitle(t)).toBe('asTyped');
  });

  it('reads a bare number the same in a CSV cell and an XLSX number cell', () => {
    expect(parseDurationIn('13', 'hours')).toEqual({ ok: true, minutes: 780 });
    expect(parseDurationIn(13, 'hours')).toEqual({ ok: true, minutes: 780 });
    expect(parseDurationIn('1,5', 'hours')).toEqual({ ok: true, minutes: 90 });
    expect(parseDurationIn('25', 'hours')).toEqual({ ok: false, problem: 'tooLong' });
    expect(parseDurationIn(25, 'hours')).toEqual({ ok: false, problem: 'tooLong' });
    expect(parseDurationIn('90', 'minutes')).toEqual({ ok: true, minutes: 90 });
    expect(parseDurationIn('13', 'asTyped')).toEqual({ ok: true, minutes: 13 });
    expect(parseDurationIn(13, 'asTyped')).toEqual({ ok: true, minutes: 13 });
    expect(parseDurationIn(4 / 3, 'asTyped')).toEqual({ ok: true, minutes: 80 });
    // A cell that says its unit is read as written, whatever the column.
    expect(parseDurationIn('45 min', 'hours')).toEqual({ ok: true, minutes: 45 });
    expect(parseDurationIn('-2', 'hours')).toEqual({ ok: false, problem: 'negative' });
  });

  it('recognises time formats (LibreOffice writes 1:30 as 0,0625 styled hh:mm:ss)', () => {
    expect(isTimeFormat('hh:mm:ss\\ AM/PM')).toBe(true);
    expect(isTimeFormat('[h]:mm')).toBe(true);
    expect(isTimeFormat('dd/mm/yyyy hh:mm')).toBe(false);
    expect(isTimeFormat('yyyy\\-mm\\-dd')).toBe(false);
    expect(isTimeFormat('General')).toBe(false);
  });

  it('reads « Heures » 13 as 13 h in a CSV, refuses 25 naming the line, and shows how each duration was read', async () => {
    const { a } = await setUp();
    const lines = ['Structure;Personne;Date;Heures;Catégorie', 'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;13;Coordination', 'Ressourcerie de la Vézère;Marie Dupont;13/01/2026;25;Coordination', 'Ressourcerie de la Vézère;Marie Dupont;14/01/2026;1h30;Coordination'];
    const analysis = await a.call('data.import.analyze', { fileName: 'temps.csv', base64: utf8(lines), type: 'time' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual(['Ligne 3, colonne « Heures » : Plus de 24 heures pour une seule journée : vérifiez la durée.']);
    expect(analysis.readings).toEqual([
      { line: 2, field: 'duration', column: 'Heures', value: '13', read: '13 h', rule: 'hours' },
      { line: 4, field: 'duration', column: 'Heures', value: '1h30', read: '1 h 30', rule: 'written' },
    ]);
    await a.call('data.import.commit', { fileName: 'temps.csv', base64: utf8([lines[0]!, lines[1]!]), type: 'time' });
    const entries = await a.call('time.entries.list', { from: '2026-01-01', to: '2026-12-31' });
    expect(entries.items.map((e) => e.minutes)).toEqual([780]);
  });

  it('reads « Durée » 13 as 13 min in a CSV and in an XLSX number cell alike', async () => {
    const { a } = await setUp();
    const csv = await a.call('data.import.analyze', { fileName: 'temps.csv', base64: utf8(['Structure;Personne;Date;Durée', 'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;13']), type: 'time' });
    const xlsx = writeXlsx({ name: 'Temps', rows: [['Structure', 'Personne', 'Date', 'Durée'], ['Ressourcerie de la Vézère', 'Marie Dupont', { date: '2026-01-12' }, 13]] });
    const fromXlsx = await a.call('data.import.analyze', { fileName: 'temps.xlsx', base64: bytesToBase64(xlsx), type: 'time' });
    expect(csv.readings?.[0]).toMatchObject({ read: '13 min', rule: 'asTyped' });
    expect(fromXlsx.readings?.[0]).toMatchObject({ read: '13 min', rule: 'asTyped' });
  });

  it('reads « Heures » 13 as 13 h in an XLSX number cell and refuses 25', async () => {
    const { a } = await setUp();
    const xlsx = writeXlsx({
      name: 'Temps',
      rows: [
        ['Structure', 'Personne', 'Date', 'Heures'],
        ['Ressourcerie de la Vézère', 'Marie Dupont', { date: '2026-01-12' }, 13],
        ['Ressourcerie de la Vézère', 'Marie Dupont', { date: '2026-01-13' }, 25],
      ],
    });
    const analysis = await a.call('data.import.analyze', { fileName: 'temps.xlsx', base64: bytesToBase64(xlsx), type: 'time' });
    expect(analysis.readings?.[0]).toMatchObject({ line: 2, read: '13 h', rule: 'hours' });
    expect(analysis.issues).toMatchObject([{ line: 3, column: 'Heures', key: 'error.time.durationTooLong' }]);
  });

  it.skipIf(!SOFFICE)('reads a LibreOffice Calc XLSX: « Heures » 13 is 13 h, 1:30 (a time cell) is 1 h 30 (skipped without soffice)', async () => {
    const { a } = await setUp();
    const bytes = libreOfficeXlsx(['Structure;Personne;Date;Heures;Catégorie', 'Ressourcerie de la Vézère;Marie Dupont;2026-01-12;13;Coordination', 'Ressourcerie de la Vézère;Marie Dupont;2026-01-13;1:30;Coordination', 'Ressourcerie de la Vézère;Marie Dupont;2026-01-14;25;Coordination']);
    const analysis = await a.call('data.import.analyze', { fileName: 'temps.xlsx', base64: bytesToBase64(bytes), type: 'time' });
    expect(analysis.format).toBe('xlsx');
    expect(analysis.readings).toMatchObject([
      { line: 2, value: '13', read: '13 h', rule: 'hours' },
      { line: 3, value: '1:30', read: '1 h 30', rule: 'written' },
    ]);
    expect(analysis.issues).toMatchObject([{ line: 4, key: 'error.time.durationTooLong' }]);
  });

  it('applies the 24 h rule per person and day across the file and the entries already saved', async () => {
    const { a, org, marie } = await setUp();
    const category = (await a.call('time.categories.list', {})).items[0]!;
    await a.call('time.entries.create', { organisationId: org.id, personId: marie.id, date: '2026-01-12', minutes: '12h', categoryId: category.id, nature: 'secondment', meetingId: null, activityId: null, note: null });
    const lines = [
      'Structure;Personne;Date;Heures;Catégorie',
      'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;13;Réunion de réseau',
      'Ressourcerie de la Vézère;Marie Dupont;14/01/2026;13;Coordination',
      'Ressourcerie de la Vézère;Marie Dupont;14/01/2026;12;Réunion de réseau',
    ];
    const analysis = await a.call('data.import.analyze', { fileName: 'temps.csv', base64: utf8(lines), type: 'time' });
    expect(analysis.issues.map((i) => [i.line, i.key])).toEqual([
      [2, 'error.time.dayOverflow'],
      [4, 'error.time.dayOverflow'],
    ]);
  });

  it('prints how each duration was read in a CLI dry run', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.sqlite');
    const seed = await openTestApp(db);
    await seed.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
    await seed.call('people.create', { firstName: 'Marie', lastName: 'Dupont' });
    await seed.close();
    const file = path.join(dir, 'temps.csv');
    fs.writeFileSync(file, ['Structure;Personne;Date;Heures', 'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;13', 'Ressourcerie de la Vézère;Marie Dupont;13/01/2026;90 min'].join('\r\n'));
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), now: () => FIXED_NOW };
    expect(await runCli(['import', file, '--type', 'time', '--dry-run', '--db', db], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain('Colonne « Heures » : un nombre seul y est lu en heures.');
    expect(text).toContain('Ligne 2 : « 13 » lu 13 h.');
    expect(text).toContain('Ligne 3 : « 90 min » lu 1 h 30.');
  });
});
