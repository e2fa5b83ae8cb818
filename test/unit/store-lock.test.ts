import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { runCli } from '../../electron/cli/run';
import { openHolder } from '../../electron/features/data/backup';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations/index';
import { backupsDirFor, openStore } from '../../electron/store/open';
import { FIXED_NOW, openTestApp, tempDir } from '../helpers/store';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB_MAIN = path.join(ROOT, 'electron/web-main.ts');

interface WebMode {
  child: ChildProcess;
  call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; key: string; message: string } }>;
  stop(signal: NodeJS.Signals): Promise<void>;
}

let running: WebMode[] = [];
afterEach(async () => {
  for (const w of running) await w.stop('SIGKILL');
  running = [];
});

/** The real web mode (`npm run web`) in its own process, on `db`. */
function startWeb(db: string): Promise<WebMode> {
  // `node --import tsx` rather than the tsx command, which runs the script in a grandchild that a kill would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', WEB_MAIN, '--db', db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    void exited.then(() => reject(new Error(`web mode ended: ${stderr}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /Maillage web : (\S+)/.exec(stdout);
      if (!m) return;
      const url = new URL(m[1]!);
      const web: WebMode = {
        child,
        async call(method, input) {
          const res = await fetch(`${url.origin}/api/${method}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(input),
          });
          return (await res.json()) as never;
        },
        async stop(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      };
      running.push(web);
      resolve(web);
    });
  });
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), now: () => FIXED_NOW });
  return { status, stdout, stderr };
}

const inode = (file: string) => fs.statSync(file).ino;

/** A base with one organisation, closed; and a second base to restore over it. */
async function twoBases() {
  const dir = tempDir();
  const db = path.join(dir, 'maillage.sqlite');
  const other = path.join(dir, 'autre.sqlite');
  for (const [file, name] of [
    [db, 'Ressourcerie de la base'],
    [other, 'Ressourcerie de la sauvegarde'],
  ] as const) {
    const app = await openTestApp(file);
    await app.call('organisations.create', { name, kind: 'member' });
    await app.close();
  }
  return { dir, db, other };
}

function namesIn(file: string): string[] {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare('SELECT name FROM organisations ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    raw.close();
  }
}

describe('one base, several processes', () => {
  it('refuses restore, import --replace and demo --force while web mode has the base open (its -wal empty), naming the file; the lock dies with the process', { timeout: 120_000 }, async () => {
    const { dir, db, other } = await twoBases();
    const archive = path.join(dir, 'archive.json');
    expect((await cli('export', archive, '--db', db)).status).toBe(0);
    const web = await startWeb(db);
    // No write yet: the -wal is empty, which the old size-based guess took for "nobody here".
    expect(fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0).toBe(0);
    const before = inode(db);

    const restore = await cli('restore', other, '--db', db);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/Restauration impossible : la base .*maillage\.sqlite est ouverte par un autre programme/);
    const replace = await cli('import', archive, '--replace', '--db', db);
    expect(replace.status).toBe(1);
    expect(replace.stderr).toMatch(/Remplacement des données impossible : la base .*maillage\.sqlite est ouverte par un autre programme/);
    const demo = await cli('demo', '--force', '--db', db);
    expect(demo.status).toBe(1);
    expect(demo.stderr).toMatch(/Remplacement des données impossible/);
    expect(inode(db)).toBe(before);

    // The server goes on, and what it writes is in the file.
    expect((await web.call('organisations.create', { name: 'Saisie après le refus', kind: 'member' })).ok).toBe(true);
    // Killed without a chance to clean up: the operating system lets its lock go.
    await web.stop('SIGKILL');
    const seen = await openStore(db);
    expect((seen.sqlite.prepare('SELECT name FROM organisations ORDER BY id').all() as { name: string }[]).map((r) => r.name)).toEqual([
      'Ressourcerie de la base',
      'Saisie après le refus',
    ]);
    await seen.close();
    const again = await cli('restore', other, '--db', db);
    expect(again.status, again.stderr).toBe(0);
    expect(namesIn(db)).toEqual(['Ressourcerie de la sauvegarde']);
  });

  it('refuses a migration while another process has the base open, and changes nothing', { timeout: 60_000 }, async () => {
    const { db } = await twoBases();
    const web = await startWeb(db);
    const addColumn: Migration = {
      version: MIGRATIONS.at(-1)!.version + 1,
      name: 'colonne de test',
      up: async (d: Kysely<unknown>) => {
        await d.schema.alterTable('organisations').addColumn('colour', 'text').execute();
      },
    };
    const error = await openStore(db, { migrations: [...MIGRATIONS, addColumn] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', key: 'store.inUse.migrate' });
    await web.stop('SIGTERM');
    const store = await openStore(db);
    const columns = await sql<{ name: string }>`select name from pragma_table_info('organisations')`.execute(store.db);
    expect(columns.rows.map((c) => c.name)).not.toContain('colour');
    expect(store.sqlite.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
    await store.close();
    expect(fs.readdirSync(backupsDirFor(db)).filter((f) => f.includes('avant-migration'))).toEqual([]);
  });

  it('two programs starting together on a new base: one creates it, the other waits and opens it', async () => {
    const db = path.join(tempDir(), 'maillage.sqlite');
    const stores = await Promise.all([openStore(db), openStore(db), openStore(db)]);
    for (const s of stores) expect(s.sqlite.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
    for (const s of stores) await s.close();
  });

  it('a running app whose file was replaced underneath stops writing, saying so', { timeout: 60_000 }, async () => {
    const { dir, db, other } = await twoBases();
    const web = await startWeb(db);
    expect((await web.call('organisations.create', { name: 'Avant le remplacement', kind: 'member' })).ok).toBe(true);

    // Another program (a file manager, an older Maillage) puts a file in its place.
    const copy = path.join(dir, 'copie.sqlite');
    fs.copyFileSync(other, copy);
    fs.renameSync(copy, db);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${db}${suffix}`, { force: true });

    for (const name of ['Après le remplacement', 'Encore une']) {
      const res = await web.call('organisations.create', { name, kind: 'member' });
      expect(res.ok).toBe(false);
      expect(res.error).toMatchObject({ code: 'DATABASE_REPLACED', key: 'store.replaced' });
      expect(res.error!.message).toMatch(/la base « maillage\.sqlite » a été remplacée par un autre programme ; relancez Maillage/i);
    }
    await web.stop('SIGTERM');
    expect(namesIn(db)).toEqual(['Ressourcerie de la sauvegarde']);
  });
});

