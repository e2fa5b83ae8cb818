import { z } from 'zod';
import { cents, checkedText, formatText, id, isoDate, keyText, openedVersion, optionalDate, optionalText, recordVersion, requiredText, searchText, year } from '../../validation/fields';
import { letterheadSchema } from '../meetings/documents';
import { ACCOUNTS, accountDirection } from './cerfa';

// ——— Activity log ———

export const ACTIVITY_KINDS = ['awareness', 'outreach', 'visit', 'conference', 'support', 'communication', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const VISITOR_KINDS = ['local_authority', 'project_founder', 'other'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

const optionalId = id.nullish().transform((v) => v ?? null);

const activityFields = z.object({
  kind: z.enum(ACTIVITY_KINDS, { error: 'error.activity.kind' }),
  date: isoDate,
  title: requiredText(200),
  place: optionalText(200),
  visitorKind: z.enum(VISITOR_KINDS).nullish().transform((v) => v ?? null),
  projectFounderId: optionalId,
  peopleReached: z.number({ error: 'error.integer' }).int('error.integer').min(0, 'error.activity.negative').nullish().transform((v) => v ?? null),
  campaign: optionalText(120),
  note: optionalText(4000, { multiline: true }),
  leadOrganisationIds: z.array(id).default([]),
  partnerOrganisationIds: z.array(id).default([]),
});

/** A visit says who visited; every activity names at least one organisation that led it. */
export const activityInputSchema = activityFields.superRefine((v, ctx) => {
  if (v.leadOrganisationIds.length === 0) ctx.addIssue({ code: 'custom', path: ['leadOrganisationIds'], message: 'error.activity.leadRequired' });
  if (v.kind === 'visit' && !v.visitorKind) ctx.addIssue({ code: 'custom', path: ['visitorKind'], message: 'error.activity.visitorRequired' });
});
export type ActivityInput = z.input<typeof activityInputSchema>;
export type ActivityValues = z.output<typeof activityInputSchema>;
export const activityUpdateSchema = activityFields.extend({ id, version: openedVersion }).superRefine((v, ctx) => {
  if (v.leadOrganisationIds.length === 0) ctx.addIssue({ code: 'custom', path: ['leadOrganisationIds'], message: 'error.activity.leadRequired' });
  if (v.kind === 'visit' && !v.visitorKind) ctx.addIssue({ code: 'custom', path: ['visitorKind'], message: 'error.activity.visitorRequired' });
});

const namedRef = z.object({ id: z.number().int(), name: z.string() });

export const activitySchema = z.object({
  id: z.number().int(),
  kind: z.enum(ACTIVITY_KINDS),
  date: z.string(),
  title: z.string(),
  place: z.string().nullable(),
  visitorKind: z.enum(VISITOR_KINDS).nullable(),
  projectFounderId: z.number().int().nullable(),
  projectFounderName: z.string().nullable(),
  peopleReached: z.number().int().nullable(),
  campaign: z.string().nullable(),
  note: z.string().nullable(),
  leads: z.array(namedRef),
  partners: z.array(namedRef),
  version: recordVersion,
});
export type Activity = z.infer<typeof activitySchema>;

export const activityFilterSchema = z.object({
  from: optionalDate,
  to: optionalDate,
  kind: z.enum(ACTIVITY_KINDS).optional(),
  visitorKind: z.enum(VISITOR_KINDS).optional(),
  organisationId: id.optional(),
  projectFounderId: id.optional(),
  campaign: searchText(120),
  search: searchText(200),
  /** With `organisationId`: only the activities it led, not those it joined as a partner. */
  leadOnly: z.boolean().optional(),
  limit: z.number().int().min(1).max(5000).optional(),
  /** Rows to skip: the list screen asks for one page at a time. */
  offset: z.number().int().min(0).optional(),
});
export type ActivityFilter = z.input<typeof activityFilterSchema>;

export const activityListSchema = z.object({
  items: z.array(activitySchema),
  total: z.number().int(),
  campaigns: z.array(z.string()),
});

// ——— Project founders ———

export const FOUNDER_STAGES = ['idea', 'study', 'creation', 'open'] as const;
export type FounderStage = (typeof FOUNDER_STAGES)[number];

export const founderInputSchema = z.object({
  name: requiredText(200),
  territory: optionalText(200),
  contact: optionalText(300, { multiline: true }),
  stage: z.enum(FOUNDER_STAGES),
  organisationId: optionalId,
  note: optionalText(4000, { multiline: true }),
});
export const founderUpdateSchema = founderInputSchema.extend({ id, version: openedVersion });

export const founderSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  territory: z.string().nullable(),
  contact: z.string().nullable(),
  stage: z.enum(FOUNDER_STAGES),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  note: z.string().nullable(),
  sessions: z.number().int(),
  visits: z.number().int(),
  version: recordVersion,
});
export type Founder = z.infer<typeof founderSchema>;

