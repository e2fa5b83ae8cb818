import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createBackup } from '../../electron/features/data/backup';
import { checkDatabase } from '../../electron/features/data/check';
import { commitImport } from '../../electron/features/data/import/service';
import { readSpreadsheetFile } from '../../electron/features/data/sheets/read';
import { backupsDirFor } from '../../electron/store/open';
import type { BenchCase, BenchRow } from './run';
import { timeEntriesCsv } from './dataset';
import { percentile, timed } from './measure';

/**
 * Data safety at national scale (issue 6): an online backup of the whole database, the import of
 * a 50 000-line CSV of time entries (parse, map, validate every line with the time feature's
 * rules, write in one transaction), and `check`. Each beside its floor: the same work through
 * better-sqlite3 alone. Runs last, on the database the other cases filled.
 */

const IMPORT_LINES = 50_000;
const RUNS = 3;

export const dataCase: BenchCase = {
  name: 'data safety',
  async run(env) {
    const rows: BenchRow[] = [];
    const sqlite = env.store.sqlite;
    const MB = 1024 * 1024;
    const bytes = fs.statSync(env.store.file).size + (fs.existsSync(`${env.store.file}-wal`) ? fs.statSync(`${env.store.file}-wal`).size : 0);

    // Backup: the app's (online backup, then a self-contained rollback-journal file) against a bare db.backup().
    const backupSamples: number[] = [];
    const backupFloors: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [ms, backup] = await timed(() => createBackup(env.store, 'manuel', new Date(Date.UTC(2026, 0, 1, 0, 0, i))));
      backupSamples.push(ms);
      fs.rmSync(path.join(backupsDirFor(env.store.file), backup.name));
      const floorFile = path.join(env.dir, `floor-backup-${i}.sqlite`);
      const [floor] = await timed(() => sqlite.backup(floorFile, { progress: () => 4096 }));
      backupFloors.push(floor);
      fs.rmSync(floorFile, { force: true });
    }
    rows.push({
      measurement: `backup of the whole database (${(bytes / MB).toFixed(0)} MB)`,
      p50: percentile(backupSamples, 50),
      p95: percentile(backupSamples, 95),
      floorP50: percentile(backupFloors, 50),
      floorP95: percentile(backupFloors, 95),
      target: '< 2 s',
      met: percentile(backupSamples, 95) < 2000,
    });

    // Import of time entries, from a CSV as French Excel writes it.
    const organisations = sqlite.prepare('SELECT id, name FROM organisations WHERE archived_at IS NULL ORDER BY id').all() as { id: number; name: string }[];
    const people = sqlite.prepare('SELECT id, first_name, last_name FROM people ORDER BY id').all() as { id: number; first_name: string; last_name: string }[];
    const categories = sqlite.prepare('SELECT id, name FROM time_categories WHERE active = 1 ORDER BY position').all() as { id: number; name: string }[];
    if (categories.length === 0) throw new Error('no time categories: the time case must run first');
    const csv = path.join(env.dir, 'temps.csv');
    // January to September of next year: after the dataset's entries, less than a year ahead of the bench's
    // today; 9 × 28 days against 5 000 people still gives far more than 50 000 distinct lines.
    fs.writeFileSync(csv, timeEntriesCsv({ organisations, people, categories, lines: IMPORT_LINES, year: 2027, months: 9 }));
    const ctx = { db: env.store.db, now: env.now, runtime: 'test' as const };
    const before = (sqlite.prepare('SELECT COUNT(*) AS n FROM time_entries').get() as { n: number }).n;
    const [importMs, result] = await timed(async () => commitImport(ctx, readSpreadsheetFile(csv), { type: 'time', duplicates: { default: 'skip' } }, 'temps.csv'));
    if (result.created !== IMPORT_LINES) throw new Error(`import created ${result.created} of ${IMPORT_LINES}`);
    sqlite.prepare("DELETE FROM time_entries WHERE note = 'import bench'").run();
    // Floor: the same rows, already known, through one prepared INSERT in one transaction.
    const insert = sqlite.prepare(
      'INSERT INTO time_entries (organisation_id, person_id, date, minutes, category_id, nature, meeting_id, activity_id, note, rate_id, hourly_rate_cents, value_cents, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, 2000, ?, ?, ?)',
    );
    const [importFloor] = await timed(() =>
      sqlite.transaction(() => {
        for (let i = 0; i < IMPORT_LINES; i++) {
          const minutes = (((i % 7) + 1) / 2) * 60;
          insert.run(organisations[i % organisations.length]!.id, people[(i * 7) % people.length]!.id, '2027-01-01', minutes, categories[0]!.id, 'secondment', 'import bench', minutes * 33, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        }
      })(),
    );
    sqlite.prepare("DELETE FROM time_entries WHERE note = 'import bench'").run();
    const after = (sqlite.prepare('SELECT COUNT(*) AS n FROM time_entries').get() as { n: number }).n;
    if (after !== before) throw new Error('bench import not cleaned up');
    rows.push({
      measurement: `import of a ${IMPORT_LINES.toLocaleString('fr-FR')}-line CSV of time entries (${(fs.statSync(csv).size / MB).toFixed(1)} MB)`,
      p50: importMs,
      p95: importMs,
      floorP50: importFloor,
      floorP95: importFloor,
      target: '< 5 s',
      met: importMs < 5000,
      note: 'one run; floor = bare INSERTs',
    });

    // check: SQLite's checks and every rule, against SQLite's checks alone.
    const checkSamples: number[] = [];
    const checkFloors: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [ms, report] = await timed(() => checkDatabase(env.store));
      if (!report.ok) throw new Error(`check found problems: ${report.problems[0]?.message}`);
      checkSamples.push(ms);
      const [floor] = await timed(() => {
        sqlite.pragma('integrity_check');
        sqlite.pragma('foreign_key_check');
      });
      checkFloors.push(floor);
    }
    rows.push({
      measurement: 'check (integrity, foreign keys, every rule)',
      p50: percentile(checkSamples, 50),
      p95: percentile(checkSamples, 95),
      floorP50: percentile(checkFloors, 50),
      floorP95: percentile(checkFloors, 95),
      target: '< 5 s',
      met: percentile(checkSamples, 95) < 5000,
    });
    // The database is still one a Maillage can open read-only (nothing left half-done).
    const probe = new Database(env.store.file, { readonly: true });
    probe.close();
    return rows;
  },
};
