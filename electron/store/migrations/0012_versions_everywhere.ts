import type { Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * The version number of 0007 (organisations, people) on every other record the UI edits, so that
 * a save or a delete made from a stale screen is refused on them too. Tables without a time of
 * last change get one (`updated_at`, empty until the first save) for the refusal's « à … ».
 */
export const VERSIONED_SINCE_0012 = [
  'settings',
  'affiliations',
  'offices',
  'memberships',
  'project_founders',
  'activities',
  'indicators',
  'indicator_values',
  'grants',
  'grant_payments',
  'budgets',
  'budget_lines',
  'report_texts',
  'grant_gap_explanations',
  'meeting_kinds',
  'meetings',
  'attendances',
  'agenda_items',
  'decisions',
  'action_items',
  'time_categories',
  'time_rates',
  'time_entries',
  'time_pledges',
  'data_presets',
] as const;

/** Those of them that had no `updated_at` before. */
export const GIVEN_UPDATED_AT_IN_0012 = [
  'settings',
  'affiliations',
  'offices',
  'memberships',
  'indicators',
  'grant_payments',
  'budgets',
  'budget_lines',
  'attendances',
  'agenda_items',
  'decisions',
  'action_items',
  'time_categories',
  'time_rates',
  'time_pledges',
] as const;

export const migration0012: Migration = {
  version: 12,
  name: 'versions_everywhere',
  async up(db: Kysely<unknown>) {
    for (const table of VERSIONED_SINCE_0012) {
      await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable(table).addColumn('updated_by', 'text').execute();
      if ((GIVEN_UPDATED_AT_IN_0012 as readonly string[]).includes(table)) await db.schema.alterTable(table).addColumn('updated_at', 'text').execute();
    }
  },
};