export const founderDetailSchema = z.object({ founder: founderSchema, activities: z.array(activitySchema) });

// ——— Observatory ———

export const INDICATOR_UNITS = ['tonnes', 'euros', 'count', 'etp', 'hours'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** The default set, added the first time the list is empty. */
export const DEFAULT_INDICATORS: readonly { code: string; label: string; unit: IndicatorUnit }[] = [
  { code: 'tonnes_collected', label: 'Tonnes collectées', unit: 'tonnes' },
  { code: 'tonnes_reused', label: 'Tonnes réemployées', unit: 'tonnes' },
  { code: 'tonnes_recycled', label: 'Tonnes recyclées', unit: 'tonnes' },
  { code: 'tonnes_disposed', label: 'Tonnes éliminées', unit: 'tonnes' },
  { code: 'sales_revenue', label: 'Chiffre d’affaires des ventes', unit: 'euros' },
  { code: 'employees', label: 'Salariés', unit: 'count' },
  { code: 'etp', label: 'Équivalents temps plein', unit: 'etp' },
  { code: 'integration_contracts', label: 'dont contrats d’insertion', unit: 'count' },
  { code: 'volunteers', label: 'Bénévoles', unit: 'count' },
  { code: 'volunteer_hours', label: 'Heures de bénévolat', unit: 'hours' },
  { code: 'visitors', label: 'Visiteurs', unit: 'count' },
  { code: 'awareness_actions', label: 'Actions de sensibilisation', unit: 'count' },
  { code: 'people_reached', label: 'Personnes sensibilisées', unit: 'count' },
  { code: 'local_agreements', label: 'Conventions avec des collectivités', unit: 'count' },
];

export const TONNAGE_CODES = ['tonnes_collected', 'tonnes_reused', 'tonnes_recycled', 'tonnes_disposed'] as const;

export const indicatorSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  label: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  position: z.number().int(),
  active: z.boolean(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorInputSchema = z.object({
  id: id.optional(),
  code: formatText(z.string().trim().min(1, 'error.required').max(60).regex(/^[a-z0-9_]+$/, 'error.activity.code')),
  label: requiredText(120),
  unit: z.enum(INDICATOR_UNITS),
  active: z.boolean().default(true),
});

/** Values travel in the indicator's unit; euros as cents. The unit's rules are checked by the service. */
export const observatoryEntrySchema = z.object({
  organisationId: id,
  year,
  values: z.array(z.object({ indicatorId: id, value: z.number({ error: 'error.number' }).nullable() })),
});

export const observatoryFormSchema = z.object({
  organisationId: z.number().int(),
  organisationName: z.string(),
  year: z.number().int(),
  indicators: z.array(indicatorSchema),
  values: z.record(z.string(), z.number()),
});

export const observatoryYearSchema = z.object({
  year: z.number().int(),
  indicators: z.array(indicatorSchema),
  organisations: z.array(z.object({ id: z.number().int(), name: z.string(), returned: z.boolean(), values: z.record(z.string(), z.number()) })),
  /** Regional totals, by indicator id, this year and the year before, with the change in percent. */
  totals: z.array(z.object({ indicatorId: z.number().int(), total: z.number(), previous: z.number().nullable(), change: z.number().nullable() })),
  returned: z.number().int(),
  expected: z.number().int(),
});
export type ObservatoryYear = z.infer<typeof observatoryYearSchema>;

// ——— Grants and budgets ———

export const EXPENSE_CATEGORIES = ['staff', 'donated_time', 'shows', 'printing', 'graphic_design', 'purchases', 'travel', 'services', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
/** "Frais annexes": what is neither staff nor donated time. */
export const SIDE_COST_CATEGORIES: readonly ExpenseCategory[] = ['shows', 'printing', 'graphic_design', 'purchases', 'travel', 'services', 'other'];

/** Figures a grant can set a target for; the reports compute them. */
export const REPORT_METRICS = [
  'meeting_days',
  'awareness_actions',
  'outreach_events',
  'visits',
  'visits_local_authority',
  'visits_project_founder',
  'conferences',
  'support_sessions',
  'founders_supported',
  'communication_tools',
  'people_reached',
  'new_members',
  'etp',
  'hours',
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

export const grantInputSchema = z
  .object({
    funderOrganisationId: id,
    programme: requiredText(200),
    reference: optionalText(100),
    startDate: isoDate,
    endDate: isoDate,
    amountCents: cents,
    note: optionalText(4000, { multiline: true }),
    reports: z.array(z.object({ dueDate: isoDate, label: requiredText(200), submittedOn: optionalDate })).default([]),
    targets: z.array(z.object({ metric: z.enum(REPORT_METRICS), value: z.number({ error: 'error.number' }).min(0, 'error.activity.negative') })).default([]),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'error.endBeforeStart' });
export const grantUpdateSchema = z.intersection(grantInputSchema, z.object({ id, version: openedVersion }));

export const paymentInputSchema = z.object({ grantId: id, date: isoDate, amountCents: cents.refine((v) => v > 0, 'error.activity.paymentZero'), note: optionalText(500, { multiline: true }) });
export const paymentUpdateSchema = paymentInputSchema.omit({ grantId: true }).extend({ id, version: openedVersion });

export const grantSchema = z.object({
  id: z.number().int(),
  funderOrganisationId: z.number().int(),
  funderName: z.string(),
  programme: z.string(),
  reference: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  amountCents: z.number().int(),
  paidCents: z.number().int(),
  note: z.string().nullable(),
  version: recordVersion,
  payments: z.array(z.object({ id: z.number().int(), date: z.string(), amountCents: z.number().int(), note: z.string().nullable(), version: recordVersion })),
  reports: z.array(z.object({ id: z.number().int(), dueDate: z.string(), label: z.string(), submittedOn: z.string().nullable() })),
  targets: z.array(z.object({ metric: z.enum(REPORT_METRICS), value: z.number() })),
});
export type Grant = z.infer<typeof grantSchema>;

const budgetLineInput = z.object({
  direction: z.enum(['expense', 'income']),
  category: checkedText('line', (s) => s.min(1, 'error.required').max(40, 'error.tooLong')),
  funderOrganisationId: optionalId,
  label: optionalText(200),
  plannedCents: cents,
  actualCents: cents,
  /** Account of the chart of accounts for the Cerfa 15059; null or absent = « à classer ». */
  account: z.enum(ACCOUNTS, { error: 'error.choice' }).nullish().transform((v) => v ?? null),
});

export const budgetInputSchema = z
  .object({
    id: id.optional(),
    version: openedVersion,
    label: requiredText(200),
    startDate: isoDate,
    endDate: isoDate,
    grantId: optionalId,
    note: optionalText(2000, { multiline: true }),
    lines: z.array(budgetLineInput),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'error.endBeforeStart' })
  .superRefine((v, ctx) => {
    v.lines.forEach((l, i) => {
      if (l.direction === 'expense' && !(EXPENSE_CATEGORIES as readonly string[]).includes(l.category))
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'category'], message: 'error.choice' });
      if (l.direction === 'income' && !l.funderOrganisationId)
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'funderOrganisationId'], message: 'error.activity.funderRequired' });
      if (l.account && accountDirection(l.account) !== l.direction)
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'account'], message: l.direction === 'expense' ? 'error.cerfa.accountNotExpense' : 'error.cerfa.accountNotIncome' });
    });
  });

