import { z } from 'zod';
import { method } from '../../api/method';
import { checkedText, id } from '../../validation/fields';
import { ENTRY_STATUSES, gridSaveSchema, monthSchema, NATURES } from './schemas';

/**
 * Validation of the hours a member organisation enters itself (issue 14): what waits « à valider »,
 * the secretariat's decisions (a month at once, or line by line with a reason), and the requests
 * to change a month already validated.
 */

const reason = checkedText('multiline', (s) => s.trim().min(3, 'error.timeValidation.reasonRequired').max(1000, 'error.tooLong'));

export const CHANGE_REQUEST_STATUSES = ['pending', 'accepted', 'refused'] as const;

export const reviewLineSchema = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  date: z.string(),
  minutes: z.number().int(),
  categoryName: z.string(),
  nature: z.enum(NATURES),
  status: z.enum(ENTRY_STATUSES),
  reviewReason: z.string().nullable(),
});
export type ReviewLine = z.infer<typeof reviewLineSchema>;

/** One cell a change request would write: the minutes asked for, and what the cell held when asked. */
export const requestedCellSchema = z.object({
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  categoryId: z.number().int(),
  categoryName: z.string(),
  from: z.string(),
  to: z.string(),
  minutes: z.number().int(),
  beforeMinutes: z.number().int(),
});
export type RequestedCell = z.infer<typeof requestedCellSchema>;

export const changeRequestSchema = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  month: z.string(),
  nature: z.enum(NATURES),
  changes: z.array(requestedCellSchema),
  reason: z.string(),
  status: z.enum(CHANGE_REQUEST_STATUSES),
  requestedAt: z.string(),
  requestedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const reviewQuerySchema = z.object({
  organisationId: id.optional(),
  month: monthSchema.optional(),
});

export const reviewListSchema = z.object({
  /** Lines « à valider » and refused ones (a refused line stays visible with its reason). */
  lines: z.array(reviewLineSchema),
  requests: z.array(changeRequestSchema),
  pendingMinutes: z.number().int(),
  refusedMinutes: z.number().int(),
  /** The months validated for the organisation asked about (all organisations' when none is). */
  validatedMonths: z.array(z.object({ organisationId: z.number().int(), month: z.string(), validatedAt: z.string(), validatedBy: z.string() })),
});
export type ReviewList = z.infer<typeof reviewListSchema>;

export const reviewLinesInputSchema = z
  .object({
    ids: z.array(id).min(1, 'error.timeValidation.noLine').max(2000),
    decision: z.enum(['validate', 'refuse']),
    reason: reason.optional(),
  })
  .refine((v) => v.decision === 'validate' || v.reason !== undefined, { path: ['reason'], message: 'error.timeValidation.reasonRequired' });

export const changeRequestInputSchema = gridSaveSchema.extend({ reason });

/** Per organisation: its month entered, validated, waiting; its observatory figures of the year. */
export const overviewLineSchema = z.object({
  organisationId: z.number().int(),
  organisationName: z.string(),
  enteredMinutes: z.number().int(),
  validatedMinutes: z.number().int(),
  pendingMinutes: z.number().int(),
  refusedMinutes: z.number().int(),
  monthValidated: z.boolean(),
  openRequests: z.number().int(),
  /** Indicators of the year with a value, out of `indicatorCount`. */
  figuresReceived: z.number().int(),
  indicatorCount: z.number().int(),
});
export type OverviewLine = z.infer<typeof overviewLineSchema>;

export const overviewSchema = z.object({ month: z.string(), year: z.number().int(), lines: z.array(overviewLineSchema) });
export type Overview = z.infer<typeof overviewSchema>;

/** What a reminder says and to whom; the mail feature sends it (nothing is sent here). */
export const reminderSchema = z.object({
  organisationId: z.number().int(),
  organisationName: z.string(),
  month: z.string(),
  recipients: z.array(z.object({ name: z.string(), email: z.string() })),
  subject: z.string(),
  text: z.string(),
});
export type Reminder = z.infer<typeof reminderSchema>;

const byMonthAndOrganisation = z.object({ organisationId: id, month: monthSchema });

export const timeValidationContract = {
  'time.validation.list': method(reviewQuerySchema, reviewListSchema),
  /** Validates every line « à valider » of the organisation's month and records the month as validated. */
  'time.validation.validateMonth': method(byMonthAndOrganisation, z.object({ validated: z.number().int() })),
  /** Line by line: validate, or refuse with a reason the structure sees. */
  'time.validation.reviewLines': method(reviewLinesInputSchema, z.object({ validated: z.number().int(), refused: z.number().int() })),
  /** A member organisation asks to change a validated month: the cells it would write, and why. */
  'time.validation.requestChange': method(changeRequestInputSchema, changeRequestSchema),
  /** The secretariat accepts: the cells are written (validated) in the same transaction. */
  'time.validation.acceptRequest': method(z.object({ id }), changeRequestSchema),
  'time.validation.refuseRequest': method(z.object({ id, reason }), changeRequestSchema),
  'time.validation.overview': method(z.object({ month: monthSchema, year: z.number().int().min(1900).max(2200) }), overviewSchema),
  /** The reminder to send to an organisation that has not entered its month (the mail issue sends it). */
  'time.validation.reminder': method(byMonthAndOrganisation, reminderSchema),
};
