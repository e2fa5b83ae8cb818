import { CIVILITIES } from '../people/schemas';
import { z } from 'zod';
import { pageFields } from '../../api/paging';
import { formatText, id, isoDate, openedVersion, optionalDate, optionalText, recordVersion, requiredText, searchText, year } from '../../validation/fields';
import { MEETING_KINDS, QUORUM_BASES } from './kinds';

export const MEETING_STATUSES = ['draft', 'finalized', 'approved'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const CONVENING_MEANS = ['email', 'post', 'email_and_post', 'hand', 'other'] as const;
export type ConveningMeans = (typeof CONVENING_MEANS)[number];

export const ATTENDANCE_STATUSES = ['pending', 'present', 'excused', 'absent', 'represented'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const VOTE_MODES = ['vote', 'consensus'] as const;
export type VoteMode = (typeof VOTE_MODES)[number];

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const FOLLOW_UP_OUTCOMES = ['done', 'carried_over', 'dropped'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const blank = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

/** 'HH:MM', or null. */
export const optionalTime = formatText(
  z
    .string()
    .nullish()
    .transform(blank)
    .refine((v) => v === null || TIME.test(v), 'error.meetings.time'),
);

const nullableId = id.nullish().transform((v) => v ?? null);
const count = z.number({ error: 'error.integer' }).int('error.integer').min(0, 'error.meetings.negative').max(100_000, 'error.tooLarge');

// ——— Kinds ———

export const kindSettingsSchema = z.object({
  kind: z.enum(MEETING_KINDS),
  quorumBase: z.enum(QUORUM_BASES),
  quorumPercent: z.number({ error: 'error.integer' }).int('error.integer').min(1, 'error.meetings.percent').max(100, 'error.meetings.percent'),
  proxiesPerHolder: z.number({ error: 'error.integer' }).int('error.integer').min(0, 'error.meetings.negative').max(20, 'error.tooLarge'),
});
export type KindSettingsInput = z.input<typeof kindSettingsSchema>;

export const kindSettingsRecordSchema = kindSettingsSchema.extend({ isDefault: z.boolean() });
export type KindSettingsRecord = z.infer<typeof kindSettingsRecordSchema>;

// ——— Meetings ———

const meetingFields = z.object({
  kind: z.enum(MEETING_KINDS),
  title: requiredText(200),
  date: isoDate,
  startTime: optionalTime,
  endTime: optionalTime,
  hostOrganisationId: nullableId,
  address: optionalText(300, { multiline: true }),
  convenedOn: optionalDate,
  convenedByPersonId: nullableId,
  convenedHow: z.enum(CONVENING_MEANS).nullish().transform((v) => v ?? null),
  chairPersonId: nullableId,
  secretaryPersonId: nullableId,
  note: optionalText(4000, { multiline: true }),
});
const meetingRules = (v: z.output<typeof meetingFields>, ctx: z.RefinementCtx) => {
  if (v.startTime && v.endTime && v.endTime <= v.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'error.meetings.endBeforeStart' });
  if (v.convenedOn && v.convenedOn > v.date) ctx.addIssue({ code: 'custom', path: ['convenedOn'], message: 'error.meetings.convenedAfterMeeting' });
};
export const meetingInputSchema = meetingFields.superRefine(meetingRules);
export type MeetingInput = z.input<typeof meetingInputSchema>;
export type MeetingValues = z.output<typeof meetingInputSchema>;

export const meetingUpdateSchema = meetingFields.extend({ id, version: openedVersion }).superRefine(meetingRules);

export const approvalSchema = z.object({
  approvedByMeetingId: z.number().int(),
  approvedByTitle: z.string(),
  approvedByDate: z.string(),
  approvedOn: z.string(),
});

export const meetingSchema = z.object({
  id: z.number().int(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  hostOrganisationId: z.number().int().nullable(),
  hostOrganisationName: z.string().nullable(),
  address: z.string().nullable(),
  /** The address to print: the one typed, or the host organisation's. */
  placeAddress: z.string().nullable(),
  convenedOn: z.string().nullable(),
  convenedByPersonId: z.number().int().nullable(),
  convenedByName: z.string().nullable(),
  convenedByEmail: z.string().nullable(),
  convenedHow: z.enum(CONVENING_MEANS).nullable(),
  chairPersonId: z.number().int().nullable(),
  chairName: z.string().nullable(),
  chairCivility: z.enum(CIVILITIES).nullable().default(null),
  secretaryPersonId: z.number().int().nullable(),
  secretaryName: z.string().nullable(),
  secretaryCivility: z.enum(CIVILITIES).nullable().default(null),
  status: z.enum(MEETING_STATUSES),
  finalizedAt: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  approval: approvalSchema.nullable(),
  version: recordVersion,
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingListQuerySchema = z.object({
  kind: z.enum(MEETING_KINDS).optional(),
  year: year.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  /** Series by series (in the order of MEETING_KINDS), newest first within each; otherwise newest first. */
  bySeries: z.boolean().optional(),
  ...pageFields,
});

export const meetingListItemSchema = meetingSchema
  .pick({ id: true, kind: true, title: true, date: true, startTime: true, endTime: true, status: true, hostOrganisationName: true, placeAddress: true })
  .extend({
    attendees: z.number().int(),
    decisions: z.number().int(),
    approvedOn: z.string().nullable(),
  });
export type MeetingListItem = z.infer<typeof meetingListItemSchema>;

export const meetingListSchema = z.object({
  items: z.array(meetingListItemSchema),
  total: z.number().int(),
  years: z.array(z.number().int()),
});

// ——— Attendance ———

export const attendeeInputSchema = z.object({
  meetingId: id,
  personId: id,
  organisationId: nullableId,
  capacity: optionalText(200),
  invited: z.boolean(),
  voting: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES).optional(),
});

export const attendanceUpdateSchema = z.object({
  id,
  version: openedVersion,
  status: z.enum(ATTENDANCE_STATUSES),
  proxyHolderPersonId: nullableId,
  organisationId: nullableId,
  capacity: optionalText(200),
  voting: z.boolean(),
});
export type AttendanceUpdate = z.input<typeof attendanceUpdateSchema>;

export const attendanceSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  /** "DUPONT Marie", for sorting and sheets. */
  sortName: z.string(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  capacity: z.string().nullable(),
  invited: z.boolean(),
  voting: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES),
  proxyHolderPersonId: z.number().int().nullable(),
  proxyHolderName: z.string().nullable(),
  version: recordVersion,
});
export type Attendance = z.infer<typeof attendanceSchema>;

// ——— Agenda ———

export const plannedMinutes = z
  .number({ error: 'error.integer' })
  .int('error.integer')
  .min(1, 'error.meetings.minutes')
  .max(24 * 60, 'error.meetings.minutes')
  .nullish()
  .transform((v) => v ?? null);

export const agendaItemInputSchema = z.object({
  meetingId: id,
  title: requiredText(300),
  presenterPersonId: nullableId,
  plannedMinutes,
});
export const agendaItemUpdateSchema = z.object({
  id,
  version: openedVersion,
  title: requiredText(300),
  presenterPersonId: nullableId,
  plannedMinutes,
});
export const discussionInputSchema = z.object({ id, version: openedVersion, discussion: optionalText(100_000, { multiline: true }) });
export const reorderInputSchema = z.object({ meetingId: id, itemIds: z.array(id).min(1).max(500) });

export const decisionSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  agendaItemId: z.number().int(),
  year: z.number().int(),
  number: z.number().int(),
  /** "2026-07". */
  reference: z.string(),
  text: z.string(),
  voteMode: z.enum(VOTE_MODES),
  votesFor: z.number().int().nullable(),
  votesAgainst: z.number().int().nullable(),
  votesAbstain: z.number().int().nullable(),
  /** Consensus, or more votes for than against. */
  adopted: z.boolean(),
  version: recordVersion,
});
export type Decision = z.infer<typeof decisionSchema>;