export const budgetSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  grantId: z.number().int().nullable(),
  note: z.string().nullable(),
  version: recordVersion,
  lines: z.array(
    z.object({
      id: z.number().int(),
      direction: z.enum(['expense', 'income']),
      category: z.string(),
      funderOrganisationId: z.number().int().nullable(),
      funderName: z.string().nullable(),
      label: z.string().nullable(),
      plannedCents: z.number().int(),
      actualCents: z.number().int(),
      account: z.enum(ACCOUNTS).nullable(),
    }),
  ),
});
export type Budget = z.infer<typeof budgetSchema>;

// ——— Reports ———

export const REPORT_TYPES = ['annual', 'partner'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_SECTIONS = ['context', 'objectives', 'qualitative', 'success', 'recommendations', 'outlook'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const SECTIONS_OF: Record<ReportType, readonly ReportSection[]> = {
  annual: ['context', 'qualitative', 'outlook'],
  partner: ['context', 'objectives', 'qualitative', 'success', 'recommendations', 'outlook'],
};

export const periodQuery = z
  .object({ from: isoDate, to: isoDate })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'error.endBeforeStart' });

/** `evidence`: add the annex « Détail des résultats », the records behind each figure. */
const evidenceOption = { evidence: z.boolean().default(false) };
export const annualQuerySchema = z.object({ year, ...evidenceOption });
export const partnerQuerySchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), grantId: id.optional(), ...evidenceOption })
  .refine((v) => v.grantId !== undefined || (v.from !== undefined && v.to !== undefined), { path: ['from'], message: 'error.activity.periodRequired' })
  .refine((v) => !v.from || !v.to || v.to >= v.from, { path: ['to'], message: 'error.endBeforeStart' });

