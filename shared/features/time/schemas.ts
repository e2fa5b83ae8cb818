import { z } from 'zod';
import { cents, checkedText, formatText, id, isoDate, openedVersion, optionalDate, optionalText, recordVersion, requiredText } from '../../validation/fields';
import { letterheadSchema } from '../meetings/documents';
import { DURATION_PROBLEM_KEYS, MAX_MINUTES_PER_DAY, parseDuration } from './duration';
import { RATE_SCOPES } from './valuation';

/** Staff lent by a member organisation (mise à disposition), or volunteering (bénévolat). */
export const NATURES = ['secondment', 'volunteering'] as const;
export type Nature = (typeof NATURES)[number];

/** Hours a member organisation entered wait « à valider » (`pending`) until the secretariat validates or refuses them. */
export const ENTRY_STATUSES = ['pending', 'validated', 'refused'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** The categories every network starts with; names are editable, codes are how the app finds them. */
export const DEFAULT_CATEGORIES = [
  { code: 'coordination', name: 'Coordination' },
  { code: 'network_meeting', name: 'Réunion de réseau' },
  { code: 'technical_day', name: 'Journée technique' },
  { code: 'awareness', name: 'Sensibilisation et animation' },
  { code: 'project_support', name: 'Accompagnement des porteurs de projet' },
  { code: 'observatory', name: 'Observatoire' },
  { code: 'communication', name: 'Communication' },
  { code: 'representation', name: 'Représentation' },
  { code: 'administration', name: 'Administration' },
  { code: 'other', name: 'Autre' },
] as const;

export const SUMMARY_GROUPS = ['organisation', 'person', 'category', 'nature', 'month', 'quarter', 'year'] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthSchema = formatText(z.string().regex(MONTH, 'error.time.month'));

/**
 * A duration as typed (`1h30`, `1,5`, `90 min`) or as whole minutes; always whole minutes after
 * parsing. Zero, negative, unreadable and more-than-a-day are refused with their own message.
 */
export const durationSchema = formatText(z.union([z.number(), z.string()], { error: 'error.time.durationRequired' }).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) ctx.addIssue({ code: 'custom', message: DURATION_PROBLEM_KEYS.invalid });
    else if (value === 0) ctx.addIssue({ code: 'custom', message: DURATION_PROBLEM_KEYS.zero });
    else if (value < 0) ctx.addIssue({ code: 'custom', message: DURATION_PROBLEM_KEYS.negative });
    else if (value > MAX_MINUTES_PER_DAY) ctx.addIssue({ code: 'custom', message: DURATION_PROBLEM_KEYS.tooLong });
    else return value;
    return z.NEVER;
  }
  const parsed = parseDuration(value);
  if (parsed.ok) return parsed.minutes;
  ctx.addIssue({ code: 'custom', message: DURATION_PROBLEM_KEYS[parsed.problem] });
  return z.NEVER;
}));

const nullableId = id.nullish().transform((v) => v ?? null);

/** Something saved with a remark: the record is written, the remark is shown beside it. */
export const warningSchema = z.object({
  path: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type TimeWarning = z.infer<typeof warningSchema>;

// ——— Categories ———

export const categorySchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  /** How many entries use it: counted only when asked (`withCounts`), as it reads every entry. */
  entryCount: z.number().int().nullable(),
  version: recordVersion,
});
export type Category = z.infer<typeof categorySchema>;

export const categoryInputSchema = z.object({ name: requiredText(100) });
export const categoryUpdateSchema = z.object({ id, version: openedVersion, name: requiredText(100), active: z.boolean() });

// ——— Rates ———

export const rateInputSchema = z
  .object({
    id: id.optional(),
    version: openedVersion,
    scope: z.enum(RATE_SCOPES),
    personId: nullableId,
    organisationId: nullableId,
    validFrom: formatText(z.string({ error: 'error.time.rateStartRequired' }).trim().min(1, 'error.time.rateStartRequired').pipe(isoDate)),
    hourlyCents: cents.refine((v) => v <= 100_000, 'error.tooLarge'),
    note: optionalText(500, { multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'person' && v.personId === null) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'error.time.ratePersonRequired' });
    if (v.scope === 'organisation' && v.organisationId === null)
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'error.time.rateOrganisationRequired' });
  });

