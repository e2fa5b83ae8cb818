import type { Kysely } from 'kysely';
import type { DB } from '../store/schema';

export type Runtime = 'electron' | 'web' | 'cli' | 'test';

/** What every service gets: the database and a clock (tests pin the date). */
export interface ServiceContext {
  db: Kysely<DB>;
  now: () => Date;
  runtime: Runtime;
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}

export function today(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}