const voteFields = {
  voteMode: z.enum(VOTE_MODES),
  votesFor: count.nullish().transform((v) => v ?? null),
  votesAgainst: count.nullish().transform((v) => v ?? null),
  votesAbstain: count.nullish().transform((v) => v ?? null),
};
const decisionFields = { text: requiredText(10_000, { multiline: true }), ...voteFields };
const votesGiven = (v: { voteMode: VoteMode; votesFor: number | null; votesAgainst: number | null; votesAbstain: number | null }, ctx: z.RefinementCtx) => {
  if (v.voteMode !== 'vote') return;
  if (v.votesFor === null) ctx.addIssue({ code: 'custom', path: ['votesFor'], message: 'error.meetings.votesRequired' });
};
/** The fields of a decision as a form holds them. */
export const decisionFieldsSchema = z.object(decisionFields).superRefine(votesGiven);
export const decisionInputSchema = z.object({ agendaItemId: id, ...decisionFields }).superRefine(votesGiven);
/** `agendaItemId` moves the decision to another point of the same meeting; its number stays. */
export const decisionUpdateSchema = z.object({ id, version: openedVersion, agendaItemId: id.optional(), ...decisionFields }).superRefine(votesGiven);
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const actionSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  agendaItemId: z.number().int().nullable(),
  text: z.string(),
  ownerPersonId: z.number().int().nullable(),
  ownerPersonName: z.string().nullable(),
  ownerOrganisationId: z.number().int().nullable(),
  ownerOrganisationName: z.string().nullable(),
  /** "Marie Dupont (La Trocante)", "La Trocante" or "Marie Dupont". */
  ownerLabel: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  version: recordVersion,
});
export type ActionItem = z.infer<typeof actionSchema>;

