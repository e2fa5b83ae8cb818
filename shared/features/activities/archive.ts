import { z } from 'zod';
import { column, rowSchema, updatedAtColumn, versionColumns } from '../archive/schemas';
import { ACCOUNTS } from './cerfa';
import { PAYMENT_METHODS } from '../memberships/schemas';
import { ACTIVITY_KINDS, FOUNDER_STAGES, INDICATOR_UNITS, REPORT_METRICS, REPORT_SECTIONS, REPORT_TYPES, VISITOR_KINDS } from './schemas';

/** Archive rows of the activity tables: stored column names and values, strict. */

const real = z.number({ error: 'error.number' }).min(0, 'error.activity.negative');

export const projectFounderRowSchema = rowSchema({
  id: column.id,
  name: column.requiredText,
  territory: column.nullableText,
  contact: column.nullableText,
  stage: z.enum(FOUNDER_STAGES),
  organisation_id: column.nullableRef,
  note: column.nullableText,
  created_at: column.timestamp,
  updated_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns,
});

export const activityRowSchema = rowSchema({
  id: column.id,
  kind: z.enum(ACTIVITY_KINDS),
  date: column.date,
  title: column.requiredText,
  place: column.nullableText,
  visitor_kind: z.enum(VISITOR_KINDS).nullable(),
  project_founder_id: column.nullableRef,
  people_reached: column.integer.min(0).nullable(),
  campaign: column.nullableText,
  note: column.nullableText,
  created_at: column.timestamp,
  updated_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns,
});

export const activityOrganisationRowSchema = rowSchema({ id: column.id, activity_id: column.ref, organisation_id: column.ref, role: z.enum(['lead', 'partner']) });

export const indicatorRowSchema = rowSchema({ id: column.id, code: column.requiredText, label: column.requiredText, unit: z.enum(INDICATOR_UNITS), position: column.integer, active: column.bool, ...versionColumns, ...updatedAtColumn });

export const indicatorValueRowSchema = rowSchema({ id: column.id, organisation_id: column.ref, year: column.year, indicator_id: column.ref, value: real, updated_at: column.timestamp, ...versionColumns });

export const grantRowSchema = rowSchema({
  id: column.id,
  funder_organisation_id: column.ref,
  programme: column.requiredText,
  reference: column.nullableText,
  start_date: column.date,
  end_date: column.date,
  amount_cents: column.cents,
  note: column.nullableText,
  created_at: column.timestamp,
  updated_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns,
});

export const grantPaymentRowSchema = rowSchema({ id: column.id, grant_id: column.ref, date: column.date, amount_cents: column.cents, note: column.nullableText, ...versionColumns, ...updatedAtColumn });
export const grantReportRowSchema = rowSchema({ id: column.id, grant_id: column.ref, due_date: column.date, label: column.requiredText, submitted_on: column.nullableDate });
export const grantTargetRowSchema = rowSchema({ id: column.id, grant_id: column.ref, metric: z.enum(REPORT_METRICS), value: real });
export const budgetRowSchema = rowSchema({ id: column.id, label: column.requiredText, start_date: column.date, end_date: column.date, grant_id: column.nullableRef, note: column.nullableText, ...versionColumns, ...updatedAtColumn });
export const budgetLineRowSchema = rowSchema({
  id: column.id,
  budget_id: column.ref,
  direction: z.enum(['expense', 'income']),
  category: column.requiredText,
  funder_organisation_id: column.nullableRef,
  label: column.nullableText,
  planned_cents: column.cents,
  actual_cents: column.cents,
  // Added by migration 0009: older archives have no account, their lines come back « à classer ».
  account: z.enum(ACCOUNTS).nullable().default(null),
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
});
export const reportTextRowSchema = rowSchema({
  id: column.id,
  report_type: z.enum(REPORT_TYPES),
  period_key: column.requiredText,
  section: z.enum(REPORT_SECTIONS),
  body: column.text,
  updated_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns,
});
export const grantGapExplanationRowSchema = rowSchema({ id: column.id, grant_id: column.ref, account: z.enum(ACCOUNTS), body: column.requiredText, updated_at: column.timestamp, ...versionColumns });

/** Membership fee receipts (migration 0009): the number without gaps per year, what was certified. */
export const membershipReceiptRowSchema = rowSchema({
  id: column.id,
  membership_id: column.ref,
  year: column.year,
  number: column.integer.min(1),
  issued_on: column.date,
  amount_cents: column.cents,
  paid_on: column.date,
  payment_method: z.enum(PAYMENT_METHODS).nullable(),
});
