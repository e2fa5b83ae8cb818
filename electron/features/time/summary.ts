import { sql } from 'kysely';
import type { z } from 'zod';
import { formatMonth } from '../../../shared/format/fr';
import { etpOverMonths, financialQuarterOf, financialRange, financialYearOf, monthRange, monthsInPeriod } from '../../../shared/features/time/period';
import { NATURES, type Summary, type SummaryLine, type summaryQuerySchema } from '../../../shared/features/time/schemas';
import { translate } from '../../../shared/i18n/index';
import type { ServiceContext } from '../../app/context';
import { getSettings } from '../settings/service';
import { frenchOrder } from './common';
import { entryConditions, type EntryFilterValues } from './entries';

type SummaryQuery = z.output<typeof summaryQuerySchema>;

export function monthLabel(month: string): string {
  return formatMonth(month);
}

function yearLabel(year: number, startMonth: number): string {
  return startMonth === 1 ? String(year) : `${year}-${year + 1}`;
}

const clamp = (range: { from: string; to: string }, q: { from: string; to: string }) => ({
  from: range.from > q.from ? range.from : q.from,
  to: range.to < q.to ? range.to : q.to,
});

interface Raw {
  key: string | number | null;
  count: number;
  minutes: number;
  value: number;
}

/**
 * Hours, ETP and euros over a period, grouped; validated hours only (issue 14), those « à valider » apart. Every line carries the filter of the entries behind
 * it. ETP: a line of organisations, people, categories or natures is pro rata of the whole
 * period (they add up to the total); a month, quarter or year line is pro rata of its own part of
 * the period (the ETP of that month).
 */