const actionFields = {
  text: requiredText(2000, { multiline: true }),
  ownerPersonId: nullableId,
  ownerOrganisationId: nullableId,
  dueDate: optionalDate,
  status: z.enum(ACTION_STATUSES).optional().transform((v) => v ?? 'open'),
};
const ownerGiven = (v: { ownerPersonId: number | null; ownerOrganisationId: number | null }, ctx: z.RefinementCtx) => {
  if (v.ownerPersonId === null && v.ownerOrganisationId === null) ctx.addIssue({ code: 'custom', path: ['ownerPersonId'], message: 'error.meetings.ownerRequired' });
};
export const actionFieldsSchema = z.object(actionFields).superRefine(ownerGiven);
export const actionInputSchema = z.object({ meetingId: id, agendaItemId: nullableId, ...actionFields }).superRefine(ownerGiven);
export const actionUpdateSchema = z.object({ id, version: openedVersion, agendaItemId: nullableId, ...actionFields }).superRefine(ownerGiven);
export type ActionInput = z.input<typeof actionInputSchema>;

export const agendaItemSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  presenterPersonId: z.number().int().nullable(),
  presenterName: z.string().nullable(),
  plannedMinutes: z.number().int().nullable(),
  discussion: z.string().nullable(),
  approvesMeeting: z
    .object({
      id: z.number().int(),
      title: z.string(),
      date: z.string(),
      status: z.enum(MEETING_STATUSES),
      approvedHere: z.boolean(),
      /** How this meeting voted the approval; null when not approved here, or recorded before votes were kept. */
      vote: z.lazy(() => approvalVoteSchema).nullable().default(null),
    })
    .nullable(),
  decisions: z.array(decisionSchema),
  actions: z.array(actionSchema),
  version: recordVersion,
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

// ——— Follow-up of earlier actions ———

export const followUpInputSchema = z.object({
  meetingId: id,
  actionId: id,
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  newDueDate: optionalDate,
  note: optionalText(1000, { multiline: true }),
});
export const followUpClearSchema = z.object({ meetingId: id, actionId: id });

