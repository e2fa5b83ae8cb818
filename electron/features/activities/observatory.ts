import type { z } from 'zod';
import { AppError, fieldError } from '../../../shared/api/errors';
import {
  DEFAULT_INDICATORS,
  type Indicator,
  type IndicatorUnit,
  type ObservatoryYear,
  type indicatorInputSchema,
  type observatoryEntrySchema,
} from '../../../shared/features/activities/schemas';
import { nowIso, type ServiceContext } from '../../app/context';

/** Adds the default indicators the first time the list is empty (an archive imports into an empty database). */
export async function ensureDefaultIndicators(ctx: ServiceContext): Promise<void> {
  const any = await ctx.db.selectFrom('indicators').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await ctx.db
    .insertInto('indicators')
    .values(DEFAULT_INDICATORS.map((d, i) => ({ code: d.code, label: d.label, unit: d.unit, position: (i + 1) * 10, active: 1 })))
    .execute();
}

export async function listIndicators(ctx: ServiceContext, includeInactive = false): Promise<Indicator[]> {
  await ensureDefaultIndicators(ctx);
  let q = ctx.db.selectFrom('indicators').selectAll().orderBy('position');
  if (!includeInactive) q = q.where('active', '=', 1);
  return (await q.execute()).map((r) => ({ id: r.id, code: r.code, label: r.label, unit: r.unit as IndicatorUnit, position: r.position, active: r.active === 1 }));
}

export async function saveIndicator(ctx: ServiceContext, v: z.output<typeof indicatorInputSchema>): Promise<Indicator> {
  await ensureDefaultIndicators(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const twin = await trx.selectFrom('indicators').select('id').where('code', '=', v.code).executeTakeFirst();
    if (twin && twin.id !== v.id) throw fieldError('code', 'error.activity.indicatorDuplicate', { code: v.code });
    let id = v.id;
    if (id) {
      const r = await trx.updateTable('indicators').set({ code: v.code, label: v.label, unit: v.unit, active: v.active ? 1 : 0 }).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'error.notFound');
    } else {
      const last = await trx.selectFrom('indicators').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
      id = (await trx.insertInto('indicators').values({ code: v.code, label: v.label, unit: v.unit, active: v.active ? 1 : 0, position: Number(last?.p ?? 0) + 10 }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const r = await trx.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { id: r.id, code: r.code, label: r.label, unit: r.unit as IndicatorUnit, position: r.position, active: r.active === 1 };
  });
}

const decimals = (value: number) => {
  const s = String(value);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  return s.includes('.') ? s.split('.')[1]!.length : 0;
};

/** A value in the indicator's unit, or the key of what is wrong with it. */
export function unitProblem(unit: IndicatorUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'error.number';
  if (value < 0) return unit === 'tonnes' ? 'error.activity.negativeTonnage' : 'error.activity.negative';
  switch (unit) {
    case 'count':
      return Number.isInteger(value) ? null : 'error.activity.unitCount';
    case 'euros':
      // Money travels as cents: a fraction of a cent is a value in the wrong unit.
      return Number.isInteger(value) ? null : 'error.activity.unitEuros';
    case 'tonnes':
      return decimals(value) <= 3 ? null : 'error.activity.unitTonnes';
    case 'etp':
      return decimals(value) <= 2 ? null : 'error.activity.unitEtp';
    case 'hours':
      return decimals(value) <= 2 ? null : 'error.activity.unitHours';
  }
}

export async function observatoryForm(ctx: ServiceContext, organisationId: number, year: number) {
  const organisation = await ctx.db.selectFrom('organisations').select(['id', 'name']).where('id', '=', organisationId).executeTakeFirst();
  if (!organisation) throw new AppError('NOT_FOUND', 'error.notFound');
  const indicators = await listIndicators(ctx);
  const rows = await ctx.db.selectFrom('indicator_values').select(['indicator_id', 'value']).where('organisation_id', '=', organisationId).where('year', '=', year).execute();
  return {
    organisationId,
    organisationName: organisation.name,
    year,
    indicators,
    values: Object.fromEntries(rows.map((r) => [String(r.indicator_id), r.value])),
  };
}

/** Every value is checked against its unit before anything is written: one wrong value, nothing saved. */
export async function saveObservatory(ctx: ServiceContext, entry: z.output<typeof observatoryEntrySchema>) {
  const indicators = new Map((await listIndicators(ctx, true)).map((i) => [i.id, i]));
  const issues: { path: string; key: string; params: Record<string, string> }[] = [];
  entry.values.forEach((v, index) => {
    const indicator = indicators.get(v.indicatorId);
    if (!indicator) {
      issues.push({ path: `values[${index}].indicatorId`, key: 'error.notFound', params: {} });
      return;
    }
    if (v.value === null) return;
    const problem = unitProblem(indicator.unit, v.value);
    if (problem) issues.push({ path: `values[${index}].value`, key: problem, params: { indicator: indicator.label } });
  });
  if (issues.length) throw new AppError('VALIDATION', 'error.validation', undefined, issues);
  await ctx.db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom('organisations').select('id').where('id', '=', entry.organisationId).executeTakeFirst();
    if (!organisation) throw fieldError('organisationId', 'error.notFound');
    const now = nowIso(ctx);
    for (const v of entry.values) {
      const where = trx
        .deleteFrom('indicator_values')
        .where('organisation_id', '=', entry.organisationId)
        .where('year', '=', entry.year)
        .where('indicator_id', '=', v.indicatorId);
      if (v.value === null) {
        await where.execute();
        continue;
      }
      const value = v.value;
      await trx
        .insertInto('indicator_values')
        .values({ organisation_id: entry.organisationId, year: entry.year, indicator_id: v.indicatorId, value, updated_at: now })
        .onConflict((oc) => oc.columns(['organisation_id', 'year', 'indicator_id']).doUpdateSet({ value, updated_at: now }))
        .execute();
    }
  });
  return observatoryForm(ctx, entry.organisationId, entry.year);
}

