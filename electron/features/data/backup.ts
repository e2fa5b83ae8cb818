import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { safeFileName } from '../../../shared/api/files';
import { BACKUP_KINDS, type Backup, type BackupKind, type RestoreResult } from '../../../shared/features/data/schemas';
import type { Runtime } from '../../app/context';
import { defaultUserDataDir } from '../../app/paths';
import { exportArchive, writeArchiveFile } from '../archive/export';
import { readArchiveFile, validateArchive, writeArchive } from '../archive/import';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations/index';
import { backupsDirFor, isSqliteStore, sqliteOnly, type OpenOptions, type Store } from '../../store/engine';
import { recordChange } from './audit';
import { readErasureRegister, reapplyErasures } from './privacy';
import { backupsToDelete } from './retention';
import { copyToBackupFolder, getBackupFolder } from './backup-folder';
import { openOptionsOf, StoreHolder } from './store-holder';
import { systemClock } from '../../app/clock';

export const DAY_MS = 24 * 60 * 60 * 1000;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables every Maillage database has had since schema 1. */
const MAILLAGE_TABLES = ['schema_migrations', 'settings', 'organisations', 'people', 'affiliations', 'memberships'];

function baseName(dbFile: string): string {
  return path.basename(dbFile).replace(/\.[^.]+$/, '');
}

function stamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace(/\..+$/, '');
}

