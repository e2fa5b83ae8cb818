import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, toApiError } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { exportArchive } from '../../electron/features/archive/export';
import { formatError } from '../../electron/cli/format';
import { checkDatabase } from '../../electron/features/data/check';
import { openStore, type OpenOptions, type Store } from '../../electron/store/open';
import { translate } from '../../shared/i18n/index';
import { completeSiret } from '../../shared/validation/identifiers';
import { FIXED_NOW, tempDir } from '../helpers/store';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../helpers/store-child.ts', import.meta.url));

let stores: Store[] = [];
let children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children = [];
  for (const s of stores) await s.close().catch(() => undefined);
  stores = [];
});

async function open(file: string, options: OpenOptions = {}) {
  const store = await openStore(file, options);
  stores.push(store);
  const dispatch = createDispatcher(createHandlers(store, { runtime: 'test', now: () => FIXED_NOW }));
  return { store, dispatch };
}

const count = (store: Store, table: string) => (store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('several writers on one base', () => {
  it('60 saves while another process imports 100 000 rows: each one succeeds or answers BUSY, none INTERNAL; the base is sound after', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const db = path.join(dir, 'maillage.sqlite');
    const lines = ['Nom;SIRET;Code postal;Ville;E-mail'];
    const rows = 100_000;
    for (let i = 0; i < rows; i++) lines.push(`Ressourcerie n° ${i};${completeSiret(String(1_000_000_000_000 + i))};87000;Limoges;contact${i}@exemple.fr`);
    const csv = path.join(dir, 'gros-import.csv');
    fs.writeFileSync(csv, lines.join('\r\n'));
    const { store, dispatch } = await open(db);

    // `node --import tsx`: one process, which a failed test can kill (the tsx command forks a grandchild).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'import', db, csv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Start saving once the child's write transaction is open: that is when a plain BEGIN failed at once.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('WRITING')) resolve();
      });
      void exited.then(() => reject(new Error(`child ended before writing: ${stderr}`)));
    });

    const saves: Promise<{ code: string; ms: number }>[] = [];
    for (let i = 0; i < 60; i++) {
      const started = performance.now();
      saves.push(
        dispatch('organisations.create', { name: `Saisie pendant l’import ${i}`, kind: 'member' }).then((r) => ({
          code: r.ok ? 'ok' : r.error.code,
          ms: performance.now() - started,
        })),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const results = await Promise.all(saves);
    expect(await exited, stderr).toBe(0);
    expect(stdout).toContain(`DONE ${rows}`);

    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c !== 'ok' && c !== 'BUSY')).toEqual([]);
    // The saves did meet the import's transaction (otherwise this proved nothing): some had to wait.
    expect(Math.max(...results.map((r) => r.ms))).toBeGreaterThan(50);
    const saved = codes.filter((c) => c === 'ok').length;
    expect(count(store, 'organisations')).toBe(rows + saved);
    const report = await checkDatabase(store);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('past the wait, a save fails with BUSY and « la base est occupée, réessayez », without freezing the process; then goes through', async () => {
    const db = path.join(tempDir(), 'maillage.sqlite');
    const other = await open(db);
    const { dispatch } = await open(db, { writeWaitMs: 300 });
    // Another connection holds the write lock, as a long import in another process would.
    other.store.sqlite.exec('BEGIN IMMEDIATE');
    other.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run();

    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const refused = await dispatch('organisations.create', { name: 'Ressourcerie du Pays de Tulle', kind: 'member' });
    clearInterval(ticker);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatchObject({ code: 'BUSY', key: 'store.busy' });
      expect(refused.error.message).toMatch(/La base est occupée.*réessayez/);
    }
    // The wait yielded to the event loop: a web server would have gone on answering.
    expect(ticks).toBeGreaterThan(5);

    other.store.sqlite.exec('COMMIT');
    const saved = await dispatch('organisations.create', { name: 'Ressourcerie du Pays de Tulle', kind: 'member' });
    expect(saved.ok).toBe(true);
  });

  it('a lone write statement waits for the lock too, and an export reads its snapshot without waiting for writers', async () => {
    const db = path.join(tempDir(), 'maillage.sqlite');
    const other = await open(db);
    const { store } = await open(db, { writeWaitMs: 5000 });
    other.store.sqlite.exec('BEGIN IMMEDIATE');
    other.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run();

    // A read-only transaction: a snapshot, not a write lock.
    const archive = await exportArchive(store.db, { schemaVersion: store.schemaVersion, now: () => FIXED_NOW });
    expect(archive.tables.settings ?? []).toEqual([]);

    const write = store.db.insertInto('settings').values({ key: 'y', value: '2' }).execute();
    await new Promise((resolve) => setTimeout(resolve, 100));
    other.store.sqlite.exec('COMMIT');
    await write;
    expect(count(store, 'settings')).toBe(2);
  });

  it('SQLITE_BUSY reaching the dispatcher or the CLI from elsewhere is BUSY too, and the interface shows the French message', () => {
    const raw = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
    expect(toApiError(raw)).toMatchObject({ code: 'BUSY', key: 'store.busy' });
    expect(formatError('fr', raw, false)).toEqual([translate('fr', 'store.busy')]);
    // The renderer shows `tKey(error.key)`: the key has its French and English texts.
    expect(translate('fr', 'store.busy')).toMatch(/occupée.*réessayez/);
    expect(translate('en', 'store.busy')).toMatch(/busy/);
  });
});
