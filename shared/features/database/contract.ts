import { z } from 'zod';
import { method } from '../../api/method';
import { checkedText } from '../../validation/fields';

/** Which base the desktop opens: its SQLite file, or a shared PostgreSQL base (electron/database-location.ts). */
export const databaseLocationSchema = z.object({
  /** False outside the desktop app: the CLI and web mode are told their base by --db. */
  available: z.boolean(),
  kind: z.enum(['sqlite', 'postgres']),
  /** The saved PostgreSQL address, never with its password. */
  url: z.string().nullable(),
  /** A password is kept for it, encrypted by the system keychain. */
  hasPassword: z.boolean(),
  /** The base open now (a file, or a URL without its password). */
  current: z.string(),
  /** The saved choice is not the open base: it takes effect at the next start. */
  restartNeeded: z.boolean(),
});
export type DatabaseLocationView = z.infer<typeof databaseLocationSchema>;

export const databaseLocationInputSchema = z.object({
  kind: z.enum(['sqlite', 'postgres']),
  url: checkedText('line', (s) => s.trim().max(2000, 'error.tooLong')).optional(),
  /** A new password; null forgets the kept one; absent or empty keeps it. */
  password: checkedText('line', (s) => s.max(1000, 'error.tooLong')).nullable().optional(),
});

export const databaseContract = {
  'database.location.get': method(z.object({}), databaseLocationSchema),
  'database.location.save': method(databaseLocationInputSchema, databaseLocationSchema),
};