export const reportTextsQuerySchema = z.object({ type: z.enum(REPORT_TYPES), periodKey: keyText(60, 1) });
export const reportTextSaveSchema = reportTextsQuerySchema.extend({
  section: z.enum(REPORT_SECTIONS),
  /** The section's version as the page showed it (0: it had no text); another save since is not overwritten. */
  version: z.number().int().min(0).optional(),
  body: checkedText('multiline', (s) => s.max(20_000, 'error.tooLong')) });
/** `versions`: each section's version, for the next save to name. */
export const reportTextsSchema = z.object({ texts: z.record(z.string(), z.string()), versions: z.record(z.string(), z.number().int()).optional() });

const kindCount = z.object({ kind: z.enum(ACTIVITY_KINDS), count: z.number().int() });

export const figuresSchema = z.object({
  from: z.string(),
  to: z.string(),
  meetings: z.object({ days: z.number().int(), coordination: z.number().int(), technicalDays: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
  awareness: z.object({ count: z.number().int(), leaders: z.number().int(), campaigns: z.array(z.object({ name: z.string(), count: z.number().int(), leaders: z.number().int() })) }),
  outreach: z.object({ count: z.number().int(), leaders: z.number().int() }),
  visits: z.object({ count: z.number().int(), localAuthority: z.number().int(), projectFounder: z.number().int(), other: z.number().int() }),
  conferences: z.number().int(),
  support: z.object({ sessions: z.number().int(), founders: z.number().int() }),
  communication: z.number().int(),
  otherActivities: z.number().int(),
  peopleReached: z.number().int(),
  byKind: z.array(kindCount),
  byKindYear: z.array(z.object({ year: z.number().int(), kind: z.enum(ACTIVITY_KINDS), count: z.number().int() })),
  /** Arrivals and departures of the period, and the members on its last day (one definition: electron/features/memberships/roll.ts). */
  newMembers: z.array(z.object({ id: z.number().int(), name: z.string(), joinedOn: z.string() })),
  departures: z.array(z.object({ id: z.number().int(), name: z.string(), leftOn: z.string().nullable(), reason: z.string().nullable() })),
  membersBefore: z.number().int(),
  members: z.array(z.object({ id: z.number().int(), name: z.string(), city: z.string().nullable() })),
  founders: z.object({ byStage: z.record(z.string(), z.number().int()), becameMembers: z.array(z.string()), total: z.number().int() }),
  time: z.object({
    minutes: z.number().int(),
    etp: z.number(),
    valueCents: z.number().int(),
    etpHours: z.number().int(),
    organisations: z.number().int(),
    byOrganisation: z.array(z.object({ organisationId: z.number().int().nullable(), name: z.string(), minutes: z.number().int(), etp: z.number(), valueCents: z.number().int() })),
    /** Hours entered by member organisations still « à valider » (issue 14): in none of the figures above. */
    pendingMinutes: z.number().int().optional(),
  }),
  finances: z.object({
    /** Which budgets are counted: those of the grant(s) reported on, those of the financial year, or those overlapping a free period. */
    scope: z.enum(['grant', 'financialYear', 'period']),
    budgets: z.array(z.object({ id: z.number().int(), label: z.string(), startDate: z.string(), endDate: z.string() })),
    /** Budgets that overlap the period but are not counted in it (a multi-year programme in an annual report). */
    otherBudgets: z.array(z.object({ id: z.number().int(), label: z.string(), startDate: z.string(), endDate: z.string() })),
    expenses: z.array(z.object({ category: z.string(), plannedCents: z.number().int(), actualCents: z.number().int() })),
    /** `inKind`: the contributions in kind that balance the donated-time charge, not a funder. */
    income: z.array(z.object({ funderName: z.string(), plannedCents: z.number().int(), actualCents: z.number().int(), inKind: z.boolean() })),
    totalPlannedCents: z.number().int(),
    totalActualCents: z.number().int(),
    sideCostsPlannedCents: z.number().int(),
    sideCostsActualCents: z.number().int(),
    incomePlannedCents: z.number().int(),
    incomeActualCents: z.number().int(),
    /** Income − charges: positive is a surplus (excédent), negative a deficit. */
    resultPlannedCents: z.number().int(),
    resultActualCents: z.number().int(),
    /**
     * The donated-time line: its « réalisé » is the time ledger's valuation over the budgets' period
     * (balanced by the same amount of contributions in kind on the income side); what had been typed
     * in the budget is kept to state the difference.
     */
    inKind: z
      .object({ from: z.string(), to: z.string(), ledgerCents: z.number().int(), enteredActualCents: z.number().int(), plannedCents: z.number().int() })
      .nullable(),
    grants: z.array(z.object({ id: z.number().int(), funderName: z.string(), programme: z.string(), startDate: z.string(), endDate: z.string(), amountCents: z.number().int(), paidCents: z.number().int() })),
  }),
  observatory: z.object({
    years: z.array(z.number().int()),
    /** Members on the last day of each year (or of the period), by year. */
    expected: z.record(z.string(), z.number().int()),
    returned: z.record(z.string(), z.number().int()),
    indicators: z.array(z.object({ code: z.string(), label: z.string(), unit: z.enum(INDICATOR_UNITS), totals: z.record(z.string(), z.number()) })),
  }),
});
export type ReportFigures = z.infer<typeof figuresSchema>;

export const annualReportSchema = z.object({
  type: z.literal('annual'),
  year: z.number().int(),
  periodKey: z.string(),
  generatedOn: z.string(),
  letterhead: letterheadSchema,
  figures: figuresSchema,
  meetingsHeld: z.array(z.object({ id: z.number().int(), date: z.string(), kind: z.string(), title: z.string() })),
  texts: z.record(z.string(), z.string()),
  /** The annex: one group of records per figure printed (empty unless asked). */
  evidence: z.array(z.lazy(() => evidenceGroupSchema)).default([]),
  textVersions: z.record(z.string(), z.number().int()).optional(),
});
export type AnnualReport = z.infer<typeof annualReportSchema>;

export const partnerReportSchema = z.object({
  type: z.literal('partner'),
  periodKey: z.string(),
  generatedOn: z.string(),
  letterhead: letterheadSchema,
  grant: grantSchema.nullable(),
  figures: figuresSchema,
  partners: z.array(z.object({ name: z.string(), role: z.string() })),
  targets: z.array(z.object({ metric: z.enum(REPORT_METRICS), target: z.number(), actual: z.number() })),
  texts: z.record(z.string(), z.string()),
  evidence: z.array(z.lazy(() => evidenceGroupSchema)).default([]),
  textVersions: z.record(z.string(), z.number().int()).optional(),
});
export type PartnerReport = z.infer<typeof partnerReportSchema>;

export const recordsQuerySchema = z.object({ metric: keyText(60), from: isoDate, to: isoDate });
export const recordsSchema = z.object({
  title: z.string(),
  items: z.array(z.object({ date: z.string().nullable(), label: z.string(), detail: z.string().nullable() })),
});
export type FigureRecords = z.infer<typeof recordsSchema>;
/** The records behind one figure of a report, with the figure as printed. */
export const evidenceGroupSchema = recordsSchema.extend({ metric: z.enum(REPORT_METRICS), value: z.number() });
export type EvidenceGroup = z.infer<typeof evidenceGroupSchema>;

// ——— Dashboard ———

export const dashboardSchema = z.object({
  year: z.number().int(),
  today: z.string(),
  activityCounts: z.array(kindCount),
  meetingDays: z.number().int(),
  overdueActions: z.array(z.object({ id: z.number().int(), text: z.string(), dueDate: z.string().nullable(), meetingTitle: z.string(), owner: z.string() })),
  reportDeadlines: z.array(z.object({ grantId: z.number().int(), funderName: z.string(), programme: z.string(), dueDate: z.string(), label: z.string(), overdue: z.boolean() })),
  missingReturns: z.object({ year: z.number().int(), organisations: z.array(namedRef) }),
  unpaidFees: z.object({ year: z.number().int(), items: z.array(z.object({ organisationId: z.number().int(), name: z.string(), outstandingCents: z.number().int() })) }),
  /** What there is to go on: an empty base gets first steps, never « all paid ». */
  setup: z.object({ settingsSaved: z.boolean(), organisations: z.number().int(), memberships: z.number().int() }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

