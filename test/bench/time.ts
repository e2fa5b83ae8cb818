import type Database from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import type { MethodName } from '../../shared/api/contract';
import type { Archive } from '../../shared/features/archive/schemas';
import { DEFAULT_CATEGORIES } from '../../shared/features/time/schemas';
import { entryValueCents } from '../../shared/features/time/valuation';
import { exportArchive, writeArchiveFile } from '../../electron/features/archive/export';
import { readArchiveFile, validateArchive, writeArchive } from '../../electron/features/archive/import';
import { seededRandom } from '../../electron/features/demo/generate';
import { openStore } from '../../electron/store/open';
import type { BenchCase, BenchEnv, BenchRow } from './run';
import { percentile, timed } from './measure';

/**
 * Time contributions at national scale: 250 000 entries over the dataset's years, written with
 * direct batched inserts, then the summary of a year, the month grid and the archive import of
 * 100 000 entries, each beside its floor. Cases of `npm run bench` (test/bench/run.ts).
 */

export const TIME_ENTRIES = 250_000;

// The measuring helpers of run.ts, repeated here: importing them would make run.ts (which runs on import) a cycle.

function replay(sqlite: Database.Database, queries: CompiledQuery[]): void {
  for (const q of queries) {
    const statement = sqlite.prepare(q.sql);
    if (statement.reader) statement.all(...(q.parameters as unknown[]));
    else statement.run(...(q.parameters as unknown[]));
  }
}

/** Categories, a few dated rates and `count` entries spread over the years, people and organisations. */
export function insertTimeDataset(sqlite: Database.Database, dataset: Pick<BenchEnv['dataset'], 'firstYear' | 'lastYear' | 'organisations'>, count = TIME_ENTRIES): { entries: number } {
  const random = seededRandom(1607);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = '2026-11-15T09:00:00.000Z';
  const affiliations = sqlite.prepare('SELECT person_id, organisation_id FROM affiliations').all() as { person_id: number; organisation_id: number }[];
  sqlite.transaction(() => {
    const category = sqlite.prepare('INSERT INTO time_categories (code, name, position, active) VALUES (?, ?, ?, 1)');
    DEFAULT_CATEGORIES.forEach((c, i) => category.run(c.code, c.name, (i + 1) * 10));
    sqlite.prepare("INSERT INTO time_rates (scope, valid_from, hourly_cents) VALUES ('default', ?, 2000)").run(`${dataset.firstYear}-01-01`);
    const orgRate = sqlite.prepare("INSERT INTO time_rates (scope, organisation_id, valid_from, hourly_cents) VALUES ('organisation', ?, ?, ?)");
    for (let o = 1; o <= dataset.organisations; o += 7) orgRate.run(o, `${dataset.firstYear + int(0, 5)}-01-01`, int(2100, 2900));

    const columns = 'organisation_id, person_id, date, minutes, category_id, nature, rate_id, hourly_rate_cents, value_cents, created_at, updated_at';
    const perStatement = 500;
    const many = sqlite.prepare(`INSERT INTO time_entries (${columns}) VALUES ${Array.from({ length: perStatement }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    const years = dataset.lastYear - dataset.firstYear + 1;
    // Generated first, then written in date order: entries are typed as the months go by, so ids follow dates.
    const rows: unknown[][] = [];
    for (let i = 0; i < count; i++) {
      const a = affiliations[int(0, affiliations.length - 1)]!;
      const minutes = int(1, 16) * 30;
      const rate = 2000;
      rows.push([
        a.organisation_id,
        i % 10 === 0 ? null : a.person_id,
        `${dataset.firstYear + int(0, years - 1)}-${pad(int(1, 12))}-${pad(int(1, 28))}`,
        minutes,
        int(1, DEFAULT_CATEGORIES.length),
        i % 4 === 0 ? 'volunteering' : 'secondment',
        1,
        rate,
        entryValueCents(minutes, rate),
        stamp,
        stamp,
      ]);
    }
    rows.sort((a, b) => (a[2] as string).localeCompare(b[2] as string));
    const single = sqlite.prepare(`INSERT INTO time_entries (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    let start = 0;
    for (; start + perStatement <= rows.length; start += perStatement) many.run(rows.slice(start, start + perStatement).flat());
    for (; start < rows.length; start++) single.run(rows[start]!);
  })();
  // What SQLite's `PRAGMA optimize` gathers on a database in use: the statistics its planner relies on.
  sqlite.exec('ANALYZE');
  return { entries: count };
}

async function measure(env: BenchEnv, runs: number, inputs: { method: MethodName; input: unknown }[]) {
  const captured = await Promise.all(inputs.map((i) => env.capture(i.method, i.input)));
  const samples: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { method, input } = inputs[i % inputs.length]!;
    const [ms, result] = await timed(() => env.dispatch(method, input));
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    samples.push(ms);
    const [floor] = await timed(() => replay(env.store.sqlite, captured[i % inputs.length]!));
    floors.push(floor);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), floorP50: percentile(floors, 50), floorP95: percentile(floors, 95) };
}

