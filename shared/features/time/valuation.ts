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

const NO_RATES: readonly DatedRate[] = [];

/**
 * `resolveRate` for many entries at once (an import, a grid): the rates sorted out by scope and
 * owner once, so that each entry looks only at its person's and its organisation's, and one
 * result object per rate rather than one per entry. Gives what `resolveRate` gives.
 */
export function rateResolver(rates: readonly DatedRate[], settingsDefaultCents: number): (entry: { date: string; personId: number | null; organisationId: number }) => ResolvedRate {
  const byPerson = new Map<number, DatedRate[]>();
  const byOrganisation = new Map<number, DatedRate[]>();
  const defaults: DatedRate[] = [];
  const results = new Map<DatedRate, ResolvedRate>();
  for (const rate of rates) {
    results.set(rate, { rateId: rate.id, scope: rate.scope, hourlyCents: rate.hourlyCents });
    if (rate.scope === 'default') defaults.push(rate);
    else {
      const [owners, owner] = rate.scope === 'person' ? [byPerson, rate.personId] : [byOrganisation, rate.organisationId];
      if (owner === null) continue;
      const list = owners.get(owner);
      if (list) list.push(rate);
      else owners.set(owner, [rate]);
    }
  }
  const settings: ResolvedRate = { rateId: null, scope: 'settings', hourlyCents: settingsDefaultCents };
  return (entry) => {
    const rate =
      (entry.personId === null ? undefined : latestInForce(byPerson.get(entry.personId) ?? NO_RATES, entry.date)) ??
      latestInForce(byOrganisation.get(entry.organisationId) ?? NO_RATES, entry.date) ??
      latestInForce(defaults, entry.date);
    return rate ? results.get(rate)! : settings;
  };
}

