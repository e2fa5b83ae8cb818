import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { addUser } from '../../electron/features/accounts/service';
import { startServer } from '../../electron/server/server';
import { openStore } from '../../electron/store/engine';
import { startTestPostgresProcess } from '../helpers/pg-process';
import { callApi } from '../helpers/server';
import type { BenchCase, BenchRow } from './run';
import { percentile } from './measure';

/**
 * The network server under load, on loopback: N member accounts (one organisation and one
 * person each) log in over HTTP and save their month grid again and again for a bounded time,
 * each its own organisation, one request at a time per user. Then every grid is read back from
 * the base: the minutes saved last must be there exactly (no write lost), and every answer must
 * have been a success. `BENCH_SERVER_USERS` (50) and `BENCH_SERVER_SECONDS` (120) bound it;
 * `BENCH_SERVER_THINK_MS` (2000) is each user's pause between two saves (0: back to back, which
 * measures the saturated server rather than 50 people at work).
 * A case of `npm run bench` (BENCH_ONLY=server runs it alone), or `tsx test/bench/server.ts`.
 */

const PASSWORD = 'mot de passe de charge';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const DAYS = ['05', '06', '07', '08', '09'];

export interface LoadResult {
  users: number;
  seconds: number;
  thinkMs: number;
  logins: number;
  saves: number;
  errors: string[];
  lostWrites: number;
  loginP95: number;
  saveP50: number;
  saveP95: number;
  saveMax: number;
}

export async function runServerLoad(
  users = Number(process.env.BENCH_SERVER_USERS ?? 50),
  seconds = Number(process.env.BENCH_SERVER_SECONDS ?? 120),
  thinkMs = Number(process.env.BENCH_SERVER_THINK_MS ?? 2000),
): Promise<LoadResult> {
  const pg = await startTestPostgresProcess();
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-server-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head></head></html>');
  const url = new URL(pg.url);
  url.searchParams.set('schema', 'bench_server');
  const store = await openStore(url.toString(), { max: 20 });
  // The whole stack at one instant: the sessions never expire during the run.
  const now = () => new Date('2026-11-15T09:00:00.000Z');
  const server = await startServer({ store, now, host: '127.0.0.1', port: 0, staticDir });
  try {
    // Set-up through the services: organisations, one person each, the default categories, the accounts.
    const dispatch = createDispatcher(createHandlers(store, { runtime: 'test', now }));
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    };
    const categoryId = (await call<{ items: { id: number }[] }>('time.categories.list', {})).items[0]!.id;
    const members: { email: string; organisationId: number; personId: number }[] = [];
    for (let i = 0; i < users; i++) {
      const org = await call<{ id: number }>('organisations.create', { name: `Ressourcerie ${i + 1}`, kind: 'member' });
      const person = await call<{ personId: number }>('people.createWithAffiliation', {
        person: { firstName: 'Salarié', lastName: `N${i + 1}` },
        affiliation: { organisationId: org.id, role: 'Salarié', startDate: '2025-01-01' },
      });
      const email = `structure${i + 1}@reseau.fr`;
      await addUser({ db: store.db, now, runtime: 'test' }, { email, role: 'structure', organisationId: org.id }, { password: PASSWORD });
      members.push({ email, organisationId: org.id, personId: person.personId });
    }

    const loginTimes: number[] = [];
    const saveTimes: number[] = [];
    const errors: string[] = [];
    /** What each organisation's grid must hold at the end: month → minutes per day, as last saved. */
    const expected = new Map<number, Map<string, number>>();
    let saves = 0;
    const deadline = performance.now() + seconds * 1000;

    await Promise.all(
      members.map(async (member, u) => {
        // People do not all press « Enregistrer » at the same instant: starts spread over one pause.
        await new Promise((resolve) => setTimeout(resolve, (u * thinkMs) / members.length));
        const start = performance.now();
        const login = await callApi(server.url, 'auth.login', { email: member.email, password: PASSWORD });
        loginTimes.push(performance.now() - start);
        if (!login.body?.ok) {
          errors.push(`login ${member.email}: ${login.text}`);
          return;
        }
        const cookie = [login.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;
        const csrf = (login.body.value as { csrfToken: string }).csrfToken;
        const mine = new Map<string, number>();
        expected.set(member.organisationId, mine);
        for (let i = 0; performance.now() < deadline; i++) {
          const month = MONTHS[(i + u) % MONTHS.length]!;
          const minutes = 30 + ((i * 7 + u) % 400);
          const rows = [{ personId: member.personId, categoryId, cells: DAYS.map((d) => ({ from: `${month}-${d}`, to: `${month}-${d}`, minutes })) }];
          const t0 = performance.now();
          const answer = await callApi(server.url, 'time.grid.save', { organisationId: member.organisationId, month, nature: 'secondment', rows }, { cookie, csrf });
          saveTimes.push(performance.now() - t0);
          if (answer.body?.ok) {
            saves += 1;
            mine.set(month, minutes);
          } else {
            errors.push(`save ${member.email} ${month}: ${answer.status} ${answer.body?.error?.message ?? answer.text}`);
          }
          if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs));
        }
      }),
    );

    // Read back: each day of each month saved holds the last minutes saved, once.
    let lostWrites = 0;
    const entries = await store.db.selectFrom('time_entries').select(['organisation_id', 'date', 'minutes']).execute();
    const found = new Map<string, number[]>();
    for (const e of entries) {
      const key = `${e.organisation_id}|${e.date.slice(0, 7)}`;
      found.set(key, [...(found.get(key) ?? []), e.minutes]);
    }
    for (const [organisationId, months] of expected) {
      for (const [month, minutes] of months) {
        const got = found.get(`${organisationId}|${month}`) ?? [];
        if (got.length !== DAYS.length || got.some((m) => m !== minutes)) lostWrites += 1;
      }
    }
    return {
      users,
      seconds,
      thinkMs,
      logins: loginTimes.length,
      saves,
      errors,
      lostWrites,
      loginP95: percentile(loginTimes, 95),
      saveP50: percentile(saveTimes, 50),
      saveP95: percentile(saveTimes, 95),
      saveMax: Math.max(...saveTimes),
    };
  } finally {
    await server.close();
    await store.close();
    await pg.stop();
    fs.rmSync(staticDir, { recursive: true, force: true });
  }
}

function rowsOf(r: LoadResult): BenchRow[] {
  const note = `${r.users} users × ${r.seconds} s, ${r.thinkMs} ms between saves: ${r.saves} saves, ${r.errors.length} errors, ${r.lostWrites} month grids not as last saved`;
  return [
    { measurement: 'server: login (Argon2id) under load', p50: NaN, p95: r.loginP95, target: '—', note: `${r.logins} logins` },
    { measurement: 'server: month grid save over HTTP', p50: r.saveP50, p95: r.saveP95, target: 'p95 < 100 ms, no write lost, no error', met: r.saveP95 < 100 && r.lostWrites === 0 && r.errors.length === 0, note },
  ];
}

export const serverLoadCase: BenchCase = {
  name: 'server',
  run: async () => rowsOf(await runServerLoad()),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runServerLoad();
  console.log(JSON.stringify({ ...result, errors: result.errors.slice(0, 10), errorCount: result.errors.length }, null, 2));
}
