import type { z } from 'zod';
import { claimVersion } from '../../store/versions';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { Rate, rateInputSchema } from '../../../shared/features/time/schemas';
import { entryValueCents, rateResolver, type DatedRate, type RateScope } from '../../../shared/features/time/valuation';
import { addDays } from '../../../shared/features/time/period';
import type { ServiceContext } from '../../app/context';
import { getSettings } from '../settings/service';
import { activeClosedPeriods, chunks, loadRates, periodLocking, personNameSql } from './common';

type RateValues = z.output<typeof rateInputSchema>;

export async function listRates(ctx: ServiceContext): Promise<{ items: Rate[]; settingsDefaultCents: number }> {
  const rows = await ctx.db
    .selectFrom('time_rates as r')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.id', 'r.scope', 'r.person_id', 'r.organisation_id', 'r.valid_from', 'r.hourly_cents', 'r.note', 'r.version', 'o.name as organisation_name'])
    .select(personNameSql.as('person_name'))
    .select((eb) => eb.selectFrom('time_entries as e').select(eb.fn.countAll<number>().as('n')).whereRef('e.rate_id', '=', 'r.id').as('entry_count'))
    .orderBy('r.scope')
    .orderBy('o.name_key')
    .orderBy('p.last_name')
    .orderBy('r.valid_from')
    .execute();
  const subject = (r: (typeof rows)[number]) => `${r.scope}:${r.person_id ?? r.organisation_id ?? ''}`;
  const items: Rate[] = rows.map((r) => {
    const next = rows.filter((o) => subject(o) === subject(r) && o.valid_from > r.valid_from).sort((a, b) => a.valid_from.localeCompare(b.valid_from))[0];
    return {
      id: r.id,
      scope: r.scope as RateScope,
      personId: r.person_id,
      personName: r.person_id === null ? null : r.person_name,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      validFrom: r.valid_from,
      validTo: next ? addDays(next.valid_from, -1) : null,
      hourlyCents: r.hourly_cents,
      note: r.note,
      entryCount: Number(r.entry_count ?? 0),
      version: r.version,
    };
  });
  return { items, settingsDefaultCents: (await getSettings(ctx)).defaultHourlyValueCents };
}

interface Subject {
  scope: RateScope;
  personId: number | null;
  organisationId: number | null;
}

/**
 * Values again the entries a rate change reaches, with the rates given. An entry valued at the
 * default of the settings keeps that value (older entries keep their rate); one whose rate row
 * changed or no longer applies gets the rate now in force. Refused (LOCKED) when that would
 * change an entry of a closed period. Returns how many entries changed.
 */
export async function revalueEntries(ctx: ServiceContext, subjects: readonly Subject[], rates: readonly DatedRate[]): Promise<number> {
  let q = ctx.db.selectFrom('time_entries').select(['id', 'organisation_id', 'person_id', 'date', 'minutes', 'rate_id', 'hourly_rate_cents']);
  if (!subjects.some((s) => s.scope === 'default')) {
    const people = subjects.filter((s) => s.personId !== null).map((s) => s.personId!);
    const organisations = subjects.filter((s) => s.organisationId !== null).map((s) => s.organisationId!);
    if (people.length === 0 && organisations.length === 0) return 0;
    q = q.where((eb) =>
      eb.or([...(people.length ? [eb('person_id', 'in', people)] : []), ...(organisations.length ? [eb('organisation_id', 'in', organisations)] : [])]),
    );
  }
  const entries = await q.execute();
  const settingsDefault = (await getSettings(ctx)).defaultHourlyValueCents;
  const periods = await activeClosedPeriods(ctx);
  const groups = new Map<string, { rateId: number | null; hourly: number; value: number; ids: number[] }>();
  let changed = 0;
  // Every entry of the subjects, possibly the whole base: the rates sorted by owner once.
  const rateOf = rateResolver(rates, settingsDefault);
  for (const e of entries) {
    const resolved = rateOf({ date: e.date, personId: e.person_id, organisationId: e.organisation_id });
    if (resolved.rateId === null && e.rate_id === null) continue;
    if (resolved.rateId === e.rate_id && resolved.hourlyCents === e.hourly_rate_cents) continue;
    const period = periodLocking(periods, e.date);
    if (period) throw new AppError('LOCKED', 'error.time.rateLocked', { label: period.label });
    const value = entryValueCents(e.minutes, resolved.hourlyCents);
    const key = `${resolved.rateId}|${resolved.hourlyCents}|${value}`;
    const group = groups.get(key) ?? { rateId: resolved.rateId, hourly: resolved.hourlyCents, value, ids: [] };
    group.ids.push(e.id);
    groups.set(key, group);
    changed++;
  }
  for (const group of groups.values()) {
    for (const ids of chunks(group.ids)) {
      await ctx.db
        .updateTable('time_entries')
        .set({ rate_id: group.rateId, hourly_rate_cents: group.hourly, value_cents: group.value })
        .where('id', 'in', ids)
        .execute();
    }
  }
  return changed;
}

