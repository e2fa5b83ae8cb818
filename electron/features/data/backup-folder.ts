import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import type { ServiceContext } from '../../app/context';
import type { DB } from '../../store/schema';
import { describeBackupName } from './backup';
import { backupsToDelete } from './retention';

/**
 * The folder where each backup is copied as well (a USB key, a shared folder): kept in the
 * settings table under its own key; the copies on this machine stay where they are, so a key
 * left unplugged never costs a backup.
 */
export const BACKUP_FOLDER_KEY = 'backups.folder';

export async function getBackupFolder(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', BACKUP_FOLDER_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const folder = (JSON.parse(row.value) as { folder?: unknown }).folder;
    return typeof folder === 'string' && folder !== '' ? folder : null;
  } catch {
    return null;
  }
}

/** Refuses, in French, a folder that is not there or where nothing can be written. */
export function checkBackupFolder(folder: string): string {
  if (!path.isAbsolute(folder)) throw new AppError('VALIDATION', 'backupFolder.notAbsolute', { folder });
  const resolved = path.resolve(folder);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new AppError('VALIDATION', 'backupFolder.missing', { folder });
  }
  if (!stat.isDirectory()) throw new AppError('VALIDATION', 'backupFolder.notFolder', { folder });
  // Write access is tried, not guessed from the mode bits: a read-only key or share says so only when written to.
  const probe = path.join(resolved, `.maillage-essai-${process.pid}.tmp`);
  try {
    fs.writeFileSync(probe, 'maillage');
  } catch {
    throw new AppError('VALIDATION', 'backupFolder.notWritable', { folder });
  } finally {
    fs.rmSync(probe, { force: true });
  }
  return resolved;
}

/** `null` or '' goes back to copies on this machine only. */
export async function setBackupFolder(ctx: ServiceContext, folder: string | null): Promise<string | null> {
  const chosen = folder === null || folder.trim() === '' ? null : checkBackupFolder(folder.trim());
  const value = JSON.stringify({ folder: chosen });
  await ctx.db
    .insertInto('settings')
    .values({ key: BACKUP_FOLDER_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return chosen;
}

/**
 * Copies a backup just made into the chosen folder (to a temporary name, then renamed: a key
 * pulled out mid-copy leaves no truncated file under a real name), then applies the retention
 * to the automatic copies there. Throws, naming the folder, when the copy cannot be made.
 */
export function copyToBackupFolder(folder: string, source: string): string {
  const dir = checkBackupFolder(folder);
  const name = path.basename(source);
  const target = path.join(dir, name);
  const temporary = `${target}.tmp`;
  try {
    fs.copyFileSync(source, temporary);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new AppError('VALIDATION', 'backupFolder.copyFailed', { folder, name, detail: error instanceof Error ? error.message : String(error) }, undefined, error);
  }
  const prefix = name.replace(/-(auto|manuel|avant-[a-z]+|autre)-.*$/, '-');
  const automatic = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && !f.endsWith('.tmp'))
    .map((f) => ({ name: f, ...describeBackupName(f) }))
    .filter((f) => f.kind === 'auto' && f.at !== null)
    .map((f) => ({ name: f.name, at: f.at! }));
  for (const doomed of backupsToDelete(automatic)) fs.rmSync(path.join(dir, doomed), { force: true });
  return target;
}
