import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../electron/features/data/check';
import { onSqlite, openTestApp, type TestApp } from '../helpers/store';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = path.join(ROOT, 'test/helpers/pg-writer-child.ts');

function runWriter(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe.runIf(!onSqlite)('several writers on one PostgreSQL base', () => {
  it('4 processes × 500 time entries at once: nothing lost, no error, counts and check exact', { timeout: 300_000 }, async () => {
    app = await openTestApp();
    const org = await app.call('organisations.create', { name: 'Ressourcerie partagée', kind: 'member' });
    const person = await app.call('people.create', { firstName: 'Camille', lastName: 'Martin' });
    const category = (await app.call('time.categories.list', {})).items[0]!;
    const WORKERS = 4;
    const EACH = 500;
    const results = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) => runWriter([app!.file, String(w), String(EACH), String(org.id), String(person.id), String(category.id)])),
    );
    for (const r of results) {
      expect(r.err).toBe('');
      expect(r.out).not.toMatch(/FAIL/);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`DONE ${EACH}`);
    }
    expect(await app.count('time_entries')).toBe(WORKERS * EACH);
    const totals = await sql<{ minutes: number; notes: number }>`select sum(minutes) as minutes, count(distinct note) as notes from time_entries`.execute(app.store.db);
    expect(totals.rows[0]).toEqual({ minutes: WORKERS * EACH * 30, notes: WORKERS * EACH });
    const report = await checkDatabase(app.store);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
