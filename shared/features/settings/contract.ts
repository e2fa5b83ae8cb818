import { z } from 'zod';
import { method } from '../../api/method';
import { settingsSchema } from './schemas';

/** The version of the settings as read (0 while they were never saved); a save naming an older one is refused. */
const settingsRecordSchema = settingsSchema.extend({ version: z.number().int().min(0) });

export const settingsContract = {
  'settings.get': method(z.object({}), settingsRecordSchema),
  'settings.update': method(settingsSchema.extend({ version: z.number().int().min(0).optional() }), settingsRecordSchema),
};
