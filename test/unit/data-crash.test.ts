import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../../electron/features/data/check';
import { listBackups } from '../../electron/features/data/backup';
import { backupsDirFor, openStore } from '../../electron/store/open';
import { completeSiret } from '../../shared/validation/identifiers';
import { onSqlite, tempDir } from '../helpers/store';

const CHILD = fileURLToPath(new URL('../helpers/crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the child, waits until it says the operation began, lets it work `afterMs`, then kills it
 * with SIGKILL: no handler, no cleanup, as a power cut or a crash would.
 */
function runAndKill(args: string[], afterMs: number): Promise<{ finished: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('BEGIN') && !timer) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ finished: stdout.includes('DONE'), stderr });
    });
  });
}

async function openAndCheck(file: string) {
  const store = await openStore(file);
  const report = await checkDatabase(store);
  const count = (table: string) => (store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { store, report, count };
}

// Crash recovery of the SQLite file (WAL, journal): SQLite's own business.
describe.runIf(onSqlite)('a process killed mid-way leaves a sound database with all or nothing of the operation', () => {
  it('during a big spreadsheet import', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const db = path.join(dir, 'maillage.sqlite');
    const seed = await openStore(db);
    seed.sqlite.prepare("INSERT INTO organisations (name, name_key, kind, created_at, updated_at) VALUES ('Déjà là', 'deja la', 'member', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')").run();
    await seed.close();
    const lines = ['Nom;SIRET;Code postal;Ville;E-mail'];
    const rows = 40_000;
    for (let i = 0; i < rows; i++) lines.push(`Ressourcerie n° ${i};${completeSiret(String(1_000_000_000_000 + i))};87000;Limoges;contact${i}@exemple.fr`);
    const csv = path.join(dir, 'import.csv');
    fs.writeFileSync(csv, lines.join('\r\n'));

    // Killed at different moments: while parsing and validating, and while writing.
    const outcomes: number[] = [];
    for (const afterMs of [50, 400, 900, 1500]) {
      const { finished } = await runAndKill(['import', db, csv], afterMs);
      const { store, report, count } = await openAndCheck(db);
      expect(report.problems).toEqual([]);
      const n = count('organisations');
      outcomes.push(finished ? -1 : n);
      expect([1, 1 + rows]).toContain(n);
      // The import's log line is there exactly when its rows are.
      expect(count('audit_log')).toBe(n === 1 ? 0 : 1);
      if (n > 1) {
        // It went through: undo it for the next round.
        store.sqlite.exec("DELETE FROM organisations WHERE name <> 'Déjà là'; DELETE FROM audit_log;");
      }
      await store.close();
    }
    // At least one kill landed before the end (otherwise the test proved nothing).
    expect(outcomes.some((n) => n === 1)).toBe(true);
  });

  it('during backups: the database is untouched and every finished backup is whole', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const db = path.join(dir, 'maillage.sqlite');
    const seed = await openStore(db);
    const insert = seed.sqlite.prepare("INSERT INTO people (first_name, last_name, search_key, note, created_at, updated_at) VALUES ('A', 'B', 'a b', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
    seed.sqlite.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run('x'.repeat(200));
    })();
    await seed.close();
    const { finished } = await runAndKill(['backup', db], 700);
    expect(finished).toBe(false);
    const { store, report, count } = await openAndCheck(db);
    expect(report.ok).toBe(true);
    expect(count('people')).toBe(20_000);
    await store.close();
    const backups = listBackups(db);
    expect(backups.length).toBeGreaterThan(0);
    for (const b of backups) {
      const copy = new Database(path.join(backupsDirFor(db), b.name), { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT COUNT(*) AS n FROM people').get()).toEqual({ n: 20_000 });
      copy.close();
    }
    // An interrupted copy only ever leaves a temporary file, never a truncated backup under a real name.
    expect(fs.readdirSync(backupsDirFor(db)).every((f) => f.endsWith('.sqlite') || f.includes('.tmp'))).toBe(true);
  });

  it('during a stream of writes through the API: each write is whole, with its change-log line', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const db = path.join(dir, 'maillage.sqlite');
    await (await openStore(db)).close();
    const { finished } = await runAndKill(['write', db], 1500);
    expect(finished).toBe(false);
    const { store, report, count } = await openAndCheck(db);
    expect(report.problems).toEqual([]);
    const organisations = count('organisations');
    const memberships = count('memberships');
    expect(organisations).toBeGreaterThan(0);
    // The membership and its log line commit together; the organisation of the last round may be alone.
    expect([memberships, memberships + 1]).toContain(organisations);
    expect((store.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'membership' AND action = 'create'").get() as { n: number }).n).toBe(memberships);
    await store.close();
  });
});
