import type { Generated } from 'kysely';

/** Tables of the data feature (change log, saved presets), merged into the DB interface (electron/store/schema.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  /** ISO timestamp. */
  at: string;
  /** Who: the operating-system user and the runtime ("marie (application)"). */
  actor: string;
  /** What kind of record: membership, minutes, period… */
  entity: string;
  entity_id: number | null;
  /** The record whose history this belongs to as well (a membership's organisation). */
  parent_entity: string | null;
  parent_id: number | null;
  action: string;
  /** JSON object: the changed fields with their old and new values, or a short account. */
  summary: string;
}

export interface DataPresetsTable {
  id: Generated<number>;
  /** 'import' (a column mapping) or 'export' (chosen columns). */
  kind: string;
  /** Import type or exported list. */
  target: string;
  name: string;
  /** JSON, see presetConfigSchema. */
  config: string;
  created_at: string;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

/** An erased person's name as it was, for approved minutes and attendance sheets only (see privacy.ts). */
export interface LegalNamesTable {
  person_id: number;
  first_name: string;
  last_name: string;
  recorded_at: string;
}

/** The register of erasures (migration 0006): survives imports and restores, see reapplyErasures in privacy.ts. */
export interface ErasuresTable {
  id: Generated<number>;
  person_id: number;
  /** With person_id, who the person was: another database may give her number to someone else. */
  person_created_at: string;
  /** ISO timestamp of the erasure. */
  erased_at: string;
  /** Rows of legal records that keep the name. */
  kept_records: number;
  /** JSON array of those records' tables. */
  kept_tables: string;
  /** 'legal_records', or null when nothing was kept. */
  kept_reason: string | null;
}

export interface DataTables {
  audit_log: AuditLogTable;
  data_presets: DataPresetsTable;
  legal_names: LegalNamesTable;
  erasures: ErasuresTable;
}