function openRaw(file: string, options: OpenOptions, readonly: boolean): Database.Database {
  return new Database(file, { readonly, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
}

function removeSidecars(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Restore copies the candidate here first, checks it, then renames it over the database. */
const STAGING_PREFIX = '.restauration-';

const STAMP_IN_NAME = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/;

/** What a file of the backups folder is, read from its name (`maillage-auto-2026-03-12T10-00-00.sqlite`). */
export function describeBackupName(name: string): { at: Date | null; kind: BackupKind } {
  const m = STAMP_IN_NAME.exec(name);
  const at = m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`) : null;
  const kinds = BACKUP_KINDS.filter((k) => k !== 'autre' && name.includes(`-${k}-`));
  // "avant-restauration" also contains no shorter kind; take the longest match.
  const kind = kinds.sort((a, b) => b.length - a.length)[0] ?? 'autre';
  return { at: at && !Number.isNaN(at.getTime()) ? at : null, kind };
}

/** The backups of one database: `.sqlite` files of its backups folder whose names start with its own. */
export function listBackups(dbFile: string): Backup[] {
  const dir = backupsDirFor(dbFile);
  if (!fs.existsSync(dir)) return [];
  const prefix = `${baseName(dbFile)}-`;
  const ext = backupExtension(dbFile);
  const out: Backup[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.startsWith(prefix) || !entry.name.endsWith(ext)) continue;
    const stat = fs.statSync(path.join(dir, entry.name));
    const { at, kind } = describeBackupName(entry.name);
    out.push({ name: entry.name, at: (at ?? stat.mtime).toISOString(), kind, bytes: stat.size });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

/**
 * A backup's path from its bare name, never outside the backups folder: a name with a folder,
 * "..", or anything `safeFileName` would change is refused, and so is a path that resolves elsewhere.
 */
export function resolveBackupPath(dbFile: string, name: string): string {
  const dir = path.resolve(backupsDirFor(dbFile));
  if (safeFileName(name, '') !== name || name.includes('..') || !name.endsWith(backupExtension(dbFile))) {
    throw new AppError('VALIDATION', 'data.backup.badName', { name: safeFileName(name, '?') });
  }
  const file = path.resolve(dir, name);
  if (path.dirname(file) !== dir) throw new AppError('VALIDATION', 'data.backup.badName', { name: safeFileName(name, '?') });
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', 'data.backup.notFound', { name });
  return file;
}

/** SQLite copies are `.sqlite` files; a PostgreSQL base's backups are archives (see archiveBackupAnchor). */
function backupExtension(dbFile: string): string {
  return dbFile.endsWith('.json') ? '.json' : '.sqlite';
}

/**
 * A PostgreSQL base has no file to copy: its backups are the app's archive, on the same schedule
 * and with the same retention, in the backups folder of this machine's data folder. They are
 * listed and pruned as if the base were a file named `postgresql-BASE-SCHEMA.json` there.
 */
export function archiveBackupAnchor(store: Store, dataDir = defaultUserDataDir()): string {
  const url = new URL(store.target);
  const base = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const schema = url.searchParams.get('schema') ?? 'maillage';
  return path.join(dataDir, `${safeFileName(`postgresql-${base}-${schema}`, 'postgresql')}.json`);
}

/** Where a store's backups are listed and pruned: its file on SQLite, the archive anchor on PostgreSQL. */
export function backupAnchor(store: Store, dataDir?: string): string {
  return isSqliteStore(store) ? store.file : archiveBackupAnchor(store, dataDir);
}

/** A backup of either engine: the online copy of the SQLite file, or the archive of a PostgreSQL base. */
export async function createStoreBackup(store: Store, kind: BackupKind, now: Date, dataDir?: string): Promise<Backup> {
  return isSqliteStore(store) ? createBackup(store, kind, now) : createArchiveBackup(store, archiveBackupAnchor(store, dataDir), kind, now);
}

/** One archive of the whole base, written to a temporary name then renamed (never a truncated backup). */
export async function createArchiveBackup(store: Store, anchor: string, kind: BackupKind, now: Date): Promise<Backup> {
  const dir = backupsDirFor(anchor);
  fs.mkdirSync(dir, { recursive: true });
  const target = uniqueTarget(dir, baseName(anchor), kind, now, '.json');
  const { bytes } = writeArchiveFile(target, await exportArchive(store.db, { schemaVersion: store.schemaVersion, now: () => now }));
  return { name: path.basename(target), at: now.toISOString(), kind, bytes };
}

function uniqueTarget(dir: string, base: string, kind: BackupKind, at: Date, ext = '.sqlite'): string {
  let target = path.join(dir, `${base}-${kind}-${stamp(at)}${ext}`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}-${kind}-${stamp(at)}-${n}${ext}`);
  return target;
}

/**
 * A copy of the open database through SQLite's online backup API: consistent while the app keeps
 * working, copied in steps that yield to the event loop. Written to a temporary name then renamed,
 * so a crash mid-copy never leaves a truncated backup under a real name; switched to a rollback
 * journal so that the copy is one self-contained file.
 */
export async function createBackup(anyStore: Store, kind: BackupKind, now: Date = systemClock()): Promise<Backup> {
  const store = sqliteOnly(anyStore);
  const dir = backupsDirFor(store.file);
  fs.mkdirSync(dir, { recursive: true });
  const target = uniqueTarget(dir, baseName(store.file), kind, now);
  const temporary = `${target}.tmp`;
  try {
    // 4 096 pages (16 MiB) per step: fast, while still letting other work run between steps.
    await store.sqlite.backup(temporary, { progress: () => 4096 });
    const copy = openRaw(temporary, openOptionsOf(store), false);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    removeSidecars(temporary);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    removeSidecars(temporary);
    throw error;
  }
  const { size } = fs.statSync(target);
  return { name: path.basename(target), at: now.toISOString(), kind, bytes: size };
}

/**
 * Applies the retention (7 daily, 4 weekly, 12 monthly) to the automatic backups only: copies made
 * by hand or before a restore, a migration or an import are the user's and stay until removed.
 * Left-over temporary files of an interrupted backup are removed too.
 */
export function pruneBackups(dbFile: string): string[] {
  const dir = backupsDirFor(dbFile);
  if (!fs.existsSync(dir)) return [];
  const automatic = listBackups(dbFile).filter((b) => b.kind === 'auto');
  const doomed = backupsToDelete(automatic.map((b) => ({ name: b.name, at: new Date(b.at) })));
  for (const name of doomed) fs.rmSync(path.join(dir, name), { force: true });
  // Compared with file times, so the machine's clock, not the app's.
  const hourAgo = systemClock().getTime() - 60 * 60 * 1000;
  for (const entry of fs.readdirSync(dir)) {
    if (!entry.endsWith('.tmp')) continue;
    const file = path.join(dir, entry);
    if (fs.statSync(file).mtimeMs < hourAgo) fs.rmSync(file, { force: true });
  }
  return doomed;
}

export interface CandidateReport {
  schemaVersion: number;
}

/**
 * Checks a file before it may replace the database: an SQLite file, readable, intact
 * (`integrity_check`), consistent (`foreign_key_check`), a Maillage database, and not written by
 * a newer version. Opens it read-only; throws an AppError naming what is wrong.
 */
export function inspectCandidate(
  file: string,
  options: OpenOptions = {},
  latest = LATEST_SCHEMA_VERSION,
  /** The name the user knows the file by, when `file` is a working copy of it. */
  name = path.basename(file),
): CandidateReport {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('NOT_FOUND', 'data.backup.notFound', { name });
  }
  if (!stat.isFile()) throw new AppError('NOT_FOUND', 'data.backup.notFound', { name });
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (stat.size < 512 || !header.equals(SQLITE_HEADER)) throw new AppError('VALIDATION', 'data.restore.notSqlite', { name });

  let db: Database.Database;
  try {
    db = openRaw(file, options, true);
  } catch (error) {
    throw new AppError('VALIDATION', 'data.restore.unreadable', { name }, undefined, error);
  }
  try {
    let integrity: { integrity_check: string }[];
    try {
      integrity = db.pragma('integrity_check(20)') as { integrity_check: string }[];
    } catch (error) {
      throw new AppError('VALIDATION', 'data.restore.corrupt', { name, detail: error instanceof Error ? error.message : String(error) }, undefined, error);
    }
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      throw new AppError('VALIDATION', 'data.restore.corrupt', { name, detail: integrity[0]?.integrity_check ?? '?' });
    }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!MAILLAGE_TABLES.every((t) => tables.has(t))) throw new AppError('VALIDATION', 'data.restore.notMaillage', { name });
    const version = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    if (version < 1) throw new AppError('VALIDATION', 'data.restore.notMaillage', { name });
    if (version > latest) throw new AppError('DATABASE_TOO_NEW', 'data.restore.tooNew', { name, found: version, supported: latest });
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) throw new AppError('VALIDATION', 'data.restore.foreignKeys', { name, count: orphans.length });
    return { schemaVersion: version };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', 'data.restore.corrupt', { name, detail: error instanceof Error ? error.message : String(error) }, undefined, error);
  } finally {
    db.close();
  }
}

