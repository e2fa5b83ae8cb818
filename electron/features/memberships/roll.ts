import type { ServiceContext } from '../../app/context';

/**
 * Who is a member, and who came and went, over a period: the one definition every document uses
 * (annual report, funder reports, observatory), so that a report never prints 14 members on one page
 * and 15 on another.
 *
 * A member organisation « adhérente au JOUR » has a membership of that day's year which had started
 * by then (its start date, or 1 January) and had not ended (no exit date, or a later one). Arrivals
 * of a period are the members at its end who were not members the day before it began; departures
 * are the reverse, so that members before + arrivals − departures = members at the end, always.
 */

export interface RollMember {
  id: number;
  name: string;
  city: string | null;
}

export interface MemberRoll {
  /** The last day of the period: the roll is « au » this day. */
  asOf: string;
  members: RollMember[];
  /** Members the day before the period began. */
  before: number;
  arrivals: { id: number; name: string; joinedOn: string }[];
  /** `leftOn` is null when the membership was simply not renewed. */
  departures: { id: number; name: string; leftOn: string | null; reason: string | null }[];
}

const dayBefore = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
};

/** Members on one day, by name. */
export async function membersOn(ctx: ServiceContext, day: string): Promise<RollMember[]> {
  const year = Number(day.slice(0, 4));
  return ctx.db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    // One membership per organisation and year (a unique key): no duplicates to remove.
    .select(['o.id', 'o.name', 'o.city'])
    .where('m.year', '=', year)
    .where('o.kind', '=', 'member')
    .where((eb) => eb.or([eb('m.start_date', 'is', null), eb('m.start_date', '<=', day)]))
    .where((eb) => eb.or([eb('m.exit_date', 'is', null), eb('m.exit_date', '>', day)]))
    .orderBy('o.name_key')
    .execute();
}

export async function memberRoll(ctx: ServiceContext, from: string, to: string): Promise<MemberRoll> {
  const [before, members] = await Promise.all([membersOn(ctx, dayBefore(from)), membersOn(ctx, to)]);
  const beforeIds = new Set(before.map((m) => m.id));
  const endIds = new Set(members.map((m) => m.id));
  const moved = [...before.filter((m) => !endIds.has(m.id)), ...members.filter((m) => !beforeIds.has(m.id))].map((m) => m.id);
  // The memberships of the organisations that came or went, to date their arrival or departure.
  const rows = moved.length
    ? await ctx.db
        .selectFrom('memberships')
        .select(['organisation_id', 'year', 'start_date', 'exit_date', 'exit_reason'])
        .where('organisation_id', 'in', moved)
        .where('year', '>=', Number(from.slice(0, 4)) - 1)
        .where('year', '<=', Number(to.slice(0, 4)))
        .orderBy('year')
        .execute()
    : [];
  const arrivals = members
    .filter((m) => !beforeIds.has(m.id))
    .map((m) => {
      // The first day of membership inside the period.
      const starts = rows.filter((r) => r.organisation_id === m.id).map((r) => r.start_date ?? `${r.year}-01-01`);
      const joinedOn = starts.filter((d) => d >= from && d <= to).sort()[0] ?? from;
      return { id: m.id, name: m.name, joinedOn };
    });
  const departures = before
    .filter((m) => !endIds.has(m.id))
    .map((m) => {
      const own = rows.filter((r) => r.organisation_id === m.id);
      const exited = own.filter((r) => r.exit_date && r.exit_date >= from && r.exit_date <= to).sort((a, b) => a.exit_date!.localeCompare(b.exit_date!))[0];
      return { id: m.id, name: m.name, leftOn: exited?.exit_date ?? null, reason: exited?.exit_reason ?? null };
    });
  return { asOf: to, members, before: before.length, arrivals, departures };
}
