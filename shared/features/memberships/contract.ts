import { feeCallsQuerySchema, feeCallsSchema, receiptQuerySchema, receiptSchema, receiptsSchema } from './documents';
import { z } from 'zod';
import { method } from '../../api/method';
import { byIdAt, year } from '../../validation/fields';
import { membershipInputSchema, membershipSchema, membershipYearSchema, renewResultSchema } from './schemas';

export const membershipsContract = {
  'memberships.year': method(z.object({ year: year.optional() }), membershipYearSchema),
  'memberships.save': method(membershipInputSchema, membershipSchema),
  'memberships.delete': method(byIdAt, z.object({ removed: z.boolean() })),
  /** Every active member of `fromYear` gets a membership for the next year, fee as this year, unpaid. */
  'memberships.renew': method(z.object({ fromYear: year }), renewResultSchema),
  /** The fee calls of a year: one per membership that still owes part of its fee. */
  'memberships.documents.calls': method(feeCallsQuerySchema, feeCallsSchema),
  /** The receipt of a paid fee; numbered (without gaps per year) the first time, the same afterwards. */
  'memberships.documents.receipt': method(receiptQuerySchema, receiptSchema),
  /** The receipts of every paid fee of a year, the missing ones numbered in one transaction. */
  'memberships.documents.receipts': method(feeCallsQuerySchema, receiptsSchema),
};
