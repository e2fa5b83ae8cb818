import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { checkDatabase } from '../../electron/features/data/check';
import { listBackups } from '../../electron/features/data/backup';
import { openStore } from '../../electron/store/open';
import { onSqlite, openTestApp, tempDir, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), now: () => new Date('2026-03-12T10:00:00Z') } };
}

describe('check', () => {
  it('passes a sound database and says which checks ran', async () => {
    const a = await openTestApp();
    apps.push(a);
    const org = await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    await a.call('memberships.save', { organisationId: org.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
    const report = await a.call('data.check', {});
    expect(report).toMatchObject({ ok: true, problems: [], moreProblems: 0 });
    // SQLite's page and foreign-key checks; PostgreSQL enforces its keys at each commit.
    const engineChecks = onSqlite ? ['integrity', 'foreign_keys'] : [];
    expect(report.checks).toEqual(expect.arrayContaining([...engineChecks, 'schema_version', 'membership_dates', 'organisation_identity']));
  });

  it.runIf(onSqlite)('names in French what breaks the app’s rules, SQLite’s foreign keys included', async () => {
    const a = await openTestApp();
    apps.push(a);
    const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
    const person = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont' });
    const db = a.store.sqlite!;
    // What the services refuse, written behind their back.
    db.prepare("INSERT INTO memberships (organisation_id, year, fee_due_cents, amount_paid_cents, start_date, exit_date) VALUES (?, 2025, 5000, -100, '2025-06-01', '2025-01-01')").run(org.id);
    db.prepare("INSERT INTO affiliations (person_id, organisation_id, role, start_date, end_date) VALUES (?, ?, 'Directrice', '2024-01-01', '2023-01-01')").run(person.id, org.id);
    db.prepare("UPDATE organisations SET siret = '12345678901234' WHERE id = ?").run(org.id);
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO offices (person_id, office, start_date) VALUES (999, 'president', '2024-01-01')").run();
    db.pragma('foreign_keys = ON');

    const report = await checkDatabase(a.store);
    expect(report.ok).toBe(false);
    const messages = report.problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Référence cassée : la ligne 1 de « mandats » renvoie à un enregistrement absent de « personnes ».',
        'Adhésion 2025 de « Ressourcerie de la Vézère » : la date de sortie précède la date d’adhésion.',
        'Adhésion 2025 de « Ressourcerie de la Vézère » : montant négatif.',
        'Rattachement de Marie Dupont à « Ressourcerie de la Vézère » : la date de fin précède la date de début.',
        '« Ressourcerie de la Vézère » : SIRET invalide (12345678901234).',
      ]),
    );
  });

  it.runIf(onSqlite)('exits non-zero from the CLI when something is wrong, zero otherwise', async () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    const c = cli();
    expect(await runCli(['check', '--db', db], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/introuvable/);
    expect(await runCli(['init', '--db', db], c.io)).toBe(0);
    expect(await runCli(['check', '--db', db], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/aucun problème/);
    const store = await openStore(db);
    store.sqlite.prepare("INSERT INTO organisations (name, name_key, kind, created_at, updated_at) VALUES ('Nouvelle', 'autre clé', 'member', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')").run();
    await store.close();
    const d = cli();
    expect(await runCli(['check', '--db', db], d.io)).toBe(1);
    expect(d.out.join('')).toContain('- « Nouvelle » : la clé de recherche ne correspond plus au nom');
    expect(d.err.join('')).toMatch(/1 problème dans/);
  });

  it.runIf(onSqlite)('reports a damaged file instead of pretending it is fine', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'abimee.sqlite');
    const store = await openStore(db);
    for (let i = 0; i < 400; i++) {
      store.sqlite.prepare("INSERT INTO people (first_name, last_name, search_key, note, created_at, updated_at) VALUES ('A', 'B', 'a b', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')").run('x'.repeat(300));
    }
    await store.close();
    const bytes = fs.readFileSync(db);
    for (let i = bytes.length - 4096 * 6; i < bytes.length - 4096 * 2; i++) bytes[i] = 0x41;
    fs.writeFileSync(db, bytes);
    const c = cli();
    expect(await runCli(['check', '--db', db], c.io)).toBe(1);
    expect(c.out.join('') + c.err.join('')).toMatch(/Intégrité SQLite|endommag|malformed|corrupt/i);
  });
});

describe.runIf(onSqlite)('CLI backup and restore', () => {
  it('backs up into backups/ or to a given file, and restores, keeping the replaced database', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'maillage.sqlite');
    const c = cli();
    expect(await runCli(['init', '--db', db], c.io)).toBe(0);
    const s1 = await openStore(db);
    s1.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('marque', '\"avant\"')").run();
    await s1.close();
    expect(await runCli(['backup', '--db', db], c.io), c.err.join('')).toBe(0);
    expect(listBackups(db).map((b) => b.kind)).toEqual(['manuel']);
    const usb = path.join(dir, 'cle-usb', 'copie.sqlite');
    expect(await runCli(['backup', usb, '--db', db], c.io), c.err.join('')).toBe(0);
    expect(fs.existsSync(usb)).toBe(true);
    expect(listBackups(db)).toHaveLength(1);

    const s2 = await openStore(db);
    s2.sqlite.prepare("UPDATE settings SET value = '\"après\"' WHERE key = 'marque'").run();
    await s2.close();
    const r = cli();
    expect(await runCli(['restore', usb, '--db', db], r.io), r.err.join('')).toBe(0);
    expect(r.out.join('')).toMatch(/restaurée depuis/);
    const s3 = await openStore(db);
    expect(s3.sqlite.prepare("SELECT value FROM settings WHERE key = 'marque'").get()).toEqual({ value: '"avant"' });
    await s3.close();
    expect(listBackups(db).map((b) => b.kind).sort()).toEqual(['avant-restauration', 'manuel']);

    // A file that is not a database: refused, nothing changed.
    fs.writeFileSync(path.join(dir, 'faux.sqlite'), 'pas une base');
    const before = fs.readFileSync(db);
    const f = cli();
    expect(await runCli(['restore', path.join(dir, 'faux.sqlite'), '--db', db], f.io)).toBe(1);
    expect(f.err.join('')).toMatch(/pas une base de données SQLite : rien n’a été modifié/);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });
});
