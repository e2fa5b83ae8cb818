import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * The register of erasures (art. 17 RGPD): which person was erased, when, and what was kept and
 * why. It outlives the data it describes: an import or a restore of older data reads it to erase
 * again whoever came back. No foreign key to `people`, on purpose: an entry must survive data that
 * no longer holds the person. The person's creation time tells her apart from someone else who has
 * the same number in another database.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'erasures',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('erasures')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('person_id', 'integer', (c) => c.notNull())
      .addColumn('person_created_at', 'text', (c) => c.notNull())
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .addColumn('kept_records', 'integer', (c) => c.notNull().check(sql`kept_records >= 0`))
      // JSON array of the tables whose rows keep the name (approved minutes, attendance sheets).
      .addColumn('kept_tables', 'text', (c) => c.notNull())
      // Why something was kept: 'legal_records', or null when nothing was.
      .addColumn('kept_reason', 'text', (c) => c.check(sql`kept_reason in ('legal_records')`))
      .addUniqueConstraint('erasures_person', ['person_id', 'person_created_at'])
      .execute();
  },
};
