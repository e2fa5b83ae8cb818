import { z } from 'zod';
import { base64Text, checkedText, formatText, id, keyText, requiredText, searchText } from '../../validation/fields';
import { EXPORT_LISTS } from './export-columns';
import { IMPORT_TYPES } from './import-fields';
import { MEMBERSHIP_STATUS_FILTERS, ORGANISATION_KINDS } from '../organisations/schemas';

/** Spreadsheets bigger than this are refused before being read whole (a 10 MB CSV is about 100 000 lines). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** The same limit on the base64 text that carries the file through IPC or HTTP. */
export const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

const params = z.record(z.string(), z.union([z.string(), z.number()])).optional();

// ——— Backups ———

export const BACKUP_KINDS = ['auto', 'manuel', 'avant-restauration', 'avant-migration', 'avant-import', 'avant-demo', 'autre'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const backupSchema = z.object({
  name: z.string(),
  /** ISO timestamp of the copy. */
  at: z.string(),
  kind: z.enum(BACKUP_KINDS),
  bytes: z.number().int(),
  /** Where it was copied as well (the chosen backup folder), if one is chosen. */
  copiedTo: z.string().nullable().optional(),
});
export type Backup = z.infer<typeof backupSchema>;

export const RETENTION = { daily: 7, weekly: 4, monthly: 12 } as const;

export const backupListSchema = z.object({
  folder: z.string(),
  /** The folder each backup is copied to as well (USB key, shared folder), or null. */
  copyFolder: z.string().nullable().optional(),
  items: z.array(backupSchema),
  retention: z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
});

/** A backup is named by its bare file name: it is always looked up inside the backups folder. */
export const backupNameSchema = z.object({
  name: checkedText('line', (s) => s.min(1, 'error.fileName').max(200, 'error.fileName')),
});

export const restoreResultSchema = z.object({
  restoredFrom: z.string(),
  /** The copy of the database as it was just before the restore. */
  safetyBackup: z.string(),
  schemaVersion: z.number().int(),
  /** The candidate was older and has been migrated. */
  migrated: z.boolean(),
  /** People erased since the backup was made, who were back in it and have been erased again. */
  erasuresReapplied: z.number().int(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

// ——— Integrity check ———

export const checkProblemSchema = z.object({
  /** Stable code: integrity, foreign_key, invariant name… */
  code: z.string(),
  key: z.string(),
  params,
  /** Already-rendered French sentence (CLI, logs). */
  message: z.string(),
  table: z.string().nullable(),
  rowId: z.number().int().nullable(),
});
export type CheckProblem = z.infer<typeof checkProblemSchema>;

export const checkReportSchema = z.object({
  ok: z.boolean(),
  problems: z.array(checkProblemSchema),
  /** Problems beyond the reported ones (the list is capped). */
  moreProblems: z.number().int(),
  checks: z.array(z.string()),
  durationMs: z.number(),
});
export type CheckReport = z.infer<typeof checkReportSchema>;

// ——— Import ———

export const importIssueSchema = z.object({
  /** Line of the file as the spreadsheet numbers it (1 = first line). */
  line: z.number().int(),
  /** The column title in the file, when the problem is in one cell. */
  column: z.string().nullable(),
  field: z.string().nullable(),
  key: z.string(),
  params,
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

/** How one cell was read when the file leaves it ambiguous: a bare duration under « Heures » is hours. */
export const importReadingSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  column: z.string().nullable(),
  /** The cell as the file shows it. */
  value: z.string(),
  /** What it was read as, formatted (« 13 h »). */
  read: z.string(),
  /** hours / minutes: the column's title gives the unit; asTyped: the app's rule for a bare number; written: the cell gives its unit. */
  rule: z.enum(['hours', 'minutes', 'asTyped', 'written']),
});
export type ImportReading = z.infer<typeof importReadingSchema>;

export const DUPLICATE_REASONS = ['siret', 'name', 'personName', 'email', 'organisationYear', 'personDate', 'dateKindTitle', 'inFile'] as const;

export const importDuplicateSchema = z.object({
  line: z.number().int(),
  reason: z.enum(DUPLICATE_REASONS),
  existingId: z.number().int(),
  existingLabel: z.string(),
});
export type ImportDuplicate = z.infer<typeof importDuplicateSchema>;

export const DUPLICATE_CHOICES = ['skip', 'update'] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

const mappingSchema = z.array(keyText(60).nullable()).max(500);

export const importFileSchema = z.object({
  fileName: checkedText('line', (s) => s.min(1, 'error.fileName').max(300, 'error.fileName')),
  base64: base64Text(MAX_IMPORT_BASE64, 'error.data.importTooLarge'),
  type: z.enum(IMPORT_TYPES),
  /** Field per column (null: ignored). Absent: the columns are matched by their titles. */
  mapping: mappingSchema.optional(),
});

export const importCommitSchema = importFileSchema.extend({
  duplicates: z
    .object({
      default: z.enum(DUPLICATE_CHOICES),
      /** Per line number, overriding the default. */
      lines: z.record(formatText(z.string().regex(/^\d+$/)), z.enum(DUPLICATE_CHOICES)).optional(),
    })
    .default({ default: 'skip' }),
  dryRun: z.boolean().optional(),
  /** Asked explicitly: import the valid lines and hand the refused ones back, instead of all or nothing. */
  validOnly: z.boolean().optional(),
});
export type ImportCommitInput = z.input<typeof importCommitSchema>;

export const importAnalysisSchema = z.object({
  type: z.enum(IMPORT_TYPES),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  separator: z.string().nullable(),
  /** Line of the column titles in the file. */
  headerLine: z.number().int(),
  headers: z.array(z.string()),
  mapping: mappingSchema,
  /** First data lines, as read, for the mapping screen. */
  preview: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  rowCount: z.number().int(),
  issues: z.array(importIssueSchema),
  issueCount: z.number().int(),
  duplicates: z.array(importDuplicateSchema),
  duplicateCount: z.number().int(),
  /** How ambiguous cells were read (durations), line by line; capped like the issues. */
  readings: z.array(importReadingSchema).optional(),
  readingCount: z.number().int().optional(),
  /** The fields this file can map to, when they depend on the database (the observatory's indicators). */
  fields: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'date', 'money', 'integer', 'decimal']), required: z.boolean().optional() })).optional(),
});
export type ImportAnalysis = z.infer<typeof importAnalysisSchema>;

