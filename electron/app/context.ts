import type { Kysely } from 'kysely';
import { DEFAULT_TIME_ZONE, localDay } from '../../shared/format/day';
import type { Actor } from '../../shared/api/roles';
import type { DB } from '../store/schema';

export type Runtime = 'electron' | 'web' | 'cli' | 'test' | 'server';

/** What every service gets: the database and a clock (tests pin the date). */
export interface ServiceContext {
  db: Kysely<DB>;
  now: () => Date;
  runtime: Runtime;
  /** The zone « today » is taken in: Europe/Paris unless told (Electron passes the machine's). */
  timeZone?: string;
  /** Who is calling; absent means the person at this machine (desktop, web mode, CLI), with every right. */
  caller?: Actor;
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}

/** The user's local day (`YYYY-MM-DD`), never the UTC date. */
export function today(ctx: Pick<ServiceContext, 'now' | 'timeZone'>): string {
  return localDay(ctx.now(), ctx.timeZone ?? DEFAULT_TIME_ZONE);
}

/** The year of `today`: the default year of the yearly screens and exports. */
export function currentYear(ctx: Pick<ServiceContext, 'now' | 'timeZone'>): number {
  return Number(today(ctx).slice(0, 4));
}

/** The user's local day of a stored timestamp (`created_at` and the like are UTC instants). */
export function dayOfTimestamp(ctx: Pick<ServiceContext, 'timeZone'>, timestamp: string): string {
  const instant = new Date(timestamp);
  // A value that is not an instant (a bare date from an old import) keeps its own day.
  return Number.isNaN(instant.getTime()) ? timestamp.slice(0, 10) : localDay(instant, ctx.timeZone ?? DEFAULT_TIME_ZONE);
}