/**
 * Replaces the database with a backup. The candidate is copied aside and checked first (a bad
 * file changes nothing); then, with the database's exclusive lock (refused while another process
 * has it open: it would go on writing to the replaced file), the current database is backed up,
 * the connection closed, stale -wal/-shm files removed, the checked copy renamed over the
 * database (atomic), and the database opened again — migrated if the backup came from an older
 * version. If it cannot be opened, the safety copy is put back. Messages name the user's file.
 */
export async function restoreDatabase(
  holder: StoreHolder,
  candidate: string,
  options: { now?: Date; runtime?: Runtime } = {},
): Promise<RestoreResult> {
  const now = options.now ?? systemClock();
  const dir = backupsDirFor(sqliteOnly(holder).file);
  fs.mkdirSync(dir, { recursive: true });
  const staging = path.join(dir, `${STAGING_PREFIX}${stamp(now)}-${process.pid}.tmp`);
  fs.copyFileSync(path.resolve(candidate), staging);
  try {
    inspectCandidate(staging, holder.openOptions, LATEST_SCHEMA_VERSION, path.basename(candidate));
    // A read-only open of a WAL-mode file leaves (empty) side files: they must not follow it.
    removeSidecars(staging);
    return await holder.exclusive('restore', async () => {
      const safety = await createBackup(holder, 'avant-restauration', now);
      const register = await readErasureRegister(holder.db);
      const safetyFile = path.join(dir, safety.name);
      const putSafetyBack = (file: string) => {
        removeSidecars(file);
        fs.copyFileSync(safetyFile, file);
      };
      const store = await holder.replaceFile((file) => {
        removeSidecars(file);
        fs.renameSync(staging, file);
      }, putSafetyBack);
      // At once, still under the exclusive lock: nobody erased may come back with an older backup.
      const erasuresReapplied = await reapplyErasures(store.db, register, { now: () => now, runtime: options.runtime ?? 'cli' }).catch(async (error: unknown) => {
        // Better the database as it was than a restore that brings an erased person back.
        await holder.replaceFile(putSafetyBack);
        throw error;
      });
      await store.db.transaction().execute((trx) =>
        recordChange(
          { db: trx, now: () => now, runtime: options.runtime ?? 'cli' },
          { entity: 'database', entityId: null, action: 'restore', summary: { from: path.basename(candidate), safetyBackup: safety.name } },
        ),
      );
      return { restoredFrom: path.basename(candidate), safetyBackup: safety.name, schemaVersion: store.schemaVersion, migrated: store.migrationBackup !== null, erasuresReapplied };
    });
  } finally {
    fs.rmSync(staging, { force: true });
    removeSidecars(staging);
  }
}

/**
 * Puts an archive backup back into a PostgreSQL base (what « undo the import » and the backups
 * list do there): the archive is read and checked first (a bad file changes nothing), the current
 * content archived beside it (`avant-restauration`), then replaced in one transaction, as
 * `import --replace` does, erasures of the register applied again before it commits. Other
 * sessions see the old content or the new, never half.
 */