export const importResultSchema = z.object({
  type: z.enum(IMPORT_TYPES),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  dryRun: z.boolean(),
  /** With `validOnly`: the lines left out, as read, with their issues, for a file of refused lines. */
  refused: z
    .object({
      headers: z.array(z.string()),
      rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
      issues: z.array(importIssueSchema),
    })
    .optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importTypeInfoSchema = z.array(
  z.object({ type: z.enum(IMPORT_TYPES), available: z.boolean(), reasonKey: z.string().nullable() }),
);

// ——— Presets (mapping and export columns) ———

export const PRESET_KINDS = ['import', 'export'] as const;

export const presetConfigSchema = z.object({
  /** Import: field per normalised column title. */
  columns: z.record(keyText(200), keyText(60)).optional(),
  /** Export: chosen columns, in order, and the file format. */
  fields: z.array(keyText(60)).max(200).optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
});
export type PresetConfig = z.infer<typeof presetConfigSchema>;

export const presetSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PRESET_KINDS),
  target: z.string(),
  name: z.string(),
  config: presetConfigSchema,
  updatedAt: z.string(),
});
export type Preset = z.infer<typeof presetSchema>;

export const presetQuerySchema = z.object({ kind: z.enum(PRESET_KINDS), target: keyText(40) });
export const presetInputSchema = presetQuerySchema.extend({
  name: requiredText(100),
  config: presetConfigSchema,
});

// ——— Export ———

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportInputSchema = z.object({
  list: z.enum(EXPORT_LISTS),
  columns: z.array(keyText(60)).min(1, 'error.data.noColumns').max(100),
  format: z.enum(EXPORT_FORMATS),
  language: z.enum(['fr', 'en']).optional(),
  filter: z
    .object({
      search: searchText(200),
      year: z.number().int().min(1901).max(2200).optional(),
      includeArchived: z.boolean().optional(),
      /** Organisations: the list's own filters. */
      kind: z.enum(ORGANISATION_KINDS).optional(),
      department: keyText(3).optional(),
      membershipStatus: z.enum(MEMBERSHIP_STATUS_FILTERS).optional(),
      /** Time entries: the period (ISO dates); the whole year by default. */
      from: keyText(10).optional(),
      to: keyText(10).optional(),
    })
    .optional(),
});
export type ExportInput = z.input<typeof exportInputSchema>;

export const exportResultSchema = z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() });

// ——— Personal data ———

export const privacySettingsSchema = z.object({
  /** People with no current affiliation for this many years are listed for review. */
  reviewAfterYears: z.number({ error: 'error.number' }).int('error.integer').min(1, 'error.invalid').max(30, 'error.invalid'),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

export const reviewListSchema = z.object({
  years: z.number().int(),
  /** Affiliations ended before this date (or never any, and recorded before it). */
  before: z.string(),
  items: z.array(
    z.object({
      personId: z.number().int(),
      name: z.string(),
      lastOrganisation: z.string().nullable(),
      lastEnd: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type ReviewList = z.infer<typeof reviewListSchema>;

const cellValue = z.union([z.string(), z.number(), z.null()]);

export const personalDataSchema = z.object({
  generatedAt: z.string(),
  personId: z.number().int(),
  name: z.string(),
  /** The register's review period, for the retention paragraph of the letter. */
  reviewAfterYears: z.number().int().optional(),
  /** One section per table that holds something about the person. */
  sections: z.array(z.object({ table: z.string(), title: z.string(), rows: z.array(z.record(z.string(), cellValue)) })),
});
export type PersonalData = z.infer<typeof personalDataSchema>;

export const erasureResultSchema = z.object({
  personId: z.number().int(),
  /** The name the person now has everywhere else. */
  anonymousName: z.string(),
  /** Records kept as they are because they are legal records (approved minutes, attendance sheets). */
  keptInLegalRecords: z.number().int(),
  legalRecordTables: z.array(z.string()),
  clearedFields: z.array(z.string()),
});
export type ErasureResult = z.infer<typeof erasureResultSchema>;

export const registerDataSchema = z.object({
  generatedAt: z.string(),
  association: z.object({
    name: z.string(),
    address: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    siret: z.string().nullable(),
    rna: z.string().nullable(),
    logoDataUrl: z.string().nullable(),
  }),
  /** The person who answers for the association (president·e), when recorded. */
  controller: z.string().nullable(),
  counts: z.object({ organisations: z.number().int(), people: z.number().int(), memberships: z.number().int() }),
  reviewAfterYears: z.number().int(),
  retention: z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
  /** Features whose data is part of the file (meetings, time…), when present. */
  features: z.array(z.string()),
});
export type RegisterData = z.infer<typeof registerDataSchema>;

// ——— Change log ———

export const AUDIT_ENTITIES = ['organisation', 'person', 'membership', 'minutes', 'meeting', 'grant', 'payment', 'period', 'import', 'database'] as const;

export const auditQuerySchema = z.object({
  entity: keyText(40, 1),
  entityId: id,
  limit: z.number().int().min(1).max(500).optional(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  action: z.string(),
  summary: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
