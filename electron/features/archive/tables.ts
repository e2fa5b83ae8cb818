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
];

export function findArchivedTable(name: string): ArchivedTable | undefined {
  return ARCHIVED_TABLES.find((t) => t.name === name);
}
