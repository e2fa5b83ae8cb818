import { AppError } from '../../shared/api/errors';
import { translate } from '../../shared/i18n/index';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Handlers, MethodName } from '../../shared/api/contract';
import type { Archive } from '../../shared/features/archive/schemas';
import { createDispatcher, type Dispatch } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { exportArchive, serializeArchive, writeArchiveFile } from '../../electron/features/archive/export';
import { readArchiveFile, validateArchive, writeArchive } from '../../electron/features/archive/import';
import { ARCHIVED_TABLES } from '../../electron/features/archive/tables';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../electron/store/migrations/index';
import { openStore, type Store } from '../../electron/store/open';
import type { DB } from '../../electron/store/schema';
import { insertDataset, type DatasetSummary } from './dataset';
import { insertActivities, measureReports } from './activity';
import { timeCase } from './time';
import { dataCase } from './data';
import { meetingsCase } from './meetings';
import { searchAllCase } from './search';
import { browserCase } from './browser';
import { serverLoadCase } from './server';
import { runEngines, sideBySide } from './engines';
import { documentsCase } from './documents';
import { percentile, timed } from './measure';

/**
 * `npm run bench`: the national-scale dataset, measured. Each figure comes with its floor, the same
 * work done through better-sqlite3 directly in the same run, so that a slow machine does not hide
 * (or invent) overhead. Prints a markdown table. Never fails on a time: benchmarks are not tests.
 * Features add their measurements by appending a case to CASES.
 */

export interface BenchRow {
  measurement: string;
  /** Milliseconds. */
  p50: number;
  p95: number;
  floorP50?: number;
  floorP95?: number;
  target: string;
  /** Whether the target is met; undefined when there is none. */
  met?: boolean;
  note?: string;
}

export interface BenchEnv {
  dir: string;
  store: Store;
  dispatch: Dispatch;
  now: () => Date;
  dataset: DatasetSummary;
  /** Every query a handler call ran, compiled, to replay them as its floor. */
  capture(method: MethodName, input: unknown): Promise<CompiledQuery[]>;
}

export interface BenchCase {
  name: string;
  run(env: BenchEnv): Promise<BenchRow[]>;
}

function fresh(env: { dir: string }, name: string): string {
  const file = path.join(env.dir, name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return file;
}

/** better-sqlite3 alone: prepare and run each statement, no query builder, no validation, no mapping. */
function replay(sqlite: Database.Database, queries: CompiledQuery[]): void {
  for (const q of queries) {
    const statement = sqlite.prepare(q.sql);
    const params = q.parameters as unknown[];
    if (statement.reader) statement.all(...params);
    else statement.run(...params);
  }
}

const openAndMigrate: BenchCase = {
  name: 'open and migrate',
  async run(env) {
    // The migrations' DDL, compiled once, is the floor: the same statements without the store around them.
    const ddl: CompiledQuery[] = [];
    const scratch = new Database(':memory:');
    const logging = new Kysely<unknown>({ dialect: new SqliteDialect({ database: scratch }), log: (e) => void ddl.push(e.query) });
    for (const m of MIGRATIONS) await m.up(logging);
    await logging.destroy();

    const samples: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [ms, store] = await timed(() => openStore(fresh(env, 'open.sqlite')));
      samples.push(ms);
      await store.close();
      const [floor] = await timed(() => {
        const sqlite = new Database(fresh(env, 'open-floor.sqlite'));
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('foreign_keys = ON');
        sqlite.transaction(() => {
          sqlite.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
          replay(sqlite, ddl);
          sqlite.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION, 'bench', new Date().toISOString());
        })();
        sqlite.close();
      });
      floors.push(floor);
    }
    return [
      {
        measurement: `open and migrate a new file (${MIGRATIONS.length} migrations)`,
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
        floorP50: percentile(floors, 50),
        floorP95: percentile(floors, 95),
        target: '—',
      },
    ];
  },
};

function searchCase(name: string, method: 'organisations.list' | 'people.list', terms: (d: DatasetSummary) => string[]): BenchCase {
  return {
    name,
    async run(env) {
      const list = terms(env.dataset);
      const captured = new Map<string, CompiledQuery[]>();
      for (const term of list) captured.set(term, await env.capture(method, { search: term }));
      const samples: number[] = [];
      const floors: number[] = [];
      let results = 0;
      for (let i = 0; i < 200; i++) {
        const term = list[i % list.length]!;
        const [ms, result] = await timed(() => env.dispatch(method, { search: term }));
        if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
        results += (result.value as { items: unknown[] }).items.length;
        samples.push(ms);
        const [floor] = await timed(() => replay(env.store.sqlite, captured.get(term)!));
        floors.push(floor);
      }
      const p50 = percentile(samples, 50);
      const p95 = percentile(samples, 95);
      const floorP50 = percentile(floors, 50);
      return [
        {
          measurement: `${name} (\`${method}\`, 200 runs over ${list.length} terms, ${Math.round(results / 200)} results on average)`,
          p50,
          p95,
          floorP50,
          floorP95: percentile(floors, 95),
          // Below a few milliseconds the tail is scheduler noise: the overhead is judged on medians.
          target: '< 20 ms p95, ≤ 2× floor (p50)',
          met: p95 < 20 && p50 <= 2 * floorP50,
        },
      ];
    },
  };
}

