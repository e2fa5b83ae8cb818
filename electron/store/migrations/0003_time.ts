import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * Time contributions: categories, dated rates, entries, pledges, closed periods and their log.
 * Default categories are not inserted here (an archive imports into an empty database): the
 * service adds them the first time the list is empty.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'time',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('time_categories')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('code', 'text', (c) => c.unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
      .execute();

    await db.schema
      .createTable('time_rates')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('person', 'organisation', 'default')`))
      .addColumn('person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('hourly_cents', 'integer', (c) => c.notNull().check(sql`hourly_cents >= 0`))
      .addColumn('note', 'text')
      .addCheckConstraint(
        'time_rates_subject',
        sql`(scope = 'person' and person_id is not null and organisation_id is null) or (scope = 'organisation' and organisation_id is not null and person_id is null) or (scope = 'default' and person_id is null and organisation_id is null)`,
      )
      .execute();
    await db.schema.createIndex('time_rates_person').on('time_rates').columns(['person_id', 'valid_from']).execute();
    await db.schema.createIndex('time_rates_organisation').on('time_rates').columns(['organisation_id', 'valid_from']).execute();

    await db.schema
      .createTable('time_entries')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes > 0 and minutes <= 1440`))
      .addColumn('category_id', 'integer', (c) => c.notNull().references('time_categories.id'))
      .addColumn('nature', 'text', (c) => c.notNull().check(sql`nature in ('secondment', 'volunteering')`))
      .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
      // An activity of the network (issue 5): a plain integer until the activities table exists.
      .addColumn('activity_id', 'integer')
      .addColumn('note', 'text')
      .addColumn('rate_id', 'integer', (c) => c.references('time_rates.id'))
      .addColumn('hourly_rate_cents', 'integer', (c) => c.notNull())
      .addColumn('value_cents', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Summaries over a period read only these two indexes (no table lookups): by date for every
    // grouping, by organisation then date for the organisation's figures (summaries by organisation,
    // the month grid, certificates, pledges).
    await db.schema
      .createIndex('time_entries_date')
      .on('time_entries')
      .columns(['date', 'person_id', 'category_id', 'nature', 'minutes', 'value_cents'])
      .execute();
    await db.schema.createIndex('time_entries_organisation_date').on('time_entries').columns(['organisation_id', 'date', 'minutes', 'value_cents']).execute();
    // (The 24 h a day check reads one day of the date index: no index of its own to maintain.)
    // A person is counted once per meeting, however many times the meeting's time is recorded;
    // partial, so that the entries typed by hand (most of them) cost nothing to this index.
    await db.schema
      .createIndex('time_entries_meeting_person')
      .unique()
      .on('time_entries')
      .columns(['meeting_id', 'person_id'])
      .where(sql.ref('meeting_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('time_pledges')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('hours', 'etp')`))
      .addColumn('pledged_minutes', 'integer')
      .addColumn('pledged_etp_milli', 'integer')
      .addColumn('agreement_reference', 'text')
      .addColumn('agreement_date', 'text')
      .addColumn('note', 'text')
      .addCheckConstraint(
        'time_pledges_amount',
        sql`(unit = 'hours' and pledged_minutes > 0 and pledged_etp_milli is null) or (unit = 'etp' and pledged_etp_milli > 0 and pledged_minutes is null)`,
      )
      .addCheckConstraint('time_pledges_dates', sql`end_date >= start_date`)
      .execute();
    await db.schema.createIndex('time_pledges_organisation').on('time_pledges').columns(['organisation_id', 'start_date']).execute();

    await db.schema
      .createTable('time_closed_periods')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text', (c) => c.notNull())
      .addColumn('closed_by', 'text', (c) => c.notNull())
      .addColumn('reopened_at', 'text')
      .addCheckConstraint('time_closed_periods_dates', sql`end_date >= start_date`)
      .execute();

    await db.schema
      .createTable('time_period_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('period_id', 'integer', (c) => c.notNull().references('time_closed_periods.id'))
      .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('close', 'reopen')`))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('time_period_log_period').on('time_period_log').column('period_id').execute();
  },
};
