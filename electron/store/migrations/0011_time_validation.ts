import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * Validation of the hours a member organisation enters itself (issue 14): each entry has a status
 * (`pending` « à valider », `validated`, `refused` with its reason); the entries already there were
 * typed by the secretariat and are validated by the column's default. A month validated for an
 * organisation is recorded once (the structure then asks before changing it), and the requests to
 * change such a month are kept with the cells they would write and the secretariat's answer.
 * The two covering indexes of the summaries are rebuilt with the status, so that counting validated
 * hours still reads the index alone.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'time_validation',
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('time_entries')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('validated').check(sql`status in ('pending', 'validated', 'refused')`))
      .execute();
    await db.schema.alterTable('time_entries').addColumn('review_reason', 'text').execute();
    await db.schema.alterTable('time_entries').addColumn('reviewed_at', 'text').execute();
    await db.schema.alterTable('time_entries').addColumn('reviewed_by', 'text').execute();

    await db.schema.dropIndex('time_entries_date').execute();
    await db.schema
      .createIndex('time_entries_date')
      .on('time_entries')
      .columns(['date', 'person_id', 'category_id', 'nature', 'minutes', 'value_cents', 'status'])
      .execute();
    await db.schema.dropIndex('time_entries_organisation_date').execute();
    await db.schema
      .createIndex('time_entries_organisation_date')
      .on('time_entries')
      .columns(['organisation_id', 'date', 'minutes', 'value_cents', 'status'])
      .execute();
    // The secretariat's list of what waits: few rows. Partial, so that it costs nothing for the
    // validated mass, and so that SQLite (no statistics) never picks it for `status = 'validated'`.
    await db.schema
      .createIndex('time_entries_waiting')
      .on('time_entries')
      .columns(['organisation_id', 'date'])
      .where(sql.ref('status'), '<>', 'validated')
      .execute();

    await db.schema
      .createTable('time_month_validations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('validated_at', 'text', (c) => c.notNull())
      .addColumn('validated_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('time_month_validations_unique', ['organisation_id', 'month'])
      .execute();

    await db.schema
      .createTable('time_change_requests')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('nature', 'text', (c) => c.notNull().check(sql`nature in ('secondment', 'volunteering')`))
      // The cells the structure would write, with what each held when asked (JSON).
      .addColumn('changes', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'refused')`))
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decision_reason', 'text')
      .execute();
    await db.schema.createIndex('time_change_requests_organisation').on('time_change_requests').columns(['organisation_id', 'status']).execute();
  },
};
