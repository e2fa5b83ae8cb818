import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { localDay } from '../../shared/format/day';
import { FIXED_NOW_ISO } from '../helpers/clock';
import { stopChild } from './child';
import { dropSchemaOf, freshSchemaUrl } from '../helpers/pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\S*/;

/**
 * The instant the whole stack runs at: web mode gets it with --now, the page's clock is set to
 * it. Specs derive their dates from it (`TODAY`) and print them with the app's `formatDate`.
 */
export const FIXED_NOW = new Date(FIXED_NOW_ISO);
/** The local day of FIXED_NOW in the app's zone (Europe/Paris), as the app computes it. */
export const TODAY = localDay(FIXED_NOW);

export interface WebApp {
  /** The address printed by web mode, token included. */
  url: string;
  /** `http://127.0.0.1:PORT/`, for direct API requests. */
  base: string;
  token: string;
  /** The SQLite file, or on the PostgreSQL run (MAILLAGE_E2E_ENGINE=postgres) the base's URL. */
  dbFile: string;
}

/** On the PostgreSQL run, each test gets a fresh schema on the server that pg-global-setup.ts started. */
const ON_POSTGRES = process.env.MAILLAGE_E2E_ENGINE === 'postgres';

/** Starts web mode on a fresh database and resolves with the URL it prints on stdout. */
function startWebMode(dbFile: string, now: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that tsx and the node process it runs stop together.
    const child = spawn(TSX, ['electron/web-main.ts', '--db', dbFile, '--port', '0', '--now', now], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // MAILLAGE_DATA_DIR: a PostgreSQL base's automatic backups (archives) stay in the test's folder.
      env: { ...process.env, MAILLAGE_VALIDATE_OUTPUT: '1', MAILLAGE_DATA_DIR: dataDir },
    });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`web mode did not print its URL in time:\n${output}`)), 20_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      stopChild(child);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve({ child, url: match[0] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => fail(new Error(`web mode exited (${code}) before printing its URL:\n${output}`)));
    child.on('error', fail);
  });
}


export const test = base.extend<{ app: WebApp; fixedNow: string }>({
  /** The instant of the whole stack; a spec about a particular moment overrides it with test.use({ fixedNow }). */
  fixedNow: [FIXED_NOW_ISO, { option: true }],
  app: [
    async ({ page, fixedNow }, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'maillage-e2e-'));
    const dbFile = ON_POSTGRES ? freshSchemaUrl(process.env.MAILLAGE_TEST_PG_URL!) : path.join(dir, 'maillage.sqlite');
    const { child, url } = await startWebMode(dbFile, fixedNow, dir);
    const parsed = new URL(url);
    const app: WebApp = { url, base: `${parsed.origin}/`, token: parsed.searchParams.get('token') ?? '', dbFile };
    try {
      // The page reads the same instant as the server; timers still run.
      await page.clock.setFixedTime(new Date(fixedNow));
      // Tests start where the membership file starts; the app itself opens on the dashboard (shell.spec).
      await page.goto(`${url}#/structures`);
      await use(app);
    } finally {
      await stopChild(child);
      if (ON_POSTGRES) await dropSchemaOf(dbFile);
      rmSync(dir, { recursive: true, force: true });
    }
    },
    // Every test starts on the app, on its own fresh database, even when it does not name `app`.
    { auto: true },
  ],
});

export { expect };

/** Calls a contract method the way the page does (the token as bearer) and returns its value, or throws its message. */
export async function callApi<T = unknown>(page: Page, app: WebApp, method: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${app.base}api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data: input });
  const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}
