import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/** The change log, the saved import mappings and export column choices, and the names kept for legal records after an erasure. */
export const migration0004: Migration = {
  version: 4,
  name: 'data',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'integer')
      .addColumn('parent_entity', 'text')
      .addColumn('parent_id', 'integer')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    await db.schema.createIndex('audit_log_parent').on('audit_log').columns(['parent_entity', 'parent_id']).execute();

    await db.schema
      .createTable('data_presets')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('import', 'export')`))
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('data_presets_kind_target_name', ['kind', 'target', 'name'])
      .execute();

    // The name an erased person had, kept for the legal records that must show it (approved minutes, attendance sheets).
    await db.schema
      .createTable('legal_names')
      .addColumn('person_id', 'integer', (c) => c.primaryKey().references('people.id'))
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
  },
};
