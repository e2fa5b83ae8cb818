import os from 'node:os';
import { sql } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import { DEFAULT_CATEGORIES } from '../../../shared/features/time/schemas';
import { RATE_SCOPES, type DatedRate, type RateScope } from '../../../shared/features/time/valuation';
import { formatDate } from '../../../shared/format/fr';
import type { ServiceContext } from '../../app/context';

/** Who closed or reopened a period: the account running Maillage, until the app knows its users. */
export function currentUserName(): string {
  try {
    return os.userInfo().username || 'secrétariat';
  } catch {
    return 'secrétariat';
  }
}

export interface ActivePeriod {
  id: number;
  from: string;
  to: string;
  label: string;
}

/** Closed periods that still lock their entries (a handful: read them all). */
export async function activeClosedPeriods(ctx: ServiceContext): Promise<ActivePeriod[]> {
  const rows = await ctx.db
    .selectFrom('time_closed_periods')
    .select(['id', 'start_date', 'end_date', 'label'])
    .where('reopened_at', 'is', null)
    .orderBy('start_date')
    .execute();
  return rows.map((r) => ({ id: r.id, from: r.start_date, to: r.end_date, label: r.label }));
}

export function periodLocking(periods: readonly ActivePeriod[], date: string): ActivePeriod | undefined {
  return periods.find((p) => p.from <= date && date <= p.to);
}

/** The error of a write that would touch a closed period: LOCKED, naming the period and the date. */
export function lockedError(period: ActivePeriod, date: string): AppError {
  return new AppError('LOCKED', 'error.time.locked', {
    label: period.label,
    from: formatDate(period.from),
    to: formatDate(period.to),
    date: formatDate(date),
  });
}

/** Refuses (LOCKED) when any of the dates lies in a closed period. */
export async function assertDatesOpen(ctx: ServiceContext, dates: readonly string[]): Promise<void> {
  if (dates.length === 0) return;
  const periods = await activeClosedPeriods(ctx);
  for (const date of dates) {
    const period = periodLocking(periods, date);
    if (period) throw lockedError(period, date);
  }
}

export const personNameSql = sql<string>`p.first_name || ' ' || p.last_name`;

/**
 * Adds the default categories the first time the list is empty (see migration 0003). Two requests
 * may find it empty at once (PostgreSQL serves them on two connections): the second one's rows
 * meet the unique codes and are skipped, not an error.
 */
export async function ensureDefaultCategories(ctx: ServiceContext): Promise<void> {
  const any = await ctx.db.selectFrom('time_categories').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await ctx.db
    .insertInto('time_categories')
    .values(DEFAULT_CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, position: (i + 1) * 10, active: 1 })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function loadRates(ctx: ServiceContext): Promise<DatedRate[]> {
  const rows = await ctx.db.selectFrom('time_rates').select(['id', 'scope', 'person_id', 'organisation_id', 'valid_from', 'hourly_cents']).execute();
  return rows
    .filter((r) => (RATE_SCOPES as readonly string[]).includes(r.scope))
    .map((r) => ({
      id: r.id,
      scope: r.scope as RateScope,
      personId: r.person_id,
      organisationId: r.organisation_id,
      validFrom: r.valid_from,
      hourlyCents: r.hourly_cents,
    }));
}

/** French alphabetical order; one collator, as `localeCompare(…, 'fr')` builds one per call. */
export const frenchOrder = new Intl.Collator('fr', { sensitivity: 'base', numeric: true }).compare;

/** Splits a list for `where id in (…)`, well under every database's bound-parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
