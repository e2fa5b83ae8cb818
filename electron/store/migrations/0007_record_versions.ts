import type { Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * A version number on the records people edit, so that a save made from a stale form (someone
 * else saved in between, from another machine on the shared base) is refused rather than
 * silently overwriting: the update names the version it was opened at. `updated_by` says who
 * saved last, for the message. Organisations and people first.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'record_versions',
  async up(db: Kysely<unknown>) {
    for (const table of ['organisations', 'people']) {
      await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable(table).addColumn('updated_by', 'text').execute();
    }
  },
};
