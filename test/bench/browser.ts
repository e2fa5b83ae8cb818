import { chromium, type Page } from '@playwright/test';
import type { CompiledQuery } from 'kysely';
import type Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startWebServer } from '../../electron/web/server';
import type { BenchCase, BenchEnv, BenchRow } from './run';
import { percentile } from './measure';

/**
 * The screens as she sees them: web mode on the national base, driven by Playwright in Chromium.
 * Each time runs in the page, from the event (navigation, keystroke, change of the year) to the
 * frame that shows the answer, so that Playwright's own round trips are not counted. Each figure
 * has its floor: the same queries the server ran for that screen, through better-sqlite3.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function replayMs(sqlite: Database.Database, queries: CompiledQuery[]): number {
  const start = performance.now();
  for (const q of queries) sqlite.prepare(q.sql).all(...(q.parameters as unknown[]));
  return performance.now() - start;
}

interface Answer {
  method: string;
  input: Record<string, unknown>;
  total: number | null;
  at: number;
}

declare global {
  interface Window {
    __answers: Answer[];
    __mark: number;
  }
}

/** Records every API answer in the page (method, input, total, when), and the instant of the last key or change. */
function instrument() {
  window.__answers = [];
  window.__mark = 0;
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original(input, init);
    const url = String(input instanceof Request ? input.url : input);
    const match = /\/api\/([\w.]+)/.exec(url);
    if (match) {
      const body = (await response.clone().json()) as { ok: boolean; value?: { total?: number; totals?: { count: number } } };
      window.__answers.push({
        method: match[1]!,
        input: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>,
        total: body.value?.total ?? body.value?.totals?.count ?? null,
        at: performance.now(),
      });
    }
    return response;
  };
  for (const type of ['keydown', 'change']) window.addEventListener(type, () => (window.__mark = performance.now()), true);
}

/**
 * Waits, in the page, for the answer of `method` that matches `expected` (received after the mark)
 * and for the screen to show it: rows in the table, or the empty state, and the count of the
 * answer. Returns the time from the mark to that frame.
 */
async function shownAfterMark(page: Page, method: string, expected: Record<string, unknown>): Promise<{ ms: number; input: Record<string, unknown> }> {
  const handle = await page.waitForFunction(
    ({ method, expected }) => {
      const answer = [...window.__answers]
        .reverse()
        .find((a) => a.method === method && a.at >= window.__mark && Object.entries(expected).every(([k, v]) => a.input[k] === v));
      if (!answer) return false;
      if (document.querySelector('main .loading')) return false;
      const rows = document.querySelectorAll('main table tbody tr').length;
      const empty = document.querySelector('main .empty-state');
      if (answer.total === 0 ? !empty : rows === 0) return false;
      const count = document.querySelector('main .list-count, main [data-testid="entries-count"]')?.textContent?.replace(/\D/g, '') ?? '';
      if (answer.total !== null && count !== '' && count !== String(answer.total)) return false;
      return { ms: performance.now() - window.__mark, input: answer.input };
    },
    { method, expected },
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as { ms: number; input: Record<string, unknown> };
}

async function openRoute(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.__mark = performance.now();
    window.location.hash = h;
  }, hash);
}

