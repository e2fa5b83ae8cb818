/**
 * How donated time is valued ("contributions volontaires en nature").
 *
 * Rates are dated: a rate applies from its start date until the next rate of the same scope.
 * On an entry's date the most specific rate in force wins: the person's, else the donor
 * organisation's, else a dated network default, else the default of the settings.
 *
 * Rounding, once: each entry's value is hours × rate rounded to the nearest cent (a half cent
 * rounds up), and every total is the sum of those entry values — so a total on screen, in the
 * CLI and in a certificate is the same number of cents.
 */

export const RATE_SCOPES = ['person', 'organisation', 'default'] as const;
export type RateScope = (typeof RATE_SCOPES)[number];

export function entryValueCents(minutes: number, hourlyRateCents: number): number {
  return Math.round((minutes * hourlyRateCents) / 60);
}

export interface DatedRate {
  id: number;
  scope: RateScope;
  personId: number | null;
  organisationId: number | null;
  validFrom: string;
  hourlyCents: number;
}

export interface ResolvedRate {
  /** The rate row used, or null for the default of the settings. */
  rateId: number | null;
  scope: RateScope | 'settings';
  hourlyCents: number;
}

function latestInForce(rates: readonly DatedRate[], date: string): DatedRate | undefined {
  let best: DatedRate | undefined;
  for (const rate of rates) {
    if (rate.validFrom <= date && (!best || rate.validFrom > best.validFrom)) best = rate;
  }
  return best;
}

/** The rate in force for one entry; `rates` may hold any rates, only matching ones are considered. */
export function resolveRate(
  rates: readonly DatedRate[],
  entry: { date: string; personId: number | null; organisationId: number },
  settingsDefaultCents: number,
): ResolvedRate {
  const person = entry.personId === null ? undefined : latestInForce(rates.filter((r) => r.scope === 'person' && r.personId === entry.personId), entry.date);
  const organisation = person ? undefined : latestInForce(rates.filter((r) => r.scope === 'organisation' && r.organisationId === entry.organisationId), entry.date);
  const fallback = person || organisation ? undefined : latestInForce(rates.filter((r) => r.scope === 'default'), entry.date);
  const rate = person ?? organisation ?? fallback;
  return rate ? { rateId: rate.id, scope: rate.scope, hourlyCents: rate.hourlyCents } : { rateId: null, scope: 'settings', hourlyCents: settingsDefaultCents };
}
