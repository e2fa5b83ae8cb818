import fs from 'node:fs';
import path from 'node:path';
import { backupsDirFor, type Store } from '../store/open';
import { systemClock } from '../app/clock';

/**
 * A full copy of the database, taken before a command empties it (demo --force, import --replace),
 * in the same backups folder as the copies made before migrations.
 */
export function backupBeforeReplacing(store: Store, reason: string, now = systemClock()): string {
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