describe('restore from the app', () => {
  it('is refused while a command has the base open, before any safety copy; nothing changes', async () => {
    const { db } = await twoBases();
    const holder = await openHolder(db);
    const dispatch = createDispatcher(createHandlers(holder, { runtime: 'test', now: () => FIXED_NOW }));
    const backup = await dispatch('data.backups.create', {});
    expect(backup.ok).toBe(true);
    const { name } = (backup as { value: { name: string } }).value;
    // A command line (here another store of the same file) has the base open.
    const command = await openStore(db);
    const refused = await dispatch('data.backups.restore', { name });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'CONFLICT', key: 'store.inUse.restore' });
    expect(fs.readdirSync(backupsDirFor(db)).filter((f) => f.includes('avant-restauration'))).toEqual([]);
    // The app goes on working on the same file.
    expect((await dispatch('organisations.create', { name: 'Après le refus', kind: 'member' })).ok).toBe(true);
    await command.close();
    expect((await dispatch('data.backups.restore', { name })).ok).toBe(true);
    await holder.close();
    expect(namesIn(db)).toEqual(['Ressourcerie de la base']);
  });
});

describe('restore, as the user sees it', () => {
  it('names the user’s file in its refusals, never the internal staging copy', async () => {
    const { dir, db } = await twoBases();
    const text = path.join(dir, 'ma-sauvegarde.sqlite');
    fs.writeFileSync(text, 'Ceci est un texte, pas une base.'.repeat(40));
    const notSqlite = await cli('restore', text, '--db', db);
    expect(notSqlite.status).toBe(1);
    expect(notSqlite.stderr).toContain('« ma-sauvegarde.sqlite » n’est pas une base de données SQLite');
    expect(notSqlite.stderr).not.toMatch(/restauration-|\.tmp/);

    const foreign = path.join(dir, 'notes.sqlite');
    const f = new Database(foreign);
    f.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, texte TEXT); INSERT INTO notes VALUES (1, 'x')");
    f.close();
    const notMaillage = await cli('restore', foreign, '--db', db);
    expect(notMaillage.stderr).toContain('« notes.sqlite » n’est pas une base de données Maillage');
    expect(namesIn(db)).toEqual(['Ressourcerie de la base']);
  });

  it('removes what an interrupted backup or restore left at the next start, but not while another process has the base open', async () => {
    const { db } = await twoBases();
    const dir = backupsDirFor(db);
    fs.mkdirSync(dir, { recursive: true });
    const kept = 'maillage-manuel-2026-03-12T10-00-00.sqlite';
    const leftovers = [
      'maillage-auto-2026-03-12T10-00-00.sqlite.tmp',
      'maillage-auto-2026-03-12T10-00-00.sqlite.tmp-journal',
      '.restauration-2026-03-12T10-00-00-4242.tmp',
    ];
    for (const name of [kept, ...leftovers]) fs.writeFileSync(path.join(dir, name), 'x');

    // Someone else has the base open: their copy may be under way.
    const other = await openStore(db);
    const first = await openHolder(db);
    expect(fs.readdirSync(dir).sort()).toEqual([kept, ...leftovers].sort());
    await first.close();
    await other.close();

    const second = await openHolder(db);
    expect(fs.readdirSync(dir)).toEqual([kept]);
    await second.close();
  });
});