const MB = 1024 * 1024;

/** Archive round trip at scale; the floor reads and writes the same rows with prepared statements, unvalidated. */
const archiveCase: BenchCase = {
  name: 'archive',
  async run(env) {
    const file = path.join(env.dir, 'archive.json');
    const exportSamples: number[] = [];
    const exportFloors: number[] = [];
    let archive: Archive | undefined;
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const [ms, written] = await timed(async () => {
        archive = await exportArchive(env.store.db, { schemaVersion: env.store.schemaVersion, now: env.now });
        return writeArchiveFile(file, archive);
      });
      exportSamples.push(ms);
      bytes = written.bytes;
      const [floor] = await timed(() => {
        const sqlite = env.store.sqlite;
        const tables: Record<string, unknown[]> = {};
        sqlite.transaction(() => {
          for (const t of ARCHIVED_TABLES) tables[t.name] = sqlite.prepare(`SELECT ${t.columns.join(', ')} FROM ${t.name} ORDER BY ${t.primaryKey}`).all();
        })();
        fs.writeFileSync(path.join(env.dir, 'archive-floor.json'), serializeArchive({ ...archive!, tables: tables as Archive['tables'] }));
      });
      exportFloors.push(floor);
    }
    const rows = Object.values(archive!.tables).reduce((n, t) => n + t.length, 0);

    const importSamples: number[] = [];
    const importFloors: number[] = [];
    for (let i = 0; i < 3; i++) {
      const target = await openStore(fresh(env, 'import.sqlite'));
      const [ms] = await timed(() => writeArchive(target.db, validateArchive(readArchiveFile(file), target.schemaVersion)));
      importSamples.push(ms);
      await target.close();

      // The schema made by the app, then closed (its lock released) before better-sqlite3 alone fills it.
      const floorStore = await openStore(fresh(env, 'import-floor.sqlite'));
      await floorStore.close();
      const sqlite = new Database(floorStore.file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('synchronous = NORMAL');
      const [floor] = await timed(() => {
        const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Archive;
        sqlite.transaction(() => {
          for (const t of ARCHIVED_TABLES) {
            const statement = sqlite.prepare(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
            for (const row of parsed.tables[t.name] ?? []) statement.run(t.columns.map((c) => row[c]));
          }
        })();
      });
      sqlite.close();
      importFloors.push(floor);
    }
    const importP95 = percentile(importSamples, 95);

    // Headroom for the tables later features add: 100 000 more rows in one table, same import path.
    const grown: Archive = JSON.parse(fs.readFileSync(file, 'utf8')) as Archive;
    const affiliations = grown.tables.affiliations!;
    const extra = 100_000;
    for (let i = 1; i <= extra; i++) {
      affiliations.push({ id: 1_000_000 + i, person_id: (i % env.dataset.people) + 1, organisation_id: (i % env.dataset.organisations) + 1, role: 'Bénévole', start_date: '2019-03-01', end_date: '2020-02-29' });
    }
    const bigFile = path.join(env.dir, 'archive-100k.json');
    const bigBytes = writeArchiveFile(bigFile, grown).bytes;
    const bigSamples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const target = await openStore(fresh(env, 'import-100k.sqlite'));
      const [ms] = await timed(() => writeArchive(target.db, validateArchive(readArchiveFile(bigFile), target.schemaVersion)));
      bigSamples.push(ms);
      await target.close();
    }
    const bigP95 = percentile(bigSamples, 95);

    return [
      {
        measurement: `archive export (${rows.toLocaleString('fr-FR')} rows, ${(bytes / MB).toFixed(1)} MB file)`,
        p50: percentile(exportSamples, 50),
        p95: percentile(exportSamples, 95),
        floorP50: percentile(exportFloors, 50),
        floorP95: percentile(exportFloors, 95),
        target: '—',
      },
      {
        measurement: `archive import into an empty database (read, validate every row, write in one transaction)`,
        p50: percentile(importSamples, 50),
        p95: importP95,
        floorP50: percentile(importFloors, 50),
        floorP95: percentile(importFloors, 95),
        target: '< 5 s',
        met: importP95 < 5000,
      },
      {
        measurement: `archive import, same + ${extra.toLocaleString('fr-FR')} rows in one table (${(bigBytes / MB).toFixed(1)} MB)`,
        p50: percentile(bigSamples, 50),
        p95: bigP95,
        target: '< 3 s for the extra rows',
        met: bigP95 - importP95 < 3000,
        note: `extra rows alone ≈ ${((bigP95 - importP95) / 1000).toFixed(2)} s`,
      },
    ];
  },
};

