import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect';
import { installPostgresSearchIndex } from '../search-index-postgres';
import type { Migration } from './index';

/**
 * The search box on PostgreSQL: its tsvector table, GIN index and triggers, filled from the
 * records already there (see search-index-postgres.ts). SQLite's index came with 0008: nothing here.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'search_postgres',
  async up(db: Kysely<unknown>) {
    if (dialectOf(db) === 'postgres') await installPostgresSearchIndex(db);
  },
};