export const rateSchema = z.object({
  id: z.number().int(),
  scope: z.enum(RATE_SCOPES),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  validFrom: z.string(),
  /** The day before the next rate of the same scope, or null while it is the latest. */
  validTo: z.string().nullable(),
  hourlyCents: z.number().int(),
  note: z.string().nullable(),
  entryCount: z.number().int(),
  version: recordVersion,
});
export type Rate = z.infer<typeof rateSchema>;

export const rateWriteResultSchema = z.object({ rate: rateSchema.nullable(), revalued: z.number().int() });

// ——— Entries ———

export const entryInputSchema = z.object({
  organisationId: id,
  personId: nullableId,
  date: isoDate,
  minutes: durationSchema,
  categoryId: id,
  nature: z.enum(NATURES),
  meetingId: nullableId,
  /** The network activity this time served (activities are another feature; no link checked yet). */
  activityId: nullableId,
  note: optionalText(1000, { multiline: true }),
  /** The date is more than a year ahead on purpose (the form's confirmation); otherwise such a date is refused. */
  confirmFarFuture: z.boolean().optional(),
});
export type EntryValues = z.output<typeof entryInputSchema>;

export const entrySchema = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  date: z.string(),
  minutes: z.number().int(),
  categoryId: z.number().int(),
  categoryName: z.string(),
  nature: z.enum(NATURES),
  meetingId: z.number().int().nullable(),
  activityId: z.number().int().nullable(),
  note: z.string().nullable(),
  hourlyRateCents: z.number().int(),
  valueCents: z.number().int(),
  /** In a closed period: shown, not editable. */
  locked: z.boolean(),
  status: z.enum(ENTRY_STATUSES),
  /** Why the secretariat refused it. */
  reviewReason: z.string().nullable(),
  version: recordVersion,
});
export type Entry = z.infer<typeof entrySchema>;

export const entrySavedSchema = z.object({ entry: entrySchema, warnings: z.array(warningSchema) });

/** Which entries: every total of a summary carries the filter that lists its entries. */
export const entryFilterSchema = z.object({
  from: optionalDate,
  to: optionalDate,
  organisationId: id.optional(),
  personId: id.optional(),
  /** Entries with no person (time given by the organisation as a whole). */
  withoutPerson: z.boolean().optional(),
  categoryId: id.optional(),
  nature: z.enum(NATURES).optional(),
  meetingId: id.optional(),
});
export type EntryFilter = z.input<typeof entryFilterSchema>;

export const entryListQuerySchema = entryFilterSchema.extend({
  limit: z.number().int().min(1).max(500_000).optional(),
  offset: z.number().int().min(0).optional(),
});

export const totalsSchema = z.object({ count: z.number().int(), minutes: z.number().int(), valueCents: z.number().int() });
export type Totals = z.infer<typeof totalsSchema>;

export const entryListSchema = z.object({ items: z.array(entrySchema), totals: totalsSchema });

// ——— Month grid ———

export const gridQuerySchema = z.object({ organisationId: id, month: monthSchema, nature: z.enum(NATURES) });

export const gridRowSchema = z.object({
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  categoryId: z.number().int(),
  categoryName: z.string(),
});

export const gridSchema = z.object({
  organisationId: z.number().int(),
  organisationName: z.string(),
  month: z.string(),
  nature: z.enum(NATURES),
  /** Every entry of the month for this organisation and nature, as the grid's cells are built from them. */
  entries: z.array(
    z.object({
      id: z.number().int(),
      personId: z.number().int().nullable(),
      categoryId: z.number().int(),
      date: z.string(),
      minutes: z.number().int(),
      valueCents: z.number().int(),
      status: z.enum(ENTRY_STATUSES),
      reviewReason: z.string().nullable(),
      version: recordVersion,
    }),
  ),
  /** The secretariat validated this month for the organisation: a member organisation asks to change it. */
  monthValidated: z.boolean(),
  /** Change requests of this month still waiting for the secretariat. */
  openRequests: z.number().int(),
  rows: z.array(gridRowSchema),
  /** People affiliated to the organisation during the month, to add rows. */
  people: z.array(z.object({ id: z.number().int(), name: z.string() })),
  categories: z.array(categorySchema.pick({ id: true, code: true, name: true, position: true, active: true })),
  /** Days of the month in a closed period. */
  lockedDays: z.array(z.string()),
  etpHours: z.number().int(),
  /** Rate in force per person row on the first of the month, for the value shown as one types. */
  rates: z.array(z.object({ personId: z.number().int().nullable(), hourlyCents: z.number().int() })),
});
export type Grid = z.infer<typeof gridSchema>;

