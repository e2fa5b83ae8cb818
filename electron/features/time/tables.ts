import type { Generated } from 'kysely';

/** Tables of the time feature, merged into the DB interface (electron/store/schema.ts). */

export interface TimeCategoriesTable {
  id: Generated<number>;
  /** Stable code of a default category (`network_meeting`…), null for one the secretary added. */
  code: string | null;
  name: string;
  position: number;
  active: number;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface TimeRatesTable {
  id: Generated<number>;
  /** `person`, `organisation` or `default` (a dated network default). */
  scope: string;
  person_id: number | null;
  organisation_id: number | null;
  valid_from: string;
  hourly_cents: number;
  note: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface TimeEntriesTable {
  id: Generated<number>;
  organisation_id: number;
  person_id: number | null;
  date: string;
  minutes: number;
  category_id: number;
  /** `secondment` (mise à disposition) or `volunteering` (bénévolat). */
  nature: string;
  meeting_id: number | null;
  /** An activity of the network (issue 5): no foreign key until that table exists. */
  activity_id: number | null;
  note: string | null;
  /** The rate row applied, null when the default of the settings was. */
  rate_id: number | null;
  hourly_rate_cents: number;
  /** round(minutes × hourly_rate_cents ÷ 60): totals are sums of these. */
  value_cents: number;
  created_at: string;
  updated_at: string;
  /** `pending` (« à valider »: entered by a member organisation), `validated` or `refused` (migration 0011). */
  status: Generated<string>;
  /** Why the secretariat refused the line, shown to the structure. */
  review_reason: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface TimePledgesTable {
  id: Generated<number>;
  organisation_id: number;
  start_date: string;
  end_date: string;
  /** `hours` or `etp`: exactly one of the two amounts is set. */
  unit: string;
  pledged_minutes: number | null;
  /** ETP in thousandths (0,2 ETP = 200). */
  pledged_etp_milli: number | null;
  agreement_reference: string | null;
  agreement_date: string | null;
  note: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface TimeClosedPeriodsTable {
  id: Generated<number>;
  start_date: string;
  end_date: string;
  label: string;
  closed_at: string;
  closed_by: string;
  /** Set when reopened; the period then no longer locks anything. */
  reopened_at: string | null;
}

export interface TimePeriodLogTable {
  id: Generated<number>;
  period_id: number;
  /** `close` or `reopen`. */
  action: string;
  at: string;
  by: string;
  reason: string | null;
}

/** A month the secretariat validated for an organisation: the structure asks before changing it. */
export interface TimeMonthValidationsTable {
  id: Generated<number>;
  organisation_id: number;
  month: string;
  validated_at: string;
  validated_by: string;
}

/** A member organisation's request to change a validated month, and the secretariat's answer. */
export interface TimeChangeRequestsTable {
  id: Generated<number>;
  organisation_id: number;
  month: string;
  nature: string;
  /** JSON: the cells to write, each with the minutes it held when asked. */
  changes: string;
  reason: string;
  /** `pending`, `accepted` or `refused`. */
  status: string;
  requested_at: string;
  requested_by: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
}

export interface TimeTables {
  time_categories: TimeCategoriesTable;
  time_rates: TimeRatesTable;
  time_entries: TimeEntriesTable;
  time_pledges: TimePledgesTable;
  time_closed_periods: TimeClosedPeriodsTable;
  time_period_log: TimePeriodLogTable;
  time_month_validations: TimeMonthValidationsTable;
  time_change_requests: TimeChangeRequestsTable;
}
