import { z } from 'zod';
import { ORGANISATION_KINDS, PARTNER_TYPES } from '../organisations/schemas';
import { PAYMENT_METHODS } from '../memberships/schemas';
import { OFFICES } from '../people/schemas';
import { isIsoDate, isValidPostcode, isValidSiret } from '../../validation/identifiers';

/** The `format` field of every Maillage archive. */
export const ARCHIVE_FORMAT = 'maillage-archive';

/**
 * Bumped only when an archive written by this version could be misread by an older reader
 * (a column renamed, a value re-encoded). New tables and new nullable columns do not bump it.
 */
export const ARCHIVE_FORMAT_VERSION = 1;

/** The envelope, checked before any row: enough to tell an archive from another JSON file. */
export const archiveHeaderSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string(),
  application: z.object({ name: z.string(), version: z.string() }),
  tables: z.record(z.string(), z.unknown()),
});
export type ArchiveHeader = z.infer<typeof archiveHeaderSchema>;

export type ArchiveRow = Record<string, string | number | null>;

export interface Archive {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  exportedAt: string;
  application: { name: string; version: string };
  tables: Record<string, ArchiveRow[]>;
}

/** What an import or an export did, table by table, in foreign-key order. */
export const archiveSummarySchema = z.object({
  tables: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  totalRows: z.number().int(),
});
export type ArchiveSummary = z.infer<typeof archiveSummarySchema>;

/*
 * Column types as stored in the database, for row schemas. Rows hold stored values exactly
 * (snake_case names, integer cents, ISO text, 0/1): no transforms, so a round trip is exact.
 */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
/** Timestamps found valid: an archive's rows carry the same few creation and update instants again and again. */
const VALID_TIMESTAMPS = new Set<string>();
const isTimestamp = (v: string) => {
  if (VALID_TIMESTAMPS.has(v)) return true;
  const valid = ISO_TIMESTAMP.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v));
  if (valid) {
    if (VALID_TIMESTAMPS.size >= 20_000) VALID_TIMESTAMPS.clear();
    VALID_TIMESTAMPS.add(v);
  }
  return valid;
};
const emailCheck = z.email();

export const column = {
  id: z.number({ error: 'error.integer' }).int('error.integer').positive('error.integer'),
  /** A foreign key; the archive checks that the row it names is in the archive too. */
  ref: z.number({ error: 'error.integer' }).int('error.integer').positive('error.integer'),
  nullableRef: z.number({ error: 'error.integer' }).int('error.integer').positive('error.integer').nullable(),
  text: z.string(),
  requiredText: z.string().min(1, 'error.required'),
  nullableText: z.string().nullable(),
  integer: z.number({ error: 'error.integer' }).int('error.integer'),
  cents: z.number({ error: 'error.money' }).int('error.money').min(0, 'error.moneyNegative'),
  year: z.number({ error: 'error.year' }).int('error.year').min(1901, 'error.year').max(2200, 'error.year'),
  bool: z.union([z.literal(0), z.literal(1)], { error: 'error.archive.boolean' }),
  date: z.string().refine(isIsoDate, 'error.date'),
  nullableDate: z.string().refine(isIsoDate, 'error.date').nullable(),
  timestamp: z.string().refine(isTimestamp, 'error.archive.timestamp'),
  nullableTimestamp: z.string().refine(isTimestamp, 'error.archive.timestamp').nullable(),
  nullableSiret: z.string().refine(isValidSiret, 'error.siret').nullable(),
  nullablePostcode: z.string().refine(isValidPostcode, 'error.postcode').nullable(),
  nullableEmail: z.string().refine((v) => emailCheck.safeParse(v).success, 'error.email').nullable(),
} as const;

/** The version of a record (schema 7 for organisations and people, 12 for the rest) and who saved it last. */
export const versionColumns = {
  version: z.number().int().min(1).default(1),
  updated_by: column.nullableText.default(null),
};
/** The time of the last save, on the tables that had none before schema 12. */
export const updatedAtColumn = { updated_at: column.nullableTimestamp.default(null) };

/** Strict: a column this version does not know is refused rather than silently dropped. */
export const rowSchema = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

export const settingsRowSchema = rowSchema({ key: column.requiredText, value: column.text, ...versionColumns, ...updatedAtColumn });

export const organisationRowSchema = rowSchema({
  id: column.id,
  name: column.requiredText,
  name_key: column.text,
  short_name: column.nullableText,
  kind: z.enum(ORGANISATION_KINDS),
  partner_type: z.enum(PARTNER_TYPES).nullable(),
  siret: column.nullableSiret,
  address: column.nullableText,
  postcode: column.nullablePostcode,
  city: column.nullableText,
  department: column.nullableText,
  email: column.nullableEmail,
  phone: column.nullableText,
  website: column.nullableText,
  note: column.nullableText,
  created_at: column.timestamp,
  updated_at: column.timestamp,
  archived_at: column.nullableTimestamp,
  // Since schema 7; archives written before it have neither.
  version: z.number().int().min(1).default(1),
  updated_by: column.nullableText.default(null),
});

export const personRowSchema = rowSchema({
  id: column.id,
  first_name: column.requiredText,
  last_name: column.requiredText,
  search_key: column.text,
  email: column.nullableEmail,
  phone: column.nullableText,
  address: column.nullableText,
  postcode: column.nullablePostcode,
  city: column.nullableText,
  note: column.nullableText,
  consent_date: column.nullableDate,
  consent_note: column.nullableText,
  created_at: column.timestamp,
  updated_at: column.timestamp,
  archived_at: column.nullableTimestamp,
  version: z.number().int().min(1).default(1),
  updated_by: column.nullableText.default(null),
  // Added by migration 0013: older archives say nothing of refusing mail.
  refuses_mail: column.bool.default(0),
  // Added by migration 0015: older archives say nothing of civility.
  civility: z.enum(['madame', 'monsieur']).nullable().default(null),
});

const endNotBeforeStart = (row: { start_date: string; end_date: string | null }) => row.end_date === null || row.end_date >= row.start_date;

export const affiliationRowSchema = rowSchema({
  id: column.id,
  person_id: column.ref,
  organisation_id: column.ref,
  role: column.requiredText,
  start_date: column.date,
  end_date: column.nullableDate,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
}).refine(endNotBeforeStart, { path: ['end_date'], message: 'error.endBeforeStart' });

export const officeRowSchema = rowSchema({
  id: column.id,
  person_id: column.ref,
  office: z.enum(OFFICES),
  start_date: column.date,
  end_date: column.nullableDate,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
}).refine(endNotBeforeStart, { path: ['end_date'], message: 'error.endBeforeStart' });

export const membershipRowSchema = rowSchema({
  id: column.id,
  organisation_id: column.ref,
  year: column.year,
  fee_due_cents: column.cents,
  amount_paid_cents: column.cents,
  paid_on: column.nullableDate,
  payment_method: z.enum(PAYMENT_METHODS).nullable(),
  voting_person_id: column.nullableRef,
  start_date: column.nullableDate,
  exit_date: column.nullableDate,
  exit_reason: column.nullableText,
  note: column.nullableText,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
}).refine((row) => !row.exit_date || !row.start_date || row.exit_date >= row.start_date, {
  path: ['exit_date'],
  message: 'error.exitBeforeStart',
});