export const browserCase: BenchCase = {
  name: 'screens in Chromium',
  async run(env: BenchEnv) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-renderer.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const server = await startWebServer({ dispatch: env.dispatch, staticDir: path.join(ROOT, 'out/renderer'), port: 0 });
    const browser = await chromium.launch({
      ...(fs.existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const rows: BenchRow[] = [];
    const row = (measurement: string, samples: number[], floors: number[], limit: number, target: string, note?: string): BenchRow => ({
      measurement,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      floorP50: floors.length ? percentile(floors, 50) : undefined,
      floorP95: floors.length ? percentile(floors, 95) : undefined,
      target,
      met: percentile(samples, 95) < limit,
      note,
    });
    try {
      // First load, cold: the scripts it needs and the time until the home dashboard shows its figures.
      const loads: number[] = [];
      let scriptBytes = 0;
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'fr-FR' });
        const page = await context.newPage();
        await page.goto(`${server.url}#/accueil`);
        await page.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('main .loading'), undefined, { polling: 'raf', timeout: 60_000 });
        const measured = await page.evaluate(() => ({
          ms: performance.now(),
          bytes: performance
            .getEntriesByType('resource')
            .filter((r) => r.name.endsWith('.js'))
            .reduce((n, r) => n + (r as PerformanceResourceTiming).decodedBodySize, 0),
        }));
        loads.push(measured.ms);
        scriptBytes = measured.bytes;
        await context.close();
      }
      const first = row(`first screen (home dashboard), cold: ${(scriptBytes / 1024).toFixed(0)} kB of script`, loads, [], 1000, '< 1 s, < 400 kB of script');
      rows.push({ ...first, met: first.met && scriptBytes < 400 * 1024 });

      const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'fr-FR' });
      await context.addInitScript(instrument);
      const page = await context.newPage();
      await page.goto(`${server.url}#/reglages`);
      await page.getByRole('heading', { level: 1 }).waitFor();

      // Every list screen, from the navigation to its first page on screen.
      const screens: [string, string, string][] = [
        ['Structures', '/structures', 'organisations.list'],
        ['Personnes', '/personnes', 'people.list'],
        ['Réunions', '/reunions', 'meetings.list'],
        ['Registre des décisions', '/reunions/decisions', 'meetings.decisions'],
        ['Temps : saisies', '/temps/saisies', 'time.entries.list'],
      ];
      for (const [label, hash, method] of screens) {
        const samples: number[] = [];
        const floors: number[] = [];
        for (let i = 0; i < 6; i++) {
          await openRoute(page, '/reglages');
          await page.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('main .list-count, main [data-testid="entries-count"]'), undefined, { polling: 'raf' });
          await openRoute(page, hash);
          const shown = await shownAfterMark(page, method, {});
          // The first visit also fetches the page's script: counted apart, as the note says.
          if (i === 0) continue;
          samples.push(shown.ms);
          floors.push(replayMs(env.store.sqlite, await env.capture(method as never, shown.input)));
        }
        rows.push(row(`list screen « ${label} » (\`${method}\`), navigation to rows on screen`, samples, floors, 300, '< 300 ms p95'));
      }

      // Search as she types in Personnes: « durand », key by key, five times.
      await openRoute(page, '/personnes');
      await shownAfterMark(page, 'people.list', {});
      const box = page.getByRole('searchbox', { name: 'Rechercher' });
      const keystrokes: number[] = [];
      const keyFloors: number[] = [];
      for (let round = 0; round < 5; round++) {
        await box.fill('');
        await shownAfterMark(page, 'people.list', {}).catch(() => undefined);
        let text = '';
        for (const char of 'durand') {
          text += char;
          await box.press(char);
          const shown = await shownAfterMark(page, 'people.list', { search: text });
          keystrokes.push(shown.ms);
          keyFloors.push(replayMs(env.store.sqlite, await env.capture('people.list', shown.input)));
        }
      }
      rows.push(row('Personnes: each keystroke of « durand » to its results on screen (30 keystrokes)', keystrokes, keyFloors, 100, '< 100 ms p95'));

      // The year filter of Réunions.
      await openRoute(page, '/reunions');
      await shownAfterMark(page, 'meetings.list', {});
      const years = await page.locator('#meetings-year option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      const yearSamples: number[] = [];
      const yearFloors: number[] = [];
      for (const year of [...years, ...years].slice(0, 12)) {
        await page.selectOption('#meetings-year', year);
        const shown = await shownAfterMark(page, 'meetings.list', { year: Number(year) });
        yearSamples.push(shown.ms);
        yearFloors.push(replayMs(env.store.sqlite, await env.capture('meetings.list', shown.input)));
      }
      rows.push(row(`Réunions: change of year to the list on screen (${yearSamples.length} changes)`, yearSamples, yearFloors, 200, '< 200 ms p95'));
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
    return rows;
  },
};
