import type { Kysely } from 'kysely';
import { AppError } from '../../shared/api/errors';
import type { Runtime } from '../app/context';
import type { DB } from './schema';

/** The tables whose records carry a version number (migration 0007). */
export type VersionedTable = 'organisations' | 'people';

/** Who saved, as the message to the next person says it (there are no user accounts). */
export function savedBy(runtime: Runtime): string {
  return runtime;
}

const BY_LABEL: Record<string, string> = { electron: 'l’application', web: 'le mode web', cli: 'la ligne de commande', test: 'un test' };

/** "11:05 le 12 mars 2026", Paris time. */
function formatAt(iso: string): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(date);
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(date);
  return `${time} le ${day}`;
}

/**
 * The refusal of a save made from a stale form: the record was saved by someone else since it
 * was opened (its version moved on). Says by whom and when, so the person can reload and redo.
 */
export async function modifiedMeanwhile(db: Kysely<DB>, table: VersionedTable, id: number): Promise<AppError> {
  const row = await db.selectFrom(table).select(['updated_by', 'updated_at', 'version']).where('id', '=', id).executeTakeFirst();
  if (!row) return new AppError('NOT_FOUND', 'error.notFound');
  return new AppError('CONFLICT', 'pg.error.modifiedMeanwhile', {
    by: BY_LABEL[row.updated_by ?? ''] ?? row.updated_by ?? 'un autre poste',
    at: formatAt(row.updated_at),
    version: row.version,
  });
}
