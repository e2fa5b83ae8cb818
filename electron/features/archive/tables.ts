import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  affiliationRowSchema,
  membershipRowSchema,
  officeRowSchema,
  organisationRowSchema,
  personRowSchema,
  settingsRowSchema,
} from '../../../shared/features/archive/schemas';
import {
  actionFollowUpRowSchema,
  actionItemRowSchema,
  agendaItemRowSchema,
  attendanceRowSchema,
  decisionCounterRowSchema,
  decisionRowSchema,
  meetingKindRowSchema,
  meetingRowSchema,
  minutesApprovalRowSchema,
  minutesErratumRowSchema,
} from '../../../shared/features/meetings/archive';
import {
  timeCategoryRowSchema,
  timeChangeRequestRowSchema,
  timeClosedPeriodRowSchema,
  timeMonthValidationRowSchema,
  timeEntryRowSchema,
  timePeriodLogRowSchema,
  timePledgeRowSchema,
  timeRateRowSchema,
} from '../../../shared/features/time/archive';
import { auditLogRowSchema, dataPresetRowSchema, erasureRowSchema, legalNameRowSchema } from '../../../shared/features/data/archive';
import {
  activityOrganisationRowSchema,
  activityRowSchema,
  budgetLineRowSchema,
  budgetRowSchema,
  grantGapExplanationRowSchema,
  membershipReceiptRowSchema,
  grantPaymentRowSchema,
  grantReportRowSchema,
  grantRowSchema,
  grantTargetRowSchema,
  indicatorRowSchema,
  indicatorValueRowSchema,
  projectFounderRowSchema,
  reportTextRowSchema,
} from '../../../shared/features/activities/archive';
import { mailMessageRowSchema } from '../../../shared/features/mail/archive';
import type { DB } from '../../store/schema';

/** Tables of the database that hold records; `schema_migrations` belongs to the store, not the archive. */
export type ArchivableTableName = Exclude<keyof DB & string, 'schema_migrations'>;

type Columns<T extends ArchivableTableName> = keyof DB[T] & string;

export interface ArchivedTable {
  name: ArchivableTableName;
  /** Strict row schema: stored column names and values, unknown keys refused. */
  schema: z.ZodType<Record<string, unknown>>;
  /** In the order rows are written, taken from the schema. */
  columns: readonly string[];
  /** Rows are exported ordered by it; duplicates are refused. */
  primaryKey: string;
  /** Foreign keys: column → referenced table (its primary key). Null values are allowed. */
  references: Readonly<Record<string, ArchivableTableName>>;
  /** Unique constraints of the database; rows with a null in the constraint are not compared (as SQLite does). */
  unique: readonly (readonly string[])[];
}

interface TableOptions<T extends ArchivableTableName> {
  primaryKey?: Columns<T>;
  references?: Partial<Record<Columns<T>, ArchivableTableName>>;
  unique?: readonly (readonly Columns<T>[])[];
}

/**
 * Declares one archived table. The schema's output must match the table's stored row
 * (`Selectable<DB[T]>`), so a migration that adds a column without updating the archive fails
 * the type check; the archive test also compares the columns with the live database.
 */
export function archivedTable<T extends ArchivableTableName>(
  name: T,
  schema: z.ZodType<Selectable<DB[T]>> & { shape: Record<string, unknown> },
  options: TableOptions<T> = {},
): ArchivedTable {
  return {
    name,
    schema: schema as unknown as z.ZodType<Record<string, unknown>>,
    columns: Object.keys(schema.shape),
    primaryKey: options.primaryKey ?? 'id',
    references: (options.references ?? {}) as Record<string, ArchivableTableName>,
    unique: options.unique ?? [],
  };
}

/**
 * Every archived table, in foreign-key order: a table comes after the tables it references.
 * Import writes in this order and deletes in reverse. A feature adds its tables with one line each.
 */
