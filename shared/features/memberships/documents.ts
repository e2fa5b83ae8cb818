import { CIVILITIES } from '../people/schemas';
import { z } from 'zod';
import { id, year } from '../../validation/fields';
import { letterheadSchema } from '../meetings/documents';
import { PAYMENT_METHODS } from './schemas';

/** Data of the membership documents: the fee call of a year and the receipt of a paid fee. */

const organisationSchema = z.object({ id: z.number().int(), name: z.string(), address: z.string().nullable(), postcode: z.string().nullable(), city: z.string().nullable() });
const signerSchema = z.object({ office: z.enum(['president', 'treasurer']), name: z.string(), civility: z.enum(CIVILITIES).nullable().default(null) }).nullable();

export const feeCallSchema = z.object({
  membershipId: z.number().int(),
  organisation: organisationSchema,
  feeDueCents: z.number().int(),
  amountPaidCents: z.number().int(),
  outstandingCents: z.number().int(),
});
export type FeeCall = z.infer<typeof feeCallSchema>;

/** One call per membership of the year that still owes something. */
export const feeCallsSchema = z.object({ year: z.number().int(), issuedOn: z.string(), letterhead: letterheadSchema, signer: signerSchema, items: z.array(feeCallSchema) });
export type FeeCalls = z.infer<typeof feeCallsSchema>;

export const receiptSchema = z.object({
  membershipId: z.number().int(),
  year: z.number().int(),
  number: z.number().int(),
  /** `2026-007`: the year and the number without gaps within it. */
  reference: z.string(),
  issuedOn: z.string(),
  amountCents: z.number().int(),
  paidOn: z.string(),
  paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
  organisation: organisationSchema,
  letterhead: letterheadSchema,
  signer: signerSchema,
});
export type Receipt = z.infer<typeof receiptSchema>;

export const feeCallsQuerySchema = z.object({ year });
export const receiptQuerySchema = z.object({ id });
export const receiptsSchema = z.object({ year: z.number().int(), items: z.array(receiptSchema) });
