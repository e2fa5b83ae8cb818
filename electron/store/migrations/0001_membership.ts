import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/** Organisations, people, their affiliations and offices, yearly memberships, settings. */
export const migration0001: Migration = {
  version: 1,
  name: 'membership',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('organisations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text')
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('member', 'partner', 'other')`))
      .addColumn('partner_type', 'text')
      .addColumn('siret', 'text')
      .addColumn('address', 'text')
      .addColumn('postcode', 'text')
      .addColumn('city', 'text')
      .addColumn('department', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('website', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('archived_at', 'text')
      .execute();
    await db.schema.createIndex('organisations_siret').unique().on('organisations').column('siret').execute();
    await db.schema.createIndex('organisations_name_key').on('organisations').column('name_key').execute();

    await db.schema
      .createTable('people')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('search_key', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('address', 'text')
      .addColumn('postcode', 'text')
      .addColumn('city', 'text')
      .addColumn('note', 'text')
      .addColumn('consent_date', 'text')
      .addColumn('consent_note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('archived_at', 'text')
      .execute();

    await db.schema
      .createTable('affiliations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .execute();
    await db.schema.createIndex('affiliations_person').on('affiliations').column('person_id').execute();
    await db.schema.createIndex('affiliations_organisation').on('affiliations').column('organisation_id').execute();

    await db.schema
      .createTable('offices')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('office', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .execute();
    await db.schema.createIndex('offices_person').on('offices').column('person_id').execute();

    await db.schema
      .createTable('memberships')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('fee_due_cents', 'integer', (c) => c.notNull())
      .addColumn('amount_paid_cents', 'integer', (c) => c.notNull())
      .addColumn('paid_on', 'text')
      .addColumn('payment_method', 'text')
      .addColumn('voting_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('start_date', 'text')
      .addColumn('exit_date', 'text')
      .addColumn('exit_reason', 'text')
      .addColumn('note', 'text')
      .addUniqueConstraint('memberships_organisation_year', ['organisation_id', 'year'])
      .execute();
    await db.schema.createIndex('memberships_year').on('memberships').column('year').execute();
  },
};
