import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { addUser } from '../../electron/features/accounts/service';
import { openStore } from '../../electron/store/engine';
import type { Role } from '../../shared/api/roles';
import { FIXED_NOW_ISO } from '../helpers/clock';
import { stopChild } from './child';
import { dropSchemaOf, freshSchemaUrl } from '../helpers/pg';
import { startTestPostgresProcess } from '../helpers/pg-process';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const URL_PATTERN = /Serveur Maillage : (http:\/\/127\.0\.0\.1:\d+)/;
export const PASSWORD = 'mot de passe du réseau';

export interface NetworkServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  base: string;
  db: string;
  /** An account with PASSWORD, made the way `users add --password-stdin` makes it. */
  account(email: string, role?: Role, organisationId?: number | null): Promise<void>;
  /**
   * Time passes for what the server stored: sessions and login failures are moved `ms` into the
   * past. The server's clock stays fixed (as every test's), and no HTTP route can move it.
   */
  elapse(ms: number): Promise<void>;
  /** Rows in a table, read in the base itself (to prove nothing was written). */
  count(table: 'time_entries' | 'sessions'): Promise<number>;
}

function earlier(iso: string, ms: number): string {
  return new Date(new Date(iso).getTime() - ms).toISOString();
}


function startNetworkServer(db: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['electron/server/main.ts', '--db', db, '--listen', '127.0.0.1:0', '--now', FIXED_NOW_ISO], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MAILLAGE_VALIDATE_OUTPUT: '1' },
    });
    let output = '';
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new Error(`the server did not print its address in time:\n${output}`));
    }, 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, base: match[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${output}`));
    });
  });
}

/**
 * The network's server (npm run server) on a fresh PostgreSQL schema per test: the run's server
 * (MAILLAGE_TEST_PG_URL, as on the PostgreSQL e2e run) or one started for this worker.
 */
export const test = base.extend<{ server: NetworkServer }, { pgUrl: string }>({
  pgUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (process.env.MAILLAGE_TEST_PG_URL) return use(process.env.MAILLAGE_TEST_PG_URL);
      const pg = await startTestPostgresProcess();
      try {
        await use(pg.url);
      } finally {
        await pg.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  server: async ({ pgUrl, page }, use) => {
    const db = freshSchemaUrl(pgUrl);
    // Migrate the base before the server opens it, so that accounts can be made here first.
    const store = await openStore(db);
    const ctx = { db: store.db, now: () => new Date(FIXED_NOW_ISO), runtime: 'test' as const };
    const { child, base: url } = await startNetworkServer(db);
    try {
      await page.clock.setFixedTime(new Date(FIXED_NOW_ISO));
      await use({
        base: url,
        db,
        account: async (email, role = 'secretariat', organisationId = null) => {
          await addUser(ctx, { email, role, organisationId }, { password: PASSWORD });
        },
        elapse: async (ms) => {
          await store.db.transaction().execute(async (trx) => {
            for (const row of await trx.selectFrom('sessions').select(['id', 'created_at', 'last_seen_at']).execute()) {
              await trx
                .updateTable('sessions')
                .set({ created_at: earlier(row.created_at, ms), last_seen_at: earlier(row.last_seen_at, ms) })
                .where('id', '=', row.id)
                .execute();
            }
            for (const row of await trx.selectFrom('login_attempts').select(['key', 'last_failure_at']).execute()) {
              await trx.updateTable('login_attempts').set({ last_failure_at: earlier(row.last_failure_at, ms) }).where('key', '=', row.key).execute();
            }
          });
        },
        count: async (table) => {
          const row = await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow();
          return Number(row.n);
        },
      });
    } finally {
      await stopChild(child);
      await store.close();
      await dropSchemaOf(db);
    }
  },
});

export { expect };
