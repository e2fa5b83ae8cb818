import { z } from 'zod';
import { method } from '../../api/method';
import { settingsSchema } from './schemas';

export const settingsContract = {
  'settings.get': method(z.object({}), settingsSchema),
  'settings.update': method(settingsSchema, settingsSchema),
};
