import type { Kysely } from 'kysely';
import { installSqliteSearchIndex, isSqlite } from '../search-index';
import type { Migration } from './index';

/**
 * The full-text index behind the one search box (Ctrl+K). On SQLite: an FTS5 table kept in step
 * by triggers, filled here from the records already there. Full-text search differs between
 * engines, so this migration does nothing on PostgreSQL: its index is created by the PostgreSQL
 * side of electron/store/search-index.ts, which is where that engine's implementation belongs.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'search',
  async up(db: Kysely<unknown>) {
    if (isSqlite(db)) await installSqliteSearchIndex(db);
  },
};
