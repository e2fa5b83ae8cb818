import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Archive } from '../../shared/features/archive/schemas';
import { gridSaveSchema, type GridSave } from '../../shared/features/time/schemas';
import type { ServiceContext } from '../../electron/app/context';
import { copyBase } from '../../electron/cli/commands/copy';
import { exportArchive, writeArchiveFile } from '../../electron/features/archive/export';
import { readArchiveFile, validateArchive, writeArchive } from '../../electron/features/archive/import';
import { ARCHIVED_TABLES } from '../../electron/features/archive/tables';
import { commitImport } from '../../electron/features/data/import/service';
import { readSpreadsheetFile } from '../../electron/features/data/sheets/read';
import { getGrid, saveGrid } from '../../electron/features/time/grid';
import { openStore, type Store } from '../../electron/store/engine';
import { createPostgresPool, parsePostgresTarget } from '../../electron/store/postgres';
import type { DB } from '../../electron/store/schema';
import { freshSchemaUrl, startTestPostgres, dropSchemaOf, type TestPostgres } from '../helpers/pg';
import { insertDataset, timeEntriesCsv } from './dataset';
import { insertTimeDataset } from './time';
import { percentile, timed } from './measure';

/**
 * The writes of issue 13, on SQLite and on PostgreSQL, each beside its floor: the same rows or
 * the same SQL through the driver alone (better-sqlite3, or `pg`), in one transaction, without
 * the store, the query builder, validation or mapping. The three targets: a 50 000-line CSV of
 * time entries, an archive import, the month grid's save — each at most 2× its floor.
 *
 * `BENCH_ENGINES=sqlite,postgres` (the default; `npm run bench` prints this table last) or one of
 * them; `tsx test/bench/engines.ts` runs only these. PostgreSQL is the tests' embedded server,
 * started here on a free loopback port (or MAILLAGE_TEST_PG_URL). Never gates on a time.
 */

export type Engine = 'sqlite' | 'postgres';

export interface EngineRow {
  engine: Engine;
  measurement: string;
  p50: number;
  p95: number;
  floorP50: number;
  floorP95: number;
}

const IMPORT_LINES = 50_000;
const TIME_ENTRIES = 30_000;
const GRID_RUNS = 60;

class Rollback extends Error {}

/** The driver alone: run statements in one transaction (committed or rolled back). */
interface Floor {
  run(queries: readonly { sql: string; parameters: readonly unknown[] }[], commit: boolean): Promise<void>;
  /** Multi-row INSERTs of `rows` into `table`, as large as the engine binds, in the caller's transaction. */
  insertRows(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): { sql: string; parameters: unknown[] }[];
  close(): Promise<void>;
}

function insertStatements(engine: Engine, table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]) {
  const per = Math.max(1, Math.floor((engine === 'postgres' ? 65_535 : 32_766) / columns.length));
  const out: { sql: string; parameters: unknown[] }[] = [];
  for (let start = 0; start < rows.length; start += per) {
    const chunk = rows.slice(start, start + per);
    let n = 0;
    const tuples = chunk.map(() => `(${columns.map(() => (engine === 'postgres' ? `$${++n}` : '?')).join(', ')})`).join(', ');
    out.push({ sql: `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples}`, parameters: chunk.flatMap((r) => columns.map((c) => r[c] ?? null)) });
  }
  return out;
}

function sqliteFloor(file: string): Floor {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const prepared = new Map<string, Database.Statement>();
  return {
    async run(queries, commit) {
      sqlite.exec('BEGIN IMMEDIATE');
      sqlite.pragma('defer_foreign_keys = ON');
      try {
        for (const q of queries) {
          let statement = prepared.get(q.sql);
          if (!statement) prepared.set(q.sql, (statement = sqlite.prepare(q.sql)));
          if (statement.reader) statement.all(...(q.parameters as unknown[]));
          else statement.run(...(q.parameters as unknown[]));
        }
        sqlite.exec(commit ? 'COMMIT' : 'ROLLBACK');
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw error;
      }
    },
    insertRows: (table, columns, rows) => insertStatements('sqlite', table, columns, rows),
    async close() {
      sqlite.close();
    },
  };
}

