import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * Network activity, project founders, the observatory (indicators and yearly values), grants with
 * payments, report due dates and targets, budgets, and the free texts of the reports. Default
 * indicators are added by the service the first time the list is empty (an archive imports into an
 * empty database).
 */
export const migration0005: Migration = {
  version: 5,
  name: 'activity',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('project_founders')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('territory', 'text')
      .addColumn('contact', 'text')
      .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('idea', 'study', 'creation', 'open')`))
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('activities')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('visitor_kind', 'text', (c) => c.check(sql`visitor_kind in ('local_authority', 'project_founder', 'other')`))
      .addColumn('project_founder_id', 'integer', (c) => c.references('project_founders.id'))
      .addColumn('people_reached', 'integer', (c) => c.check(sql`people_reached >= 0`))
      .addColumn('campaign', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('activities_visitor', sql`(kind = 'visit') = (visitor_kind is not null)`)
      .execute();
    await db.schema.createIndex('activities_date').on('activities').columns(['date', 'kind']).execute();
    await db.schema.createIndex('activities_founder').on('activities').column('project_founder_id').execute();

    await db.schema
      .createTable('activity_organisations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'partner')`))
      .addUniqueConstraint('activity_organisations_unique', ['activity_id', 'organisation_id'])
      .execute();
    await db.schema.createIndex('activity_organisations_organisation').on('activity_organisations').columns(['organisation_id', 'role']).execute();

    await db.schema
      .createTable('indicators')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('tonnes', 'euros', 'count', 'etp', 'hours')`))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
      .execute();

    await db.schema
      .createTable('indicator_values')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id'))
      .addColumn('value', 'real', (c) => c.notNull().check(sql`value >= 0`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('indicator_values_unique', ['organisation_id', 'year', 'indicator_id'])
      .execute();
    await db.schema.createIndex('indicator_values_year').on('indicator_values').columns(['year', 'indicator_id']).execute();

    await db.schema
      .createTable('grants')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('funder_organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
      .addColumn('programme', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('grants_period', sql`end_date >= start_date`)
      .execute();

    await db.schema
      .createTable('grant_payments')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('grant_id', 'integer', (c) => c.notNull().references('grants.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
      .addColumn('note', 'text')
      .execute();

    await db.schema
      .createTable('grant_reports')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('grant_id', 'integer', (c) => c.notNull().references('grants.id').onDelete('cascade'))
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('submitted_on', 'text')
      .execute();

    await db.schema
      .createTable('grant_targets')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('grant_id', 'integer', (c) => c.notNull().references('grants.id').onDelete('cascade'))
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('value', 'real', (c) => c.notNull().check(sql`value >= 0`))
      .addUniqueConstraint('grant_targets_unique', ['grant_id', 'metric'])
      .execute();

    await db.schema
      .createTable('budgets')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'integer', (c) => c.references('grants.id'))
      .addColumn('note', 'text')
      .addCheckConstraint('budgets_period', sql`end_date >= start_date`)
      .execute();

    await db.schema
      .createTable('budget_lines')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('budget_id', 'integer', (c) => c.notNull().references('budgets.id').onDelete('cascade'))
      .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('expense', 'income')`))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('funder_organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('label', 'text')
      .addColumn('planned_cents', 'integer', (c) => c.notNull().check(sql`planned_cents >= 0`))
      .addColumn('actual_cents', 'integer', (c) => c.notNull().check(sql`actual_cents >= 0`))
      .execute();

    await db.schema
      .createTable('report_texts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('report_type', 'text', (c) => c.notNull().check(sql`report_type in ('annual', 'partner')`))
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('report_texts_unique', ['report_type', 'period_key', 'section'])
      .execute();
  },
};