export async function restoreArchiveBackup(
  store: Store,
  candidate: string,
  options: { now: Date; runtime?: Runtime; dataDir?: string },
): Promise<RestoreResult> {
  const { now } = options;
  const runtime = options.runtime ?? 'cli';
  const name = path.basename(candidate);
  const archive = validateArchive(readArchiveFile(candidate), LATEST_SCHEMA_VERSION);
  return store.exclusive('restore', async () => {
    const safety = await createArchiveBackup(store, archiveBackupAnchor(store, options.dataDir), 'avant-restauration', now);
    const { erasuresReapplied } = await writeArchive(store.db, archive, { replace: true, now: () => now, runtime });
    await store.db.transaction().execute((trx) =>
      recordChange({ db: trx, now: () => now, runtime }, { entity: 'database', entityId: null, action: 'restore', summary: { from: name, safetyBackup: safety.name } }),
    );
    return { restoredFrom: name, safetyBackup: safety.name, schemaVersion: store.schemaVersion, migrated: false, erasuresReapplied };
  });
}

/** Working files of the backups folder: copies being written (`.tmp` and their journals) and restore staging copies. */
function isLeftover(name: string): boolean {
  return name.startsWith(STAGING_PREFIX) || /\.tmp(-journal|-wal|-shm)?$/.test(name);
}

/**
 * Removes what an interrupted backup or restore left in the backups folder. Only run while this
 * process alone has the database open (StoreHolder.ifAlone): then nobody is writing them.
 */
export function removeLeftovers(dbFile: string): string[] {
  const dir = backupsDirFor(dbFile);
  if (!fs.existsSync(dir)) return [];
  const removed = fs.readdirSync(dir).filter(isLeftover);
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

/** Opens the database of a long-running process (web mode, Electron) and tidies what a crash left behind. */
export async function openHolder(file: string, openOptions: OpenOptions = {}): Promise<StoreHolder> {
  const holder = await StoreHolder.open(file, openOptions);
  await holder.ifAlone(() => removeLeftovers(file));
  return holder;
}

export interface AutomaticBackupOptions {
  /** How long between two automatic backups (24 h). */
  intervalMs?: number;
  /** How often to look whether one is due: a sleeping laptop makes long timers late. */
  checkEveryMs?: number;
  now?: () => Date;
  onBackup?: (backup: Backup, removed: string[]) => void;
  onError?: (error: unknown) => void;
  /** PostgreSQL: the data folder whose backups/ receives the archives (the app's own by default). */
  dataDir?: string;
}

/**
 * Automatic backups for a long-running process: one at start, then whenever the last automatic
 * one is `intervalMs` old, each followed by the retention. Returns the function that stops them,
 * waiting for a backup under way, to call before closing the store.
 */
export function startAutomaticBackups(store: Store, options: AutomaticBackupOptions = {}): () => Promise<void> {
  // PostgreSQL: archives on the same schedule; the engine's own backups (pg_dump, continuous
  // archiving) come on top, on the server (see the README).
  const file = backupAnchor(store, options.dataDir);
  const backUp = (at: Date) => createStoreBackup(store, 'auto', at, options.dataDir);
  const intervalMs = options.intervalMs ?? DAY_MS;
  const now = options.now ?? systemClock;
  const onError = options.onError ?? ((error: unknown) => console.error('Sauvegarde automatique :', error));
  let running: Promise<void> | null = null;
  let stopped = false;

  const lastAutomatic = (): number => {
    const last = listBackups(file).find((b) => b.kind === 'auto');
    return last ? new Date(last.at).getTime() : 0;
  };

  const run = (force: boolean) => {
    if (running || stopped) return;
    if (store instanceof StoreHolder && store.isReplacing) return;
    if (!force && now().getTime() - lastAutomatic() < intervalMs) return;
    running = (async () => {
      try {
        const backup = await backUp(now());
        const removed = pruneBackups(file);
        options.onBackup?.(backup, removed);
        const folder = await getBackupFolder(store.db);
        if (folder) copyToBackupFolder(folder, path.join(backupsDirFor(file), backup.name));
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
    })();
  };

  const first = setTimeout(() => run(true), 0);
  const timer = setInterval(() => run(false), options.checkEveryMs ?? Math.min(intervalMs, 60 * 60 * 1000));
  // Backups never keep a process alive on their own.
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