/** Member organisations of a year (a membership that year), by name. */
export async function membersOfYear(ctx: ServiceContext, year: number): Promise<{ id: number; name: string }[]> {
  return ctx.db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name'])
    .where('m.year', '=', year)
    .where('o.kind', '=', 'member')
    .orderBy('o.name_key')
    .execute();
}

export async function observatoryYear(ctx: ServiceContext, year: number): Promise<ObservatoryYear> {
  const indicators = await listIndicators(ctx);
  const members = await membersOfYear(ctx, year);
  const rows = await ctx.db
    .selectFrom('indicator_values as v')
    .innerJoin('organisations as o', 'o.id', 'v.organisation_id')
    .select(['v.organisation_id', 'o.name', 'v.indicator_id', 'v.value', 'v.year'])
    .where('v.year', 'in', [year, year - 1])
    .execute();
  const byOrg = new Map<number, { name: string; values: Record<string, number> }>();
  for (const m of members) byOrg.set(m.id, { name: m.name, values: {} });
  const totals = new Map<number, { total: number; previous: number | null }>();
  for (const r of rows) {
    const t = totals.get(r.indicator_id) ?? { total: 0, previous: null };
    if (r.year === year) {
      t.total += r.value;
      const slot = byOrg.get(r.organisation_id) ?? { name: r.name, values: {} };
      slot.values[String(r.indicator_id)] = r.value;
      byOrg.set(r.organisation_id, slot);
    } else t.previous = (t.previous ?? 0) + r.value;
    totals.set(r.indicator_id, t);
  }
  const organisations = [...byOrg.entries()]
    .map(([id, o]) => ({ id, name: o.name, returned: Object.keys(o.values).length > 0, values: o.values }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return {
    year,
    indicators,
    organisations,
    totals: indicators.map((i) => {
      const t = totals.get(i.id) ?? { total: 0, previous: null };
      const change = t.previous ? Math.round(((t.total - t.previous) / t.previous) * 1000) / 10 : null;
      return { indicatorId: i.id, total: round3(t.total), previous: t.previous === null ? null : round3(t.previous), change };
    }),
    returned: organisations.filter((o) => o.returned).length,
    expected: members.length,
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
