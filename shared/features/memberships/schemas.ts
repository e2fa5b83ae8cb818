import { z } from 'zod';
import { cents, id, openedVersion, optionalDate, optionalText, recordVersion, year } from '../../validation/fields';

export const PAYMENT_METHODS = ['transfer', 'cheque', 'cash', 'card', 'direct_debit', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const membershipInputSchema = z
  .object({
    id: id.optional(),
    version: openedVersion,
    organisationId: id,
    year,
    feeDueCents: cents,
    amountPaidCents: cents,
    paidOn: optionalDate,
    paymentMethod: z.enum(PAYMENT_METHODS).nullish().transform((v) => v ?? null),
    votingPersonId: id.nullish().transform((v) => v ?? null),
    startDate: optionalDate,
    exitDate: optionalDate,
    exitReason: optionalText(500, { multiline: true }),
    note: optionalText(2000, { multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (v.exitDate && v.startDate && v.exitDate < v.startDate)
      ctx.addIssue({ code: 'custom', path: ['exitDate'], message: 'error.exitBeforeStart' });
    if (v.amountPaidCents > 0 && !v.paidOn) ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'error.paidOnRequired' });
    if (v.exitDate && !v.exitReason) ctx.addIssue({ code: 'custom', path: ['exitReason'], message: 'error.exitReasonRequired' });
  });
export type MembershipInput = z.input<typeof membershipInputSchema>;

export const membershipSchema = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  year: z.number().int(),
  feeDueCents: z.number().int(),
  amountPaidCents: z.number().int(),
  paidOn: z.string().nullable(),
  paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
  votingPersonId: z.number().int().nullable(),
  startDate: z.string().nullable(),
  exitDate: z.string().nullable(),
  exitReason: z.string().nullable(),
  note: z.string().nullable(),
  organisationName: z.string(),
  votingPersonName: z.string().nullable(),
  version: recordVersion,
});
export type Membership = z.infer<typeof membershipSchema>;

export const membershipYearSchema = z.object({
  year: z.number().int(),
  items: z.array(membershipSchema),
  totals: z.object({
    count: z.number().int(),
    paidCount: z.number().int(),
    unpaidCount: z.number().int(),
    feeDueCents: z.number().int(),
    amountPaidCents: z.number().int(),
    outstandingCents: z.number().int(),
  }),
  /** Years that hold at least one membership, newest first, for the year picker. */
  years: z.array(z.number().int()),
});
export type MembershipYear = z.infer<typeof membershipYearSchema>;

export const renewResultSchema = z.object({ created: z.number().int(), skipped: z.number().int(), year: z.number().int() });
