import fs from 'node:fs';
import path from 'node:path';
import { backupsDirFor, isSqliteStore, type Store } from '../store/engine';
import { systemClock } from '../app/clock';
import { exportArchive, writeArchiveFile } from '../features/archive/export';
import { archiveBackupAnchor } from '../features/data/backup';

/**
 * A full copy of the database, taken before a command empties it (demo --force, import --replace),
 * in the same backups folder as the copies made before migrations.
 */
export async function backupBeforeReplacing(store: Store, reason: string, now = systemClock()): Promise<string> {
  if (!isSqliteStore(store)) return archiveBeforeReplacing(store, reason, now);
  const dir = backupsDirFor(store.file);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(store.file).replace(/\.[^.]+$/, '');
  const stamp = now.toISOString().replace(/:/g, '-').replace(/\..+$/, '');
  let target = path.join(dir, `${base}-avant-${reason}-${stamp}.sqlite`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}-avant-${reason}-${stamp}-${n}.sqlite`);
  // VACUUM INTO writes a consistent, compact copy even while the WAL holds recent pages.
  store.sqlite.prepare('VACUUM INTO ?').run(target);
  return target;
}

/**
 * On PostgreSQL there is no file to copy: the app's own archive stands for the backup, written
 * beside the automatic ones (archiveBackupAnchor), and restored with `import --replace`.
 */
async function archiveBeforeReplacing(store: Store, reason: string, now: Date): Promise<string> {
  const anchor = archiveBackupAnchor(store);
  const dir = backupsDirFor(anchor);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(anchor, '.json');
  const stamp = now.toISOString().replace(/:/g, '-').replace(/\..+$/, '');
  let target = path.join(dir, `${base}-avant-${reason}-${stamp}.json`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}-avant-${reason}-${stamp}-${n}.json`);
  writeArchiveFile(target, await exportArchive(store.db, { schemaVersion: store.schemaVersion, now: () => now }));
  return target;
}
