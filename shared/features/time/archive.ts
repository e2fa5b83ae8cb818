import { z } from 'zod';
import { column, rowSchema, updatedAtColumn, versionColumns } from '../archive/schemas';
import { ENTRY_STATUSES, NATURES, PLEDGE_UNITS } from './schemas';
import { entryValueCents, RATE_SCOPES } from './valuation';

/** Rows of the time tables as stored, for the archive (electron/features/archive/tables.ts). */

const positiveOrNull = z.number({ error: 'error.integer' }).int('error.integer').positive('error.time.pledgePositive').nullable();
const minutes = z.number({ error: 'error.integer' }).int('error.integer').min(1, 'error.time.durationZero').max(1440, 'error.time.durationTooLong');

export const timeCategoryRowSchema = rowSchema({
  id: column.id,
  code: column.nullableText,
  name: column.requiredText,
  position: column.integer,
  active: column.bool,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
});

export const timeRateRowSchema = rowSchema({
  id: column.id,
  scope: z.enum(RATE_SCOPES),
  person_id: column.nullableRef,
  organisation_id: column.nullableRef,
  valid_from: column.date,
  hourly_cents: column.cents,
  note: column.nullableText,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
}).refine(
  (r) =>
    (r.scope === 'person' && r.person_id !== null && r.organisation_id === null) ||
    (r.scope === 'organisation' && r.organisation_id !== null && r.person_id === null) ||
    (r.scope === 'default' && r.person_id === null && r.organisation_id === null),
  { path: ['scope'], message: 'error.time.archiveRateScope' },
);

export const timeEntryRowSchema = rowSchema({
  id: column.id,
  organisation_id: column.ref,
  person_id: column.nullableRef,
  date: column.date,
  minutes,
  category_id: column.ref,
  nature: z.enum(NATURES),
  meeting_id: column.nullableRef,
  activity_id: column.nullableRef,
  note: column.nullableText,
  rate_id: column.nullableRef,
  hourly_rate_cents: column.cents,
  value_cents: column.cents,
  created_at: column.timestamp,
  updated_at: column.timestamp,
  // An archive written before validation existed holds validated entries only.
  status: z.enum(ENTRY_STATUSES).default('validated'),
  review_reason: column.nullableText.default(null),
  reviewed_at: column.nullableTimestamp.default(null),
  reviewed_by: column.nullableText.default(null),
  // Since schema 12; archives written before it have none.
  ...versionColumns,
}).refine((r) => r.value_cents === entryValueCents(r.minutes, r.hourly_rate_cents), { path: ['value_cents'], message: 'error.time.archiveValue' });

export const timePledgeRowSchema = rowSchema({
  id: column.id,
  organisation_id: column.ref,
  start_date: column.date,
  end_date: column.date,
  unit: z.enum(PLEDGE_UNITS),
  pledged_minutes: positiveOrNull,
  pledged_etp_milli: positiveOrNull,
  agreement_reference: column.nullableText,
  agreement_date: column.nullableDate,
  note: column.nullableText,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
})
  .refine((r) => r.end_date >= r.start_date, { path: ['end_date'], message: 'error.endBeforeStart' })
  .refine((r) => (r.unit === 'hours' ? r.pledged_minutes !== null && r.pledged_etp_milli === null : r.pledged_etp_milli !== null && r.pledged_minutes === null), {
    path: ['unit'],
    message: 'error.time.archivePledgeUnit',
  });

export const timeClosedPeriodRowSchema = rowSchema({
  id: column.id,
  start_date: column.date,
  end_date: column.date,
  label: column.requiredText,
  closed_at: column.timestamp,
  closed_by: column.requiredText,
  reopened_at: column.nullableTimestamp,
}).refine((r) => r.end_date >= r.start_date, { path: ['end_date'], message: 'error.endBeforeStart' });

export const timePeriodLogRowSchema = rowSchema({
  id: column.id,
  period_id: column.ref,
  action: z.enum(['close', 'reopen']),
  at: column.timestamp,
  by: column.requiredText,
  reason: column.nullableText,
});

export const timeMonthValidationRowSchema = rowSchema({
  id: column.id,
  organisation_id: column.ref,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'error.time.month'),
  validated_at: column.timestamp,
  validated_by: column.requiredText,
});

export const timeChangeRequestRowSchema = rowSchema({
  id: column.id,
  organisation_id: column.ref,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'error.time.month'),
  nature: z.enum(NATURES),
  changes: column.requiredText,
  reason: column.requiredText,
  status: z.enum(['pending', 'accepted', 'refused']),
  requested_at: column.timestamp,
  requested_by: column.requiredText,
  decided_at: column.nullableTimestamp,
  decided_by: column.nullableText,
  decision_reason: column.nullableText,
});