export const timeCase: BenchCase = {
  name: 'time contributions',
  async run(env) {
    const [loadMs] = await timed(() => insertTimeDataset(env.store.sqlite, env.dataset));
    const rows: BenchRow[] = [];
    const years = Array.from({ length: env.dataset.lastYear - env.dataset.firstYear + 1 }, (_, i) => env.dataset.firstYear + i);

    const summary = await measure(
      env,
      200,
      years.map((y) => ({ method: 'time.summary' as const, input: { from: `${y}-01-01`, to: `${y}-12-31`, by: 'organisation' } })),
    );
    rows.push({
      measurement: `time summary of a year by organisation (\`time.summary\`, 200 runs over ${years.length} years, ${TIME_ENTRIES.toLocaleString('fr-FR')} entries; entries inserted in ${(loadMs / 1000).toFixed(1)} s)`,
      ...summary,
      target: '< 50 ms p95, ≤ 2× floor',
      met: summary.p95 < 50 && summary.p50 <= 2 * summary.floorP50,
    });

    const busiest = env.store.sqlite
      .prepare("SELECT organisation_id AS o, substr(date, 1, 7) AS m FROM time_entries WHERE nature = 'secondment' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 20")
      .all() as { o: number; m: string }[];
    const grid = await measure(
      env,
      200,
      busiest.map((b) => ({ method: 'time.grid.get' as const, input: { organisationId: b.o, month: b.m, nature: 'secondment' } })),
    );
    rows.push({
      measurement: 'month grid of one organisation (`time.grid.get`, 200 runs over the 20 busiest organisation-months)',
      ...grid,
      target: '< 30 ms p95',
      met: grid.p95 < 30,
    });

    // The archive: the dataset without entries, then with 100 000 of them; the difference is the entries' cost.
    const full: Archive = await exportArchive(env.store.db, { schemaVersion: env.store.schemaVersion, now: env.now });
    const entries = full.tables.time_entries!;
    const importOf = async (name: string, archive: Archive) => {
      const file = path.join(env.dir, `${name}.json`);
      writeArchiveFile(file, archive);
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) {
        const target = path.join(env.dir, `${name}-${i}.sqlite`);
        const store = await openStore(target);
        const [ms] = await timed(() => writeArchive(store.db, validateArchive(readArchiveFile(file), store.schemaVersion)));
        samples.push(ms);
        await store.close();
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
      }
      return percentile(samples, 95);
    };
    const base = await importOf('time-base', { ...full, tables: { ...full.tables, time_entries: [] } });
    const withEntries = await importOf('time-100k', { ...full, tables: { ...full.tables, time_entries: entries.slice(0, 100_000) } });
    rows.push({
      measurement: 'archive import with 100 000 time entries (read, validate every row, write in one transaction)',
      p50: withEntries,
      p95: withEntries,
      target: '< 3 s for the entries',
      met: withEntries - base < 3000,
      note: `entries alone ≈ ${((withEntries - base) / 1000).toFixed(2)} s (dataset without them: ${(base / 1000).toFixed(2)} s)`,
    });
    return rows;
  },
};