async function getRate(ctx: ServiceContext, id: number): Promise<Rate> {
  const rate = (await listRates(ctx)).items.find((r) => r.id === id);
  if (!rate) throw new AppError('NOT_FOUND', 'error.notFound');
  return rate;
}

export async function saveRate(ctx: ServiceContext, values: RateValues): Promise<{ rate: Rate; revalued: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const subject: Subject = {
      scope: values.scope,
      personId: values.scope === 'person' ? values.personId : null,
      organisationId: values.scope === 'organisation' ? values.organisationId : null,
    };
    if (subject.personId !== null && !(await trx.selectFrom('people').select('id').where('id', '=', subject.personId).executeTakeFirst()))
      throw fieldError('personId', 'error.notFound');
    if (subject.organisationId !== null && !(await trx.selectFrom('organisations').select('id').where('id', '=', subject.organisationId).executeTakeFirst()))
      throw fieldError('organisationId', 'error.notFound');
    const twins = (await loadRates(tctx)).filter(
      (r) => r.id !== values.id && r.scope === subject.scope && r.personId === subject.personId && r.organisationId === subject.organisationId && r.validFrom === values.validFrom,
    );
    if (twins.length) throw fieldError('validFrom', 'error.time.rateDuplicate');

    const columns = {
      scope: subject.scope,
      person_id: subject.personId,
      organisation_id: subject.organisationId,
      valid_from: values.validFrom,
      hourly_cents: values.hourlyCents,
      note: values.note,
    };
    const subjects: Subject[] = [subject];
    let id = values.id;
    if (id) {
      const before = await trx.selectFrom('time_rates').select(['scope', 'person_id', 'organisation_id']).where('id', '=', id).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', 'error.notFound');
      await claimVersion(tctx, 'time_rates', id, values.version);
      subjects.push({ scope: before.scope as RateScope, personId: before.person_id, organisationId: before.organisation_id });
      await trx.updateTable('time_rates').set(columns).where('id', '=', id).execute();
    } else {
      id = (await trx.insertInto('time_rates').values(columns).returning('id').executeTakeFirstOrThrow()).id;
    }
    const revalued = await revalueEntries(tctx, subjects, await loadRates(tctx));
    return { rate: await getRate(tctx, id), revalued };
  });
}

export async function deleteRate(ctx: ServiceContext, id: number, version?: number): Promise<{ rate: null; revalued: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const rates = await loadRates(tctx);
    const rate = rates.find((r) => r.id === id);
    if (!rate) throw new AppError('NOT_FOUND', 'error.notFound');
    await claimVersion(tctx, 'time_rates', id, version);
    // Entries point at the rate: value them without it first, then remove it.
    const revalued = await revalueEntries(tctx, [rate], rates.filter((r) => r.id !== id));
    await trx.deleteFrom('time_rates').where('id', '=', id).execute();
    return { rate: null, revalued };
  });
}