/** Issue 5: both reports (charts rendered and the .docx packed) and the home dashboard, over 25 000 activities. */
const activityCase: BenchCase = {
  name: 'activity reports',
  async run(env) {
    insertActivities(env.store.sqlite, env.dataset.organisations, env.dataset.lastYear);
    const { annual, partner, dashboard } = await measureReports(env.dispatch, env.dataset.lastYear);
    const row = (measurement: string, samples: number[], limit: number, target: string): BenchRow => ({ measurement, p50: percentile(samples, 50), p95: percentile(samples, 95), target, met: percentile(samples, 95) < limit });
    return [
      row('annual activity report, 25 000 activities (query + 3 charts + .docx)', annual, 3000, '< 3 s'),
      row('funder report over 2½ years (query + 3 charts + .docx)', partner, 3000, '< 3 s'),
      row('home dashboard (`dashboard.get`)', dashboard, 100, '< 100 ms'),
    ];
  },
};

export const CASES: BenchCase[] = [
  openAndMigrate,
  searchCase('organisation search', 'organisations.list', (d) => d.organisationTerms),
  searchCase('person search', 'people.list', (d) => d.personTerms),
  archiveCase,
  timeCase,
  activityCase,
  dataCase,
  meetingsCase,
  documentsCase,
  // After the cases that add meetings and activities: the whole base is indexed and on screen.
  searchAllCase,
  browserCase,
  serverLoadCase,
];

/** A failed case says why in words: the message in French and its first issues, not a bare key. */
function describeFailure(error: unknown): string {
  if (!(error instanceof AppError)) return error instanceof Error ? error.message : String(error);
  const issues = (error.issues ?? []).slice(0, 3).map((i) => `${i.path}: ${translate('fr', i.key, i.params)}`);
  return [translate('fr', error.key, error.params), ...issues].join(' — ');
}

function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

function table(rows: BenchRow[]): string {
  const lines = [
    '| measurement | p50 | p95 | floor p50 | floor p95 | ratio p50 (p95) | target | met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | :---: |',
  ];
  for (const r of rows) {
    const ratio = r.floorP50 && r.floorP95 ? `${(r.p50 / r.floorP50).toFixed(1)}× (${(r.p95 / r.floorP95).toFixed(1)}×)` : '—';
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    lines.push(`| ${r.measurement}${r.note ? ` — ${r.note}` : ''} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.floorP50)} | ${ms(r.floorP95)} | ${ratio} | ${r.target} | ${met} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-'));
  const now = () => new Date(Date.UTC(2026, 10, 15, 9, 0, 0));
  const rows: BenchRow[] = [];
  try {
    const store = await openStore(path.join(dir, 'dataset.sqlite'));
    const [loadMs, dataset] = await timed(() => insertDataset(store.sqlite, { now: now() }));
    const handlers: Handlers = createHandlers(store, { runtime: 'test', now });
    const dispatch = createDispatcher(handlers);
    const capture = async (method: MethodName, input: unknown) => {
      const queries: CompiledQuery[] = [];
      // A second Kysely over the same connection, logging: never destroyed, it would close the connection.
      const logging = new Kysely<DB>({ dialect: new SqliteDialect({ database: store.sqlite }), log: (e) => void queries.push(e.query) });
      const result = await createDispatcher(createHandlers({ db: logging, schemaVersion: store.schemaVersion }, { runtime: 'test', now }))(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
      return queries;
    };
    const env: BenchEnv = { dir, store, dispatch, now, dataset, capture };
    console.log(
      `Dataset: ${dataset.organisations} organisations, ${dataset.people} people, ${dataset.affiliations} affiliations, ` +
        `${dataset.memberships} memberships (${dataset.firstYear}–${dataset.lastYear}); generated and inserted in ${ms(loadMs)}.`,
    );
    console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, ${os.platform()}.\n`);
    // BENCH_ONLY=name,name runs only those cases (the cases that insert data must be among them).
    const only = process.env.BENCH_ONLY?.split(',').map((n) => n.trim());
    for (const c of CASES.filter((k) => !only || only.includes(k.name))) {
      try {
        rows.push(...(await c.run(env)));
      } catch (error) {
        rows.push({ measurement: `${c.name}: failed (${describeFailure(error)})`, p50: NaN, p95: NaN, target: '—' });
      }
    }
    await store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(table(rows));
  // The writes of issue 13 on both engines (BENCH_ENGINES=sqlite,postgres by default; BENCH_ONLY=engines for these alone).
  const only = process.env.BENCH_ONLY?.split(',').map((n) => n.trim());
  if (!only || only.includes('engines')) {
    const engines = await runEngines();
    console.log('\nSQLite and PostgreSQL side by side (each figure beside its floor: the same rows or SQL through better-sqlite3 or pg alone):\n');
    console.log(sideBySide(engines));
  }
}

await main();
