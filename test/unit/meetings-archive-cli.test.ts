import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { createHandlers } from '../../electron/app/handlers';
import { createApiCall } from '../../electron/cli/api';
import { runCli } from '../../electron/cli/run';
import { exportArchive, serializeArchive } from '../../electron/features/archive/export';
import { countArchivedRows, importArchive } from '../../electron/features/archive/import';
import { openStore, type Store } from '../../electron/store/open';
import { readDocx, plain } from '../helpers/docx';

const NOW = new Date('2026-11-15T09:00:00.000Z');
const now = () => NOW;
const root = path.resolve(import.meta.dirname, '../..');
const MEETING_TABLES = [
  'meeting_kinds',
  'meetings',
  'minutes_approvals',
  'attendances',
  'agenda_items',
  'decision_counters',
  'decisions',
  'action_items',
  'action_follow_ups',
  'minutes_errata',
];

let dir: string;
const opened: Store[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-meetings-'));
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(name: string): Promise<Store> {
  const store = await openStore(path.join(dir, name));
  opened.push(store);
  return store;
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), now } };
}

describe('meetings in the archive', () => {
  it('round-trips the demo’s meetings exactly, every meetings table included', async () => {
    const file = path.join(dir, 'demo.sqlite');
    const c = io();
    expect(await runCli(['demo', '--db', file], c.io), c.err.join('')).toBe(0);
    const source = await open('demo.sqlite');
    const api = createApiCall(createHandlers(source, { runtime: 'test', now }));
    // The tables the demo leaves empty get a row too: a kind's setting and an erratum.
    await api('meetings.saveKindSettings', { kind: 'bureau', quorumBase: 'voting_invitees', quorumPercent: 50, proxiesPerHolder: 1 });
    const approved = (await api('meetings.list', {})).items.find((m) => m.status === 'approved')!;
    await api('meetings.addErratum', { meetingId: approved.id, date: '2026-11-15', text: 'Correction d’une faute de frappe.' });

    const first = await exportArchive(source.db, { schemaVersion: source.schemaVersion, now });
    for (const table of MEETING_TABLES) expect(first.tables[table]?.length, table).toBeGreaterThan(0);

    const target = await open('copy.sqlite');
    await importArchive(target.db, JSON.parse(serializeArchive(first)), { schemaVersion: target.schemaVersion });
    const second = await exportArchive(target.db, { schemaVersion: target.schemaVersion, now });
    expect(serializeArchive(second)).toBe(serializeArchive(first));

    // The copy behaves like the original: the lock holds, the numbering goes on.
    const copy = createApiCall(createHandlers(target, { runtime: 'test', now }));
    const detail = await copy('meetings.get', { id: approved.id });
    await expect(copy('meetings.saveDiscussion', { id: detail.agenda[0]!.id, discussion: 'x' })).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('refuses a broken meetings row with its JSON path, importing nothing', async () => {
    const source = await open('source.sqlite');
    const api = createApiCall(createHandlers(source, { runtime: 'test', now }));
    const m = await api('meetings.create', { kind: 'coordination', title: 'Coordination', date: '2026-03-12', startTime: '09:30', endTime: '12:00' });
    await api('meetings.addAgendaItem', { meetingId: m.id, title: 'Accueil', presenterPersonId: null, plannedMinutes: 10 });
    const archive = await exportArchive(source.db, { schemaVersion: source.schemaVersion, now });
    archive.tables.meetings![0]!.end_time = '08:00';
    archive.tables.agenda_items![0]!.meeting_id = 99;
    const target = await open('target.sqlite');
    const error = await importArchive(target.db, archive, { schemaVersion: target.schemaVersion }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).issues?.map((i) => [i.path, i.key])).toEqual([
      ['$.tables.meetings[0].end_time', 'error.meetings.endBeforeStart'],
      ['$.tables.agenda_items[0].meeting_id', 'error.archive.missingReference'],
    ]);
    expect(await countArchivedRows(target.db)).toBe(0);
  });
});

describe('meetings on the command line', () => {
  it('writes minutes from the demo in a real process, and the sheet, the notice and its .ics in-process', { timeout: 120_000 }, async () => {
    const db = path.join(dir, 'demo.sqlite');
    const c = io();
    expect(await runCli(['demo', '--db', db], c.io)).toBe(0);
    const store = await open('demo.sqlite');
    const meetings = (await createApiCall(createHandlers(store, { runtime: 'test', now }))('meetings.list', {})).items;
    await store.close();
    opened.splice(0);
    const ag = meetings.find((m) => m.kind === 'general_assembly')!;
    const upcoming = meetings[0]!;

    const out = path.join(dir, 'sortie', 'pv-ag.docx');
    const result = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
      execFile('npx', ['tsx', 'electron/cli/main.ts', 'minutes', String(ag.id), '--out', out, '--db', db], { cwd: root, timeout: 90_000, env: { ...process.env, MAILLAGE_FIXED_NOW: NOW.toISOString() } }, (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Écrit : .*pv-ag\.docx \(\d+(,\d)? Ko\)\.\n$/);
    const minutes = readDocx(fs.readFileSync(out));
    expect(plain(minutes.headings[0]!.text)).toBe('Procès-verbal de l’assemblée générale');
    expect(minutes.paragraphs.some((p) => /^Décision n° \d{4}-\d{2}L’assemblée générale approuve le rapport moral\./.test(plain(p)))).toBe(true);
    expect(minutes.paragraphs.some((p) => plain(p).startsWith('Le quorum est atteint'))).toBe(true);

    const sheet = path.join(dir, 'emargement.docx');
    expect(await runCli(['attendance-sheet', String(ag.id), '--out', sheet, '--db', db], c.io)).toBe(0);
    expect(readDocx(fs.readFileSync(sheet)).tables[0]![0]).toEqual(['Nom et prénom', 'Structure', 'Qualité', 'Signature']);
    const notice = path.join(dir, 'convocation.docx');
    expect(await runCli(['notice', String(upcoming.id), '--out', notice, '--db', db], c.io)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'convocation.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);

    // Mistakes: a clear French line, nothing written.
    const bad = io();
    expect(await runCli(['minutes', 'abc', '--out', path.join(dir, 'x.docx'), '--db', db], bad.io)).toBe(2);
    expect(await runCli(['minutes', '9999', '--out', path.join(dir, 'x.docx'), '--db', db], bad.io)).toBe(1);
    expect(await runCli(['minutes', String(ag.id), '--db', db], bad.io)).toBe(2);
    expect(bad.err.join('')).toBe(
      [
        'Numéro de réunion invalide : « abc » (un nombre entier est attendu).',
        `Aucune réunion ne porte le numéro 9999 dans ${db}.`,
        'Indiquez le fichier à écrire avec --out FICHIER.docx.',
        '',
      ].join('\n'),
    );
    expect(fs.existsSync(path.join(dir, 'x.docx'))).toBe(false);
  });
});