export const gridSaveSchema = z.object({
  organisationId: id,
  month: monthSchema,
  nature: z.enum(NATURES),
  rows: z
    .array(
      z.object({
        personId: nullableId,
        categoryId: id,
        cells: z.array(z.object({ from: isoDate, to: isoDate, minutes: z.number({ error: 'error.time.durationInvalid' }).int('error.time.durationInvalid').min(0, 'error.time.durationNegative') })),
      }),
    )
    .max(500),
  /**
   * The entries as the grid was opened (id and version): one changed or deleted since is not
   * overwritten. With its cell (person, category, day), an entry deleted since is not typed again
   * silently into the cell that showed it either.
   */
  opened: z
    .array(z.object({ id, version: z.number().int().min(1), personId: nullableId.optional(), categoryId: id.optional(), date: isoDate.optional() }))
    .max(50_000)
    .optional(),
});
export type GridSave = z.input<typeof gridSaveSchema>;

export const gridSaveResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  warnings: z.array(warningSchema),
});

// ——— Pledges ———

export const PLEDGE_UNITS = ['hours', 'etp'] as const;

export const pledgeInputSchema = z
  .object({
    id: id.optional(),
    version: openedVersion,
    organisationId: id,
    from: isoDate,
    to: isoDate,
    unit: z.enum(PLEDGE_UNITS),
    /** Hours (decimal allowed) or ETP, per `unit`. */
    amount: z.number({ error: 'error.number' }).positive('error.time.pledgePositive').max(100_000, 'error.tooLarge'),
    agreementReference: optionalText(200),
    agreementDate: optionalDate,
    note: optionalText(1000, { multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'error.endBeforeStart' });
    if (v.unit === 'etp' && v.amount > 100) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'error.tooLarge' });
  });

export const pledgeSchema = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  from: z.string(),
  to: z.string(),
  unit: z.enum(PLEDGE_UNITS),
  amount: z.number(),
  agreementReference: z.string().nullable(),
  agreementDate: z.string().nullable(),
  note: z.string().nullable(),
  /** The pledge in minutes (an ETP pledge converted over its period). */
  pledgedMinutes: z.number().int(),
  givenMinutes: z.number().int(),
  givenValueCents: z.number().int(),
  remainingMinutes: z.number().int(),
  /** Hours entered over the pledge that wait for validation (not counted as given). */
  pendingMinutes: z.number().int(),
  /** given ÷ pledged, 0.5 = half. */
  progress: z.number(),
  version: recordVersion,
});
export type Pledge = z.infer<typeof pledgeSchema>;

// ——— Summaries ———

export const summaryQuerySchema = entryFilterSchema
  .omit({ from: true, to: true })
  .extend({ from: isoDate, to: isoDate, by: z.enum(SUMMARY_GROUPS) })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'error.endBeforeStart' });
export type SummaryQuery = z.input<typeof summaryQuerySchema>;

export const summaryLineSchema = z.object({
  key: z.string(),
  label: z.string(),
  minutes: z.number().int(),
  count: z.number().int(),
  etp: z.number(),
  valueCents: z.number().int(),
  /** The entries behind this line. */
  filter: entryFilterSchema,
});
export type SummaryLine = z.infer<typeof summaryLineSchema>;

export const summarySchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(SUMMARY_GROUPS),
  etpHours: z.number().int(),
  months: z.number(),
  groups: z.array(summaryLineSchema),
  total: summaryLineSchema,
  /** Hours of the same entries still « à valider »: not in the totals. */
  pendingMinutes: z.number().int(),
});
export type Summary = z.infer<typeof summarySchema>;

// ——— Closed periods ———

export const closeInputSchema = z
  .object({ from: isoDate, to: isoDate, label: requiredText(200) })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'error.endBeforeStart' });

export const reopenInputSchema = z.object({ id, reason: checkedText('multiline', (s) => s.trim().min(3, 'error.time.reasonRequired').max(1000, 'error.tooLong')) });