export async function summarize(ctx: ServiceContext, query: SummaryQuery): Promise<Summary> {
  const settings = await getSettings(ctx);
  const base: EntryFilterValues = { ...query };
  const by = query.by;
  const column =
    by === 'organisation'
      ? sql<string | number | null>`e.organisation_id`
      : by === 'person'
        ? sql<string | number | null>`e.person_id`
        : by === 'category'
          ? sql<string | number | null>`e.category_id`
          : by === 'nature'
            ? sql<string | number | null>`e.nature`
            : sql<string | number | null>`substr(e.date, 1, 7)`;
  const rows: Raw[] = (
    await ctx.db
      .selectFrom('time_entries as e')
      .where((eb) => entryConditions(eb, base))
      .where('e.status', '=', 'validated')
      .select((eb) => [column.as('key'), eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('e.minutes').as('minutes'), eb.fn.sum<number>('e.value_cents').as('value')])
      .groupBy(column)
      .execute()
  ).map((r) => ({ key: r.key, count: Number(r.count), minutes: Number(r.minutes ?? 0), value: Number(r.value ?? 0) }));

  // The length of each range in months, computed once per range, not once per line.
  const lengths = new Map<string, number>();
  const etp = (minutes: number, range: { from: string; to: string } = query) => {
    const key = `${range.from}|${range.to}`;
    let months = lengths.get(key);
    if (months === undefined) lengths.set(key, (months = monthsInPeriod(range.from, range.to)));
    return etpOverMonths(minutes, months, settings.etpHours);
  };
  const line = (key: string, label: string, r: Pick<Raw, 'count' | 'minutes' | 'value'>, filter: EntryFilterValues, range?: { from: string; to: string }): SummaryLine => ({
    key,
    label,
    count: r.count,
    minutes: r.minutes,
    valueCents: r.value,
    etp: etp(r.minutes, range),
    filter: stripEmpty(filter),
  });

  let groups: SummaryLine[] = [];
  if (by === 'organisation' || by === 'person' || by === 'category') {
    const ids = rows.map((r) => r.key).filter((k): k is number => typeof k === 'number');
    const names = new Map<number, { label: string; sort: string | number }>();
    if (ids.length && by === 'organisation') {
      for (const o of await ctx.db.selectFrom('organisations').select(['id', 'name', 'name_key']).where('id', 'in', ids).execute())
        names.set(o.id, { label: o.name, sort: o.name_key });
    } else if (ids.length && by === 'person') {
      for (const p of await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name', 'search_key']).where('id', 'in', ids).execute())
        names.set(p.id, { label: `${p.first_name} ${p.last_name}`, sort: `${p.last_name} ${p.first_name}`.toLowerCase() });
    } else if (ids.length) {
      for (const c of await ctx.db.selectFrom('time_categories').select(['id', 'name', 'position']).where('id', 'in', ids).execute())
        names.set(c.id, { label: c.name, sort: c.position });
    }
    const sortOf = (r: Raw) => (r.key === null ? '\uffff' : names.get(r.key as number)?.sort ?? '');
    groups = [...rows]
      .sort((a, b) => {
        const x = sortOf(a);
        const y = sortOf(b);
        return typeof x === 'number' && typeof y === 'number' ? x - y : frenchOrder(String(x), String(y));
      })
      .map((r) => {
        if (r.key === null) return line(`${by}:none`, translate('fr', 'time.summary.noPerson'), r, { ...base, withoutPerson: true });
        const id = r.key as number;
        const filter = by === 'organisation' ? { organisationId: id } : by === 'person' ? { personId: id } : { categoryId: id };
        return line(`${by}:${id}`, names.get(id)?.label ?? String(id), r, { ...base, ...filter });
      });
  } else if (by === 'nature') {
    groups = NATURES.flatMap((nature) => {
      const r = rows.find((x) => x.key === nature);
      return r ? [line(`nature:${nature}`, translate('fr', `time.nature.${nature}`), r, { ...base, nature })] : [];
    });
  } else {
    const start = settings.financialYearStartMonth;
    const folded = new Map<string, { label: string; range: { from: string; to: string }; count: number; minutes: number; value: number }>();
    for (const r of [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)))) {
      const month = String(r.key);
      const first = `${month}-01`;
      let key: string;
      let label: string;
      let range: { from: string; to: string };
      if (by === 'month') {
        key = month;
        label = monthLabel(month);
        range = monthRange(month);
      } else if (by === 'quarter') {
        const year = financialYearOf(first, start);
        const quarter = financialQuarterOf(first, start);
        key = `${year}-T${quarter}`;
        label = `T${quarter} ${yearLabel(year, start)}`;
        range = financialRange(year, start, quarter);
      } else {
        const year = financialYearOf(first, start);
        key = String(year);
        label = yearLabel(year, start);
        range = financialRange(year, start);
      }
      const slot = folded.get(key) ?? { label, range: clamp(range, query), count: 0, minutes: 0, value: 0 };
      slot.count += r.count;
      slot.minutes += r.minutes;
      slot.value += r.value;
      folded.set(key, slot);
    }
    groups = [...folded.entries()].map(([key, s]) => line(`${by}:${key}`, s.label, s, { ...base, ...s.range }, s.range));
  }

  // What the same filter holds « à valider »: said beside the totals, counted in none of them.
  const pending = await ctx.db
    .selectFrom('time_entries as e')
    .where((eb) => entryConditions(eb, base))
    .where('e.status', '=', 'pending')
    .select((eb) => eb.fn.sum<number>('e.minutes').as('minutes'))
    .executeTakeFirst();
  const total = rows.reduce((t, r) => ({ count: t.count + r.count, minutes: t.minutes + r.minutes, value: t.value + r.value }), { count: 0, minutes: 0, value: 0 });
  return {
    from: query.from,
    to: query.to,
    by,
    etpHours: settings.etpHours,
    months: lengths.get(`${query.from}|${query.to}`) ?? monthsInPeriod(query.from, query.to),
    groups,
    total: line('total', translate('fr', 'time.summary.total'), total, base),
    pendingMinutes: Number(pending?.minutes ?? 0),
  };
}

function stripEmpty(filter: EntryFilterValues): EntryFilterValues {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && k !== 'by') out[k] = v;
  return out as EntryFilterValues;
}