async function postgresFloor(url: string): Promise<Floor> {
  const target = parsePostgresTarget(url);
  const client = new pg.Client({ connectionString: target.connectionString, options: `-c search_path=${target.schema},public` });
  await client.connect();
  return {
    async run(queries, commit) {
      await client.query('BEGIN');
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      try {
        for (const q of queries) await client.query(q.sql, q.parameters as unknown[]);
        await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    insertRows: (table, columns, rows) => insertStatements('postgres', table, columns, rows),
    async close() {
      await client.end();
    },
  };
}

/** A Kysely over the same base that logs every statement: the app's own SQL, for the floor to replay. */
function loggingDb(engine: Engine, store: Store, url: string | null, queries: CompiledQuery[]): { db: Kysely<DB>; close(): Promise<void> } {
  const log = (e: { query: CompiledQuery }) => void queries.push(e.query);
  if (engine === 'sqlite') return { db: new Kysely<DB>({ dialect: new SqliteDialect({ database: store.sqlite! }), log }), close: async () => {} };
  const pool = createPostgresPool(parsePostgresTarget(url!), 1);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  return { db, close: () => db.destroy() };
}

interface Bases {
  /** A new empty base on this engine. */
  fresh(name: string): Promise<{ target: string; dispose(): Promise<void> }>;
  floor(target: string): Promise<Floor>;
}

async function measureEngine(engine: Engine, source: string, bases: Bases, dir: string, now: () => Date): Promise<EngineRow[]> {
  const rows: EngineRow[] = [];
  const main = await bases.fresh('main');
  await copyBase(source, main.target, now);
  const store = await openStore(main.target);
  const ctx: ServiceContext = { db: store.db, now, runtime: 'test' };
  const floor = await bases.floor(main.target);
  try {
    const only = process.env.BENCH_CASES?.split(',');
    // 1. The CSV of time entries: parse, map, validate each line, write in one transaction.
    if (!only || only.includes('import')) {
    const organisations = await store.db.selectFrom('organisations').select(['id', 'name']).where('archived_at', 'is', null).orderBy('id').execute();
    const people = await store.db.selectFrom('people').select(['id', 'first_name', 'last_name']).orderBy('id').execute();
    const categories = await store.db.selectFrom('time_categories').select(['id', 'name']).where('active', '=', 1).orderBy('position').execute();
    const csv = path.join(dir, `temps-${engine}.csv`);
    fs.writeFileSync(csv, timeEntriesCsv({ organisations, people, categories, lines: IMPORT_LINES, year: 2031, months: 12 }));
    const importSamples: number[] = [];
    const importFloors: number[] = [];
    for (let run = 0; run < 3; run++) {
      const [ms, result] = await timed(() => commitImport(ctx, readSpreadsheetFile(csv), { type: 'time', duplicates: { default: 'skip' } }, 'temps.csv'));
      if (result.created !== IMPORT_LINES) throw new Error(`import created ${result.created} of ${IMPORT_LINES}`);
      importSamples.push(ms);
      // The floor: the very rows it wrote, inserted again through the driver alone.
      const written = await store.db.selectFrom('time_entries').selectAll().where('note', '=', 'import bench').orderBy('id').execute();
      await store.db.deleteFrom('time_entries').where('note', '=', 'import bench').execute();
      const columns = Object.keys(written[0]!).filter((c) => c !== 'id');
      const statements = floor.insertRows('time_entries', columns, written);
      const [floorMs] = await timed(() => floor.run(statements, true));
      importFloors.push(floorMs);
      await store.db.deleteFrom('time_entries').where('note', '=', 'import bench').execute();
    }
    rows.push({ engine, measurement: `import of a ${IMPORT_LINES.toLocaleString('fr-FR')}-line CSV of time entries (floor: its rows, bare multi-row INSERTs)`, ...stats(importSamples, importFloors) });
    }

    // 2. The archive of the whole base into an empty one: read, validate every row, write, check.
    if (!only || only.includes('archive')) {
    const archive: Archive = await exportArchive(store.db, { schemaVersion: store.schemaVersion, now });
    const file = path.join(dir, `archive-${engine}.json`);
    writeArchiveFile(file, archive);
    const archiveRows = Object.values(archive.tables).reduce((n, t) => n + t.length, 0);
    const archiveSamples: number[] = [];
    const archiveFloors: number[] = [];
    for (let run = 0; run < 3; run++) {
      const target = await bases.fresh(`import-${run}`);
      const into = await openStore(target.target);
      const [ms] = await timed(() => writeArchive(into.db, validateArchive(readArchiveFile(file), into.schemaVersion)));
      archiveSamples.push(ms);
      await into.close();
      await target.dispose();

      const bare = await bases.fresh(`import-floor-${run}`);
      await (await openStore(bare.target)).close();
      const bareFloor = await bases.floor(bare.target);
      const [floorMs] = await timed(async () => {
        const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Archive;
        const statements = ARCHIVED_TABLES.flatMap((t) => (parsed.tables[t.name]?.length ? bareFloor.insertRows(t.name, t.columns, parsed.tables[t.name] as Record<string, unknown>[]) : []));
        await bareFloor.run(statements, true);
      });
      archiveFloors.push(floorMs);
      await bareFloor.close();
      await bare.dispose();
    }
    rows.push({ engine, measurement: `archive import into an empty base (${archiveRows.toLocaleString('fr-FR')} rows; floor: JSON.parse and bare INSERTs)`, ...stats(archiveSamples, archiveFloors) });
    }

    // 3. The month grid's save: every cell of a busy organisation-month changed by 30 minutes.
    if (!only || only.includes('grid')) {
    const busiest = (
      await sql<{ organisation_id: number; month: string }>`
        select organisation_id, substr(date, 1, 7) as month from time_entries where nature = 'secondment'
        group by organisation_id, substr(date, 1, 7) order by count(*) desc, organisation_id, substr(date, 1, 7) limit 3`.execute(store.db)
    ).rows;
    const inputs: GridSave[] = [];
    for (const b of busiest) {
      const grid = await getGrid(ctx, b.organisation_id, String(b.month), 'secondment');
      const byRow = new Map<string, GridSave['rows'][number]>();
      for (const e of grid.entries) {
        const key = `${e.personId}|${e.categoryId}`;
        const row = byRow.get(key) ?? { personId: e.personId, categoryId: e.categoryId, cells: [] };
        if (row.cells.some((c) => c.from === e.date)) continue;
        row.cells.push({ from: e.date, to: e.date, minutes: e.minutes + 30 });
        byRow.set(key, row);
      }
      // Days holding two entries of one line are left as they are (the grid refuses to split them).
      const twice = new Set(grid.entries.map((e) => `${e.personId}|${e.categoryId}|${e.date}`).filter((k, i, all) => all.indexOf(k) !== i));
      for (const [key, row] of byRow) row.cells = row.cells.filter((c) => !twice.has(`${key}|${c.from}`));
      inputs.push({ organisationId: b.organisation_id, month: String(b.month), nature: 'secondment', rows: [...byRow.values()], opened: grid.entries.map((e) => ({ id: e.id, version: e.version })) });
    }
    const captured: CompiledQuery[][] = [];
    for (const input of inputs) {
      const queries: CompiledQuery[] = [];
      const logging = loggingDb(engine, store, engine === 'postgres' ? main.target : null, queries);
      await logging.db
        .transaction()
        .execute(async (trx) => {
          await saveGrid({ ...ctx, db: trx }, gridSaveSchema.parse(input));
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      await logging.close();
      captured.push(queries.filter((q) => !/^(begin|commit|rollback)/i.test(q.sql.trim())));
    }
    const gridSamples: number[] = [];
    const gridFloors: number[] = [];
    for (let run = 0; run < GRID_RUNS; run++) {
      const input = inputs[run % inputs.length]!;
      // Rolled back, so that every run writes the same changes.
      const [ms] = await timed(() =>
        store.db
          .transaction()
          .execute(async (trx) => {
            await saveGrid({ ...ctx, db: trx }, gridSaveSchema.parse(input));
            throw new Rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Rollback)) throw e;
          }),
      );
      gridSamples.push(ms);
      const [floorMs] = await timed(() => floor.run(captured[run % inputs.length]!, false));
      gridFloors.push(floorMs);
    }
    const cells = Math.round(inputs.reduce((n, i) => n + i.rows.reduce((m, r) => m + r.cells.length, 0), 0) / Math.max(1, inputs.length));
    rows.push({ engine, measurement: `month grid save (\`time.grid.save\`, ${GRID_RUNS} runs over 3 organisation-months typed in full, ${cells} cells changed each; floor: its SQL replayed)`, ...stats(gridSamples, gridFloors) });
    }
  } finally {
    await floor.close();
    await store.close();
    await main.dispose();
  }
  return rows;
}

/** Three organisation-months typed in full (every person affiliated, three categories, every day): what the grid is for. */
function insertBusyMonths(sqlite: Database.Database): void {
  const insert = sqlite.prepare(
    "INSERT INTO time_entries (organisation_id, person_id, date, minutes, category_id, nature, rate_id, hourly_rate_cents, value_cents, created_at, updated_at) VALUES (?, ?, ?, 60, ?, 'secondment', 1, 2000, 2000, '2026-11-15T09:00:00.000Z', '2026-11-15T09:00:00.000Z')",
  );
  const categories = (sqlite.prepare('SELECT id FROM time_categories ORDER BY position LIMIT 3').all() as { id: number }[]).map((c) => c.id);
  sqlite.transaction(() => {
    for (const organisation of [1, 2, 3]) {
      const people = (sqlite.prepare('SELECT DISTINCT person_id FROM affiliations WHERE organisation_id = ? LIMIT 12').all(organisation) as { person_id: number }[]).map((p) => p.person_id);
      for (const person of people) for (const category of categories) for (let day = 1; day <= 28; day++) insert.run(organisation, person, `2026-10-${String(day).padStart(2, '0')}`, category);
    }
  })();
}

function stats(samples: number[], floors: number[]) {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), floorP50: percentile(floors, 50), floorP95: percentile(floors, 95) };
}