export const closedPeriodSchema = z.object({
  id: z.number().int(),
  from: z.string(),
  to: z.string(),
  label: z.string(),
  closedAt: z.string(),
  closedBy: z.string(),
  reopenedAt: z.string().nullable(),
  entryCount: z.number().int(),
  minutes: z.number().int(),
  valueCents: z.number().int(),
});
export type ClosedPeriod = z.infer<typeof closedPeriodSchema>;

export const periodLogSchema = z.object({
  id: z.number().int(),
  periodId: z.number().int(),
  periodLabel: z.string(),
  action: z.enum(['close', 'reopen']),
  at: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
});
export type PeriodLogEntry = z.infer<typeof periodLogSchema>;

// ——— From a meeting ———

export const fromMeetingInputSchema = z.object({
  meetingId: id,
  travelMinutes: z.number().int().min(0, 'error.time.durationNegative').max(12 * 60, 'error.tooLarge').optional(),
  nature: z.enum(NATURES).optional(),
});

export const fromMeetingResultSchema = z.object({
  created: z.number().int(),
  /** People already counted for this meeting. */
  alreadyCounted: z.number().int(),
  /** Present people with no organisation on the meeting's date. */
  withoutOrganisation: z.array(z.string()),
  minutesEach: z.number().int(),
  warnings: z.array(warningSchema),
});

// ——— Documents ———

export const certificateQuerySchema = z
  .object({ organisationId: id, from: isoDate, to: isoDate })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'error.endBeforeStart' });

const amountLine = z.object({ label: z.string(), minutes: z.number().int(), valueCents: z.number().int() });

export const certificateDataSchema = z.object({
  letterhead: letterheadSchema,
  organisation: z.object({
    id: z.number().int(),
    name: z.string(),
    address: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    siret: z.string().nullable(),
  }),
  from: z.string(),
  to: z.string(),
  issuedOn: z.string(),
  etpHours: z.number().int(),
  byMonth: z.array(amountLine.extend({ month: z.string() })),
  byCategory: z.array(amountLine),
  byNature: z.array(amountLine.extend({ nature: z.enum(NATURES) })),
  people: z.array(amountLine),
  total: z.object({ minutes: z.number().int(), valueCents: z.number().int(), etp: z.number(), count: z.number().int() }),
  /** Distinct hourly rates applied, for the one-sentence valuation method. */
  rates: z.array(z.object({ hourlyCents: z.number().int(), minutes: z.number().int() })),
  /**
   * The pledge that covers the period, and what it asked for the period itself: the pledged hours pro
   * rata of the months they share (`expectedMinutes`), against the hours of secondment given then
   * (`secondedMinutes`); volunteering is not what a pledge of mise à disposition promises.
   */
  pledge: z
    .object({
      from: z.string(),
      to: z.string(),
      pledgedMinutes: z.number().int(),
      agreementReference: z.string().nullable(),
      agreementDate: z.string().nullable(),
      overlapFrom: z.string(),
      overlapTo: z.string(),
      expectedMinutes: z.number().int(),
      secondedMinutes: z.number().int(),
    })
    .nullable(),
  association: z.object({ signatory: z.string().nullable(), signatoryRole: z.string().nullable() }),
  organisationSignatory: z.string().nullable(),
  /** Hours of the period still « à valider »: counted nowhere above, said beside the total. */
  pendingMinutes: z.number().int().optional(),
});
export type CertificateData = z.infer<typeof certificateDataSchema>;

export const networkSummaryDataSchema = z.object({
  letterhead: letterheadSchema,
  from: z.string(),
  to: z.string(),
  etpHours: z.number().int(),
  categories: z.array(z.object({ id: z.number().int(), name: z.string() })),
  organisations: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      /** Minutes per category id, in the order of `categories`. */
      minutesByCategory: z.array(z.number().int()),
      minutes: z.number().int(),
      valueCents: z.number().int(),
      etp: z.number(),
    }),
  ),
  total: z.object({ minutes: z.number().int(), valueCents: z.number().int(), etp: z.number(), minutesByCategory: z.array(z.number().int()) }),
  /** Hours of the period still « à valider »: not in the totals. */
  pendingMinutes: z.number().int().optional(),
});
export type NetworkSummaryData = z.infer<typeof networkSummaryDataSchema>;

export const periodQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'error.endBeforeStart' });
