import type { Generated } from 'kysely';

/** Tables of the activity feature (activities, project founders, observatory, funding, report texts), merged into DB. */

export interface ProjectFoundersTable {
  id: Generated<number>;
  name: string;
  territory: string | null;
  contact: string | null;
  /** idea, study, creation, open. */
  stage: string;
  /** The member organisation the project became, if any. */
  organisation_id: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface ActivitiesTable {
  id: Generated<number>;
  kind: string;
  date: string;
  title: string;
  place: string | null;
  /** Visits only: local_authority, project_founder, other. */
  visitor_kind: string | null;
  /** Support sessions and visits by a project founder. */
  project_founder_id: number | null;
  people_reached: number | null;
  campaign: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface ActivityOrganisationsTable {
  id: Generated<number>;
  activity_id: number;
  organisation_id: number;
  /** lead (led it) or partner (involved). */
  role: string;
}

export interface IndicatorsTable {
  id: Generated<number>;
  code: string;
  label: string;
  /** tonnes, euros (stored in cents), count, etp, hours. */
  unit: string;
  position: number;
  active: number;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface IndicatorValuesTable {
  id: Generated<number>;
  organisation_id: number;
  year: number;
  indicator_id: number;
  value: number;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface GrantsTable {
  id: Generated<number>;
  funder_organisation_id: number;
  programme: string;
  reference: string | null;
  start_date: string;
  end_date: string;
  amount_cents: number;
  note: string | null;
  created_at: string;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface GrantPaymentsTable {
  id: Generated<number>;
  grant_id: number;
  date: string;
  amount_cents: number;
  note: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface GrantReportsTable {
  id: Generated<number>;
  grant_id: number;
  due_date: string;
  label: string;
  submitted_on: string | null;
}

export interface GrantTargetsTable {
  id: Generated<number>;
  grant_id: number;
  /** A figure of the reports (shared/features/activities/schemas.ts REPORT_METRICS). */
  metric: string;
  value: number;
}

export interface BudgetsTable {
  id: Generated<number>;
  label: string;
  start_date: string;
  end_date: string;
  grant_id: number | null;
  note: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface BudgetLinesTable {
  id: Generated<number>;
  budget_id: number;
  /** expense or income. */
  direction: string;
  /** Expense category (staff, donated_time, shows, …) or 'funding' for income. */
  category: string;
  funder_organisation_id: number | null;
  label: string | null;
  planned_cents: number;
  actual_cents: number;
  /** Account of the associations' chart of accounts (60–68, 70–78, 86, 87); null = « à classer ». */
  account: string | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

/** A membership fee receipt: number without gaps per year, and what it certifies, frozen when issued. */
export interface MembershipReceiptsTable {
  id: Generated<number>;
  membership_id: number;
  year: number;
  number: number;
  issued_on: string;
  amount_cents: number;
  paid_on: string;
  payment_method: string | null;
}

/** The explanation typed for a gap over 20 % on one account of a grant's Cerfa 15059. */
export interface GrantGapExplanationsTable {
  id: Generated<number>;
  grant_id: number;
  account: string;
  body: string;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface ReportTextsTable {
  id: Generated<number>;
  /** annual or partner. */
  report_type: string;
  /** "2025", "2023-09-01_2026-02-28" or "grant-3": the texts of one report and period. */
  period_key: string;
  section: string;
  body: string;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface ActivityTables {
  project_founders: ProjectFoundersTable;
  activities: ActivitiesTable;
  activity_organisations: ActivityOrganisationsTable;
  indicators: IndicatorsTable;
  indicator_values: IndicatorValuesTable;
  grants: GrantsTable;
  grant_payments: GrantPaymentsTable;
  grant_reports: GrantReportsTable;
  grant_targets: GrantTargetsTable;
  budgets: BudgetsTable;
  budget_lines: BudgetLinesTable;
  report_texts: ReportTextsTable;
  grant_gap_explanations: GrantGapExplanationsTable;
  membership_receipts: MembershipReceiptsTable;
}
