import type { Generated } from 'kysely';
import type { DataTables } from '../features/data/tables';
import type { MeetingsTables } from '../features/meetings/tables';
import type { TimeTables } from '../features/time/tables';
import type { ActivityTables } from '../features/activities/tables';
import type { AccountTables } from '../features/accounts/tables';
import type { MailTables } from '../features/mail/tables';

/** Column types as stored: booleans 0/1, dates ISO text, money integer cents, durations integer minutes. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  short_name: string | null;
  kind: string;
  partner_type: string | null;
  siret: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  department: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  /** Since 0007: raised by each save; a save naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface PeopleTable {
  id: Generated<number>;
  first_name: string;
  last_name: string;
  search_key: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  note: string | null;
  consent_date: string | null;
  consent_note: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  version: Generated<number>;
  updated_by: string | null;
  /** madame, monsieur, or null when not said. */
  civility: string | null;
  /** Since 0013: 1 = gets no mail from the application but legal notices. */
  refuses_mail: Generated<number>;
}

export interface AffiliationsTable {
  id: Generated<number>;
  person_id: number;
  organisation_id: number;
  role: string;
  start_date: string;
  end_date: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface OfficesTable {
  id: Generated<number>;
  person_id: number;
  office: string;
  start_date: string;
  end_date: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface MembershipsTable {
  id: Generated<number>;
  organisation_id: number;
  year: number;
  fee_due_cents: number;
  amount_paid_cents: number;
  paid_on: string | null;
  payment_method: string | null;
  voting_person_id: number | null;
  start_date: string | null;
  exit_date: string | null;
  exit_reason: string | null;
  note: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

/** Each feature declares its own tables beside its code; this is the whole database. */
export interface DB extends MeetingsTables, TimeTables, DataTables, ActivityTables, AccountTables, MailTables {
  schema_migrations: SchemaMigrationsTable;
  settings: SettingsTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  affiliations: AffiliationsTable;
  offices: OfficesTable;
  memberships: MembershipsTable;
}