export function enginesWanted(): Engine[] {
  const wanted = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  return (['sqlite', 'postgres'] as const).filter((e) => wanted.includes(e));
}

/** Builds the source base once (SQLite), then measures on each engine wanted. */
export async function runEngines(engines: readonly Engine[] = enginesWanted(), log: (line: string) => void = console.log): Promise<EngineRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-engines-'));
  // The imported lines are dated 2031: « today » is its first day, so that none is a year ahead.
  const now = () => new Date(Date.UTC(2031, 0, 1, 9, 0, 0));
  let server: TestPostgres | null = null;
  const rows: EngineRow[] = [];
  try {
    const source = path.join(dir, 'source.sqlite');
    const built = await openStore(source);
    const dataset = insertDataset(built.sqlite!, { now: new Date(Date.UTC(2026, 10, 15, 9, 0, 0)) });
    insertTimeDataset(built.sqlite!, dataset, TIME_ENTRIES);
    insertBusyMonths(built.sqlite!);
    await built.close();
    for (const engine of engines) {
      let bases: Bases;
      if (engine === 'sqlite') {
        bases = {
          async fresh(name) {
            const target = path.join(dir, `${name}.sqlite`);
            return { target, dispose: async () => ['', '-wal', '-shm'].forEach((s) => fs.rmSync(target + s, { force: true })) };
          },
          floor: async (target) => sqliteFloor(target),
        };
      } else {
        let url = process.env.MAILLAGE_TEST_PG_URL;
        if (!url) {
          server = await startTestPostgres();
          url = server.url;
        }
        const serverUrl = url;
        bases = {
          async fresh() {
            const target = freshSchemaUrl(serverUrl);
            return { target, dispose: () => dropSchemaOf(target) };
          },
          floor: (target) => postgresFloor(target),
        };
      }
      log(`… ${engine}`);
      rows.push(...(await measureEngine(engine, source, bases, dir, now)));
    }
  } finally {
    await (server as TestPostgres | null)?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** Each measurement once per engine, side by side, each beside its floor. */
export function sideBySide(rows: readonly EngineRow[]): string {
  const engines = [...new Set(rows.map((r) => r.engine))];
  const head = engines.map((e) => `${e} p50 / p95 | floor p50 / p95 | ratio p50 (p95)`).join(' | ');
  const lines = [`| measurement | ${head} | ≤ 2× floor |`, `| --- | ${engines.map(() => '---: | ---: | ---:').join(' | ')} | :---: |`];
  for (const measurement of [...new Set(rows.map((r) => r.measurement))]) {
    const cells: string[] = [];
    let met = true;
    for (const engine of engines) {
      const r = rows.find((x) => x.engine === engine && x.measurement === measurement);
      if (!r) {
        cells.push('— | — | —');
        continue;
      }
      met &&= r.p50 <= 2 * r.floorP50 && r.p95 <= 2 * r.floorP95;
      cells.push(`${ms(r.p50)} / ${ms(r.p95)} | ${ms(r.floorP50)} / ${ms(r.floorP95)} | ${(r.p50 / r.floorP50).toFixed(1)}× (${(r.p95 / r.floorP95).toFixed(1)}×)`);
    }
    lines.push(`| ${measurement} | ${cells.join(' | ')} | ${met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

// Run alone: `tsx test/bench/engines.ts`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const rows = await runEngines();
  console.log(`\nBoth engines (Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}):\n`);
  console.log(sideBySide(rows));
}
