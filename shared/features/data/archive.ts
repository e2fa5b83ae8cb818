import { z } from 'zod';
import { column, rowSchema, versionColumns } from '../archive/schemas';
import { PRESET_KINDS } from './schemas';

/** Rows of the data feature's tables as stored, for the archive (electron/features/archive/tables.ts). */

const jsonText = (key: string) =>
  z.string().refine((v) => {
    try {
      JSON.parse(v);
      return true;
    } catch {
      return false;
    }
  }, key);

/** The change log travels with the archive: its `entity_id` names records that may since be deleted, so it is no reference. */
export const auditLogRowSchema = rowSchema({
  id: column.id,
  at: column.timestamp,
  actor: column.requiredText,
  entity: column.requiredText,
  entity_id: column.integer.nullable(),
  parent_entity: column.nullableText,
  parent_id: column.integer.nullable(),
  action: column.requiredText,
  summary: jsonText('error.data.archiveJson'),
});

export const dataPresetRowSchema = rowSchema({
  id: column.id,
  kind: z.enum(PRESET_KINDS),
  target: column.requiredText,
  name: column.requiredText,
  config: jsonText('error.data.archiveJson'),
  created_at: column.timestamp,
  updated_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns,
});

export const legalNameRowSchema = rowSchema({
  person_id: column.ref,
  first_name: column.requiredText,
  last_name: column.requiredText,
  recorded_at: column.timestamp,
});

/** What was kept after an erasure, and why: only legal records, for now. */
export const ERASURE_KEPT_REASONS = ['legal_records'] as const;

const jsonStringArray = z.string().refine((v) => {
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) && parsed.every((t) => typeof t === 'string');
  } catch {
    return false;
  }
}, 'error.data.archiveJson');

/** The register of erasures travels with the archive: its person_id may name nobody in it, so it is no reference. */
export const erasureRowSchema = rowSchema({
  id: column.id,
  person_id: column.id,
  person_created_at: column.timestamp,
  erased_at: column.timestamp,
  kept_records: column.integer.min(0, 'error.integer'),
  kept_tables: jsonStringArray,
  kept_reason: z.enum(ERASURE_KEPT_REASONS).nullable(),
});
