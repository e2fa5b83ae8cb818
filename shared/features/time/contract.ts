import { z } from 'zod';
import { method } from '../../api/method';
import { byIdAt, id, openedVersion } from '../../validation/fields';
import {
  categoryInputSchema,
  categorySchema,
  categoryUpdateSchema,
  certificateDataSchema,
  certificateQuerySchema,
  closedPeriodSchema,
  closeInputSchema,
  entryInputSchema,
  entryListQuerySchema,
  entryListSchema,
  entrySavedSchema,
  entrySchema,
  fromMeetingInputSchema,
  fromMeetingResultSchema,
  gridQuerySchema,
  gridSaveResultSchema,
  gridSaveSchema,
  gridSchema,
  networkSummaryDataSchema,
  periodLogSchema,
  periodQuerySchema,
  pledgeInputSchema,
  pledgeSchema,
  rateInputSchema,
  rateSchema,
  rateWriteResultSchema,
  reopenInputSchema,
  summaryQuerySchema,
  summarySchema,
} from './schemas';

const byId = z.object({ id });
const removed = z.object({ removed: z.boolean() });

/** The time methods of the API (see shared/api/contract.ts). */
export const timeContract = {
  'time.categories.list': method(z.object({ includeInactive: z.boolean().optional(), withCounts: z.boolean().optional() }), z.object({ items: z.array(categorySchema) })),
  'time.categories.create': method(categoryInputSchema, categorySchema),
  'time.categories.update': method(categoryUpdateSchema, categorySchema),
  /** Only a category that no entry uses; a used one is deactivated instead. */
  'time.categories.delete': method(byIdAt, removed),

  'time.rates.list': method(z.object({}), z.object({ items: z.array(rateSchema), settingsDefaultCents: z.number().int() })),
  /** Creates or updates a dated rate and revalues the entries it now applies to. */
  'time.rates.save': method(rateInputSchema, rateWriteResultSchema),
  'time.rates.delete': method(byIdAt, rateWriteResultSchema),

  'time.entries.list': method(entryListQuerySchema, entryListSchema),
  'time.entries.get': method(byId, entrySchema),
  'time.entries.create': method(entryInputSchema, entrySavedSchema),
  'time.entries.update': method(entryInputSchema.extend({ id, version: openedVersion }), entrySavedSchema),
  'time.entries.delete': method(byIdAt, removed),

  'time.grid.get': method(gridQuerySchema, gridSchema),
  /** Writes the whole month grid in one transaction, diffed against the entries it shows. */
  'time.grid.save': method(gridSaveSchema, gridSaveResultSchema),

  'time.summary': method(summaryQuerySchema, summarySchema),

  'time.pledges.list': method(z.object({ organisationId: id.optional() }), z.object({ items: z.array(pledgeSchema) })),
  'time.pledges.save': method(pledgeInputSchema, pledgeSchema),
  'time.pledges.delete': method(byIdAt, removed),

  'time.periods.list': method(z.object({}), z.object({ items: z.array(closedPeriodSchema), log: z.array(periodLogSchema) })),
  'time.periods.close': method(closeInputSchema, closedPeriodSchema),
  'time.periods.reopen': method(reopenInputSchema, closedPeriodSchema),

  /** One entry per person present at a held meeting; doing it twice counts nobody twice. */
  'time.fromMeeting': method(fromMeetingInputSchema, fromMeetingResultSchema),

  'time.certificate': method(certificateQuerySchema, certificateDataSchema),
  'time.networkSummary': method(periodQuerySchema, networkSummaryDataSchema),
};
