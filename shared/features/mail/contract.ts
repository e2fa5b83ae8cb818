import { z } from 'zod';
import { method } from '../../api/method';
import {
  WORDING_KINDS,
  mailPreviewSchema,
  mailRecordSchema,
  mailRequestSchema,
  mailSettingsSchema,
  mailSettingsViewSchema,
  passwordInputSchema,
  recordsQuerySchema,
  refusalSchema,
  sendInputSchema,
  sendSummarySchema,
  testInputSchema,
  testResultSchema,
  wordingInputSchema,
  wordingSchema,
} from './schemas';

/** Mail: settings, wordings, preview then send, the record. Preview never sends; send repeats the preview's choices. */
export const mailContract = {
  'mail.settings.get': method(z.object({}), mailSettingsViewSchema),
  'mail.settings.update': method(mailSettingsSchema, mailSettingsViewSchema),
  'mail.settings.setPassword': method(passwordInputSchema, mailSettingsViewSchema),
  'mail.test': method(testInputSchema, testResultSchema),
  'mail.wordings.list': method(z.object({}), z.object({ items: z.array(wordingSchema) })),
  'mail.wordings.update': method(wordingInputSchema, wordingSchema),
  'mail.wordings.reset': method(z.object({ kind: z.enum(WORDING_KINDS) }), wordingSchema),
  'mail.preview': method(mailRequestSchema, mailPreviewSchema),
  'mail.send': method(sendInputSchema, sendSummarySchema),
  'mail.records': method(recordsQuerySchema, z.object({ items: z.array(mailRecordSchema) })),
  'mail.refusal.get': method(z.object({ personId: refusalSchema.shape.personId }), refusalSchema),
  'mail.refusal.set': method(refusalSchema, refusalSchema),
};