export const followUpItemSchema = z.object({
  action: actionSchema,
  fromMeetingId: z.number().int(),
  fromMeetingTitle: z.string(),
  fromMeetingDate: z.string(),
  /** The due date after earlier carry-overs. */
  dueDate: z.string().nullable(),
  /** What this meeting recorded, or null when not yet. */
  outcome: z.enum(FOLLOW_UP_OUTCOMES).nullable(),
  newDueDate: z.string().nullable(),
  note: z.string().nullable(),
});
export type FollowUpItem = z.infer<typeof followUpItemSchema>;

// ——— Quorum, detail ———

export const quorumSchema = z.object({
  base: z.enum(QUORUM_BASES),
  percent: z.number().int(),
  total: z.number().int(),
  counted: z.number().int(),
  needed: z.number().int(),
  reached: z.boolean().nullable(),
});

export const meetingRefSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  hostOrganisationName: z.string().nullable(),
  placeAddress: z.string().nullable(),
});
export type MeetingRef = z.infer<typeof meetingRefSchema>;

export const erratumSchema = z.object({ id: z.number().int(), date: z.string(), text: z.string(), createdAt: z.string() });

export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  kindSettings: kindSettingsRecordSchema,
  attendances: z.array(attendanceSchema),
  quorum: quorumSchema,
  voters: z.number().int(),
  agenda: z.array(agendaItemSchema),
  followUps: z.array(followUpItemSchema),
  /** Earlier minutes approved at this meeting. */
  approvals: z.array(meetingRefSchema),
  errata: z.array(erratumSchema),
  previous: meetingRefSchema.nullable(),
  next: meetingRefSchema.nullable(),
  /** Earlier meetings of the series whose minutes are not approved and have no approval item here. */
  pendingApprovals: z.array(meetingRefSchema),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

// ——— Life cycle ———

/** The approving meeting votes on the minutes like on a decision; consensus when not said. */
export const approveInputSchema = z
  .object({ meetingId: id, approvedByMeetingId: id, ...voteFields, voteMode: z.enum(VOTE_MODES).default('consensus') })
  .superRefine(votesGiven);
export const approvalVoteSchema = z.object({
  voteMode: z.enum(VOTE_MODES),
  votesFor: z.number().int().nullable(),
  votesAgainst: z.number().int().nullable(),
  votesAbstain: z.number().int().nullable(),
});
export type ApprovalVote = z.infer<typeof approvalVoteSchema>;
export const erratumInputSchema = z.object({ meetingId: id, date: isoDate, text: requiredText(4000, { multiline: true }) });

// ——— Register and open actions ———

export const decisionRegisterQuerySchema = z.object({
  search: searchText(200),
  year: year.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
  offset: z.number().int().min(0).optional(),
});
export const registerItemSchema = decisionSchema.extend({
  meetingTitle: z.string(),
  meetingDate: z.string(),
  meetingKind: z.enum(MEETING_KINDS),
  meetingStatus: z.enum(MEETING_STATUSES),
  itemTitle: z.string(),
});
export type RegisterItem = z.infer<typeof registerItemSchema>;
export const decisionRegisterSchema = z.object({
  items: z.array(registerItemSchema),
  total: z.number().int(),
  years: z.array(z.number().int()),
});

export const openActionsQuerySchema = z.object({
  ownerPersonId: id.optional(),
  ownerOrganisationId: id.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  /** The owner as the list names them (« Hélène Martin », « Ressourcerie de Tulle »). */
  ownerLabel: searchText(300),
  ...pageFields,
});
export const openActionSchema = actionSchema.extend({
  meetingTitle: z.string(),
  meetingDate: z.string(),
  meetingKind: z.enum(MEETING_KINDS),
  /** After carry-overs. */
  currentDueDate: z.string().nullable(),
  overdue: z.boolean(),
  carriedOver: z.number().int(),
});
export type OpenAction = z.infer<typeof openActionSchema>;
export const openActionsSchema = z.object({
  items: z.array(openActionSchema),
  today: z.string(),
  /** Over every page: the open actions, the overdue ones, and the owners to filter on. */
  total: z.number().int().optional(),
  overdue: z.number().int().optional(),
  owners: z.array(z.string()).optional(),
});
