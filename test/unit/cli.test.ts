import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../electron/cli/commands/index';
import { FIXED_NOW_ISO } from '../helpers/clock';

/** The CLI as a user runs it: a real process, real files; each spawn costs about a second, so few of them. */

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Outcome> {
  return cliAt(FIXED_NOW_ISO, ...args);
}

/** The CLI with its clock fixed at `now` (MAILLAGE_FIXED_NOW): no test depends on the machine's date. */
function cliAt(now: string, ...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['electron/cli/main.ts', ...args],
      // The app's own database must never be touched by a test.
      { cwd: root, env: { ...process.env, MAILLAGE_DATA_DIR: path.join(dir, 'userdata'), MAILLAGE_FIXED_NOW: now }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

async function inBatches(runs: string[][], size: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < runs.length; i += size) outcomes.push(...(await Promise.all(runs.slice(i, i + size).map((args) => cli(...args)))));
  return outcomes;
}

/** Spawning tsx costs about a second; a busy machine must not turn that into a failure. */
const SLOW = 180_000;

const withoutExportDate = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-cli-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('cli', () => {
  it('prints French help for the program and every command, exit 0', { timeout: SLOW }, async () => {
    // Two at a time: a process per command all at once starves a two-core machine.
    const [global = { status: -1, stdout: '', stderr: '' }, ...commands] = await inBatches([['--help'], ...COMMANDS.map((c) => [...c.name.split(' '), '--help'])], 2);
    expect(global.status).toBe(0);
    expect(global.stdout).toContain('Commandes :');
    for (const c of COMMANDS) expect(global.stdout).toContain(c.name);
    commands.forEach((outcome, i) => {
      expect(outcome.status, COMMANDS[i]!.name).toBe(0);
      expect(outcome.stdout).toMatch(new RegExp(`^Usage : npm run cli -- ${COMMANDS[i]!.name}`));
      expect(outcome.stdout).toContain('--db FICHIER');
      expect(outcome.stderr).toBe('');
    });
  });

  it('refuses an unknown command or option with one French line on stderr', { timeout: SLOW }, async () => {
    const [command, option] = await Promise.all([cli('sauvegarder'), cli('export', 'a.json', '--format', 'csv')]);
    expect(command.status).not.toBe(0);
    expect(command.stdout).toBe('');
    expect(command.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(command.stderr).toMatch(/^Commande inconnue : « sauvegarder »/);
    expect(option.status).not.toBe(0);
    expect(option.stderr.trimEnd().split('\n')).toEqual(['Option inconnue : --format. Aide : npm run cli -- export --help']);
  });

  it('init, demo, export, import into an empty file, export again: the same archive', { timeout: SLOW }, async () => {
    const db = path.join(dir, 'demo.sqlite');
    const restored = path.join(dir, 'restored.sqlite');
    const first = path.join(dir, 'first.json');
    const second = path.join(dir, 'second.json');

    const init = await cli('init', '--db', db);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^Base de données créée : .*demo\.sqlite \(schéma \d+\)\.\n$/);

    const demo = await cli('demo', '--db', db);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/^Données de démonstration créées dans .* : \d+ structures, \d+ personnes, \d+ adhésions/);

    const again = await cli('demo', '--db', db);
    expect(again.status).toBe(1);
    expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('--force');

    expect((await cli('export', first, '--db', db)).status).toBe(0);
    const imported = await cli('import', first, '--db', restored);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Archive importée dans .*restored\.sqlite : [\d\s\u202f]+ enregistrements \(réglages : 1, structures : \d+/);
    // An hour later: only the export's own date differs.
    expect((await cliAt('2026-03-12T11:00:00.000Z', 'export', second, '--db', restored)).status).toBe(0);

    const a = fs.readFileSync(first, 'utf8');
    const b = fs.readFileSync(second, 'utf8');
    expect(a).toContain(`"exportedAt": "${FIXED_NOW_ISO}"`);
    expect(b).toContain('"exportedAt": "2026-03-12T11:00:00.000Z"');
    expect(withoutExportDate(b)).toBe(withoutExportDate(a));
  });

  it('refuses a broken archive in one line naming the first path and the count, and creates no database', { timeout: SLOW }, async () => {
    const archive = path.join(dir, 'broken.json');
    fs.writeFileSync(
      archive,
      JSON.stringify({
        format: 'maillage-archive',
        formatVersion: 1,
        schemaVersion: 1,
        exportedAt: '2026-11-29T08:00:00.000Z',
        application: { name: 'Maillage', version: '0.1.0' },
        tables: { organisations: [{ id: 1, name: 'Sans SIRET valide', siret: '123' }] },
      }),
    );
    const target = path.join(dir, 'never.sqlite');
    const outcome = await cli('import', archive, '--db', target);
    expect(outcome.status).toBe(1);
    const lines = outcome.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Archive refusée, rien n’a été importé : \d+ erreurs?, (la première )?en \$\.tables\.organisations\[0\]\.\w+ : .*--verbose/);
    expect(fs.existsSync(target)).toBe(false);
  });
});