export const ARCHIVED_TABLES: readonly ArchivedTable[] = [
  archivedTable('settings', settingsRowSchema, { primaryKey: 'key' }),
  archivedTable('organisations', organisationRowSchema, { unique: [['siret']] }),
  archivedTable('people', personRowSchema),
  archivedTable('affiliations', affiliationRowSchema, { references: { person_id: 'people', organisation_id: 'organisations' } }),
  archivedTable('offices', officeRowSchema, { references: { person_id: 'people' } }),
  archivedTable('memberships', membershipRowSchema, {
    references: { organisation_id: 'organisations', voting_person_id: 'people' },
    unique: [['organisation_id', 'year']],
  }),
  archivedTable('project_founders', projectFounderRowSchema, { references: { organisation_id: 'organisations' } }),
  archivedTable('activities', activityRowSchema, { references: { project_founder_id: 'project_founders' } }),
  archivedTable('activity_organisations', activityOrganisationRowSchema, { references: { activity_id: 'activities', organisation_id: 'organisations' }, unique: [['activity_id', 'organisation_id']] }),
  archivedTable('indicators', indicatorRowSchema, { unique: [['code']] }),
  archivedTable('indicator_values', indicatorValueRowSchema, { references: { organisation_id: 'organisations', indicator_id: 'indicators' }, unique: [['organisation_id', 'year', 'indicator_id']] }),
  archivedTable('grants', grantRowSchema, { references: { funder_organisation_id: 'organisations' } }),
  archivedTable('grant_payments', grantPaymentRowSchema, { references: { grant_id: 'grants' } }),
  archivedTable('grant_reports', grantReportRowSchema, { references: { grant_id: 'grants' } }),
  archivedTable('grant_targets', grantTargetRowSchema, { references: { grant_id: 'grants' }, unique: [['grant_id', 'metric']] }),
  archivedTable('budgets', budgetRowSchema, { references: { grant_id: 'grants' } }),
  archivedTable('budget_lines', budgetLineRowSchema, { references: { budget_id: 'budgets', funder_organisation_id: 'organisations' } }),
  archivedTable('report_texts', reportTextRowSchema, { unique: [['report_type', 'period_key', 'section']] }),
  archivedTable('grant_gap_explanations', grantGapExplanationRowSchema, { references: { grant_id: 'grants' }, unique: [['grant_id', 'account']] }),
  archivedTable('membership_receipts', membershipReceiptRowSchema, { references: { membership_id: 'memberships' }, unique: [['membership_id'], ['year', 'number']] }),
  archivedTable('meeting_kinds', meetingKindRowSchema, { primaryKey: 'kind' }),
  archivedTable('meetings', meetingRowSchema, {
    references: { host_organisation_id: 'organisations', convened_by_person_id: 'people', chair_person_id: 'people', secretary_person_id: 'people' },
  }),
  archivedTable('minutes_approvals', minutesApprovalRowSchema, { primaryKey: 'meeting_id', references: { meeting_id: 'meetings', approved_by_meeting_id: 'meetings' } }),
  archivedTable('attendances', attendanceRowSchema, {
    references: { meeting_id: 'meetings', person_id: 'people', organisation_id: 'organisations', proxy_holder_person_id: 'people' },
    unique: [['meeting_id', 'person_id']],
  }),
  archivedTable('agenda_items', agendaItemRowSchema, { references: { meeting_id: 'meetings', presenter_person_id: 'people', approves_meeting_id: 'meetings' } }),
  archivedTable('decision_counters', decisionCounterRowSchema, { primaryKey: 'year' }),
  archivedTable('decisions', decisionRowSchema, { references: { meeting_id: 'meetings', agenda_item_id: 'agenda_items' }, unique: [['year', 'number']] }),
  archivedTable('action_items', actionItemRowSchema, {
    references: { meeting_id: 'meetings', agenda_item_id: 'agenda_items', owner_person_id: 'people', owner_organisation_id: 'organisations' },
  }),
  archivedTable('action_follow_ups', actionFollowUpRowSchema, { references: { meeting_id: 'meetings', action_id: 'action_items' }, unique: [['meeting_id', 'action_id']] }),
  archivedTable('minutes_errata', minutesErratumRowSchema, { references: { meeting_id: 'meetings' } }),
  archivedTable('time_categories', timeCategoryRowSchema, { unique: [['code']] }),
  archivedTable('time_rates', timeRateRowSchema, { references: { person_id: 'people', organisation_id: 'organisations' } }),
  archivedTable('time_entries', timeEntryRowSchema, {
    references: { organisation_id: 'organisations', person_id: 'people', category_id: 'time_categories', meeting_id: 'meetings', rate_id: 'time_rates' },
    unique: [['meeting_id', 'person_id']],
  }),
  archivedTable('time_pledges', timePledgeRowSchema, { references: { organisation_id: 'organisations' } }),
  archivedTable('time_closed_periods', timeClosedPeriodRowSchema),
  archivedTable('time_period_log', timePeriodLogRowSchema, { references: { period_id: 'time_closed_periods' } }),
  archivedTable('audit_log', auditLogRowSchema),
  archivedTable('data_presets', dataPresetRowSchema, { unique: [['kind', 'target', 'name']] }),
  archivedTable('legal_names', legalNameRowSchema, { primaryKey: 'person_id', references: { person_id: 'people' } }),
  archivedTable('erasures', erasureRowSchema, { unique: [['person_id', 'person_created_at']] }),
  archivedTable('time_month_validations', timeMonthValidationRowSchema, { references: { organisation_id: 'organisations' }, unique: [['organisation_id', 'month']] }),
  archivedTable('time_change_requests', timeChangeRequestRowSchema, { references: { organisation_id: 'organisations' } }),
  // People and organisations are never deleted; a meeting may be (a draft), so its id is no reference.
  archivedTable('mail_messages', mailMessageRowSchema, { references: { person_id: 'people', organisation_id: 'organisations' } }),
];

export function findArchivedTable(name: string): ArchivedTable | undefined {
  return ARCHIVED_TABLES.find((t) => t.name === name);
}
