import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/features/meetings/kinds';
import type {
  MeetingListItem,
  MeetingStatus,
  OpenAction,
  RegisterItem,
  decisionRegisterQuerySchema,
  meetingListQuerySchema,
  openActionsQuerySchema,
} from '../../../shared/features/meetings/schemas';
import { normalizeKey } from '../../../shared/validation/text';
import { pageOf } from '../../../shared/api/paging';
import { today, type ServiceContext } from '../../app/context';
import { invitedMeetingIds, structureOf } from '../../app/access';
import { escapeLike } from '../organisations/service';
import { searchIndex } from '../../store/search-index';
import { currentActionStates, joinAddress, listActions, toDecision } from './queries';

/** Lists across meetings: the meetings of a series, the decisions register, the open actions. */

export async function listMeetings(
  ctx: ServiceContext,
  query: z.output<typeof meetingListQuerySchema>,
): Promise<{ items: MeetingListItem[]; total: number; years: number[] }> {
  // Two steps: the page's ids, sorted and cut by the database from the meetings alone, then the
  // page's rows with their counts, so that the counts never run for the rows of other pages.
  let ids = ctx.db.selectFrom('meetings as m').select('m.id');
  let count = ctx.db.selectFrom('meetings as m').select((eb) => eb.fn.countAll<number>().as('n'));
  // A structure account lists only the meetings it was invited to (none while tied to no organisation).
  const structure = structureOf(ctx);
  if (structure !== undefined) {
    ids = ids.where('m.id', 'in', invitedMeetingIds(ctx.db, structure ?? -1));
    count = count.where('m.id', 'in', invitedMeetingIds(ctx.db, structure ?? -1));
  }
  if (query.kind) {
    ids = ids.where('m.kind', '=', query.kind);
    count = count.where('m.kind', '=', query.kind);
  }
  if (query.status) {
    ids = ids.where('m.status', '=', query.status);
    count = count.where('m.status', '=', query.status);
  }
  if (query.year) {
    ids = ids.where('m.date', '>=', `${query.year}-01-01`).where('m.date', '<=', `${query.year}-12-31`);
    count = count.where('m.date', '>=', `${query.year}-01-01`).where('m.date', '<=', `${query.year}-12-31`);
  }
  if (query.bySeries) {
    ids = ids.orderBy(sql`case ${sql.join(MEETING_KINDS.map((k, i) => sql`when m.kind = ${k} then ${i}`), sql` `)} else ${MEETING_KINDS.length} end`);
  }
  ids = ids.orderBy('m.date', 'desc').orderBy('m.id', 'desc');
  if (query.limit !== undefined) ids = ids.limit(query.limit).offset(query.offset ?? 0);
  const order = (await ids.execute()).map((r) => r.id);
  const total = query.limit === undefined ? order.length : Number((await count.executeTakeFirstOrThrow()).n);
  const position = new Map(order.map((id, i) => [id, i]));
  const rows = [];
  // In chunks: without a limit, every meeting is asked for.
  for (let i = 0; i < order.length; i += 1000) {
    const chunk = order.slice(i, i + 1000);
    rows.push(
      ...(await ctx.db
        .selectFrom('meetings as m')
        .leftJoin('organisations as o', 'o.id', 'm.host_organisation_id')
        .leftJoin('minutes_approvals as ma', 'ma.meeting_id', 'm.id')
        .select([
          'm.id',
          'm.kind',
          'm.title',
          'm.date',
          'm.start_time',
          'm.end_time',
          'm.status',
          'm.address',
          'o.name as host_name',
          'o.address as host_address',
          'o.postcode as host_postcode',
          'o.city as host_city',
          'ma.approved_on',
        ])
        .select((eb) => [
          eb.selectFrom('attendances as t').select((e) => e.fn.countAll<number>().as('n')).whereRef('t.meeting_id', '=', 'm.id').as('attendees'),
          eb.selectFrom('decisions as d').select((e) => e.fn.countAll<number>().as('n')).whereRef('d.meeting_id', '=', 'm.id').as('decisions'),
        ])
        .where('m.id', 'in', chunk)
        .execute()),
    );
  }
  rows.sort((x, y) => position.get(x.id)! - position.get(y.id)!);
  const years = await ctx.db
    .selectFrom('meetings')
    .select(sql<string>`substr(date, 1, 4)`.as('year'))
    .distinct()
    .orderBy('year', 'desc')
    .execute();
  return {
    total,
    years: years.map((y) => Number(y.year)),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as MeetingKind,
      title: r.title,
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      status: r.status as MeetingStatus,
      hostOrganisationName: r.host_name ?? null,
      placeAddress: r.address ?? joinAddress(r.host_address ?? null, r.host_postcode ?? null, r.host_city ?? null),
      attendees: Number(r.attendees ?? 0),
      decisions: Number(r.decisions ?? 0),
      approvedOn: r.approved_on ?? null,
    })),
  };
}

/** Ids passed as parameters stay well under SQLite's limit of 32 766 variables. */
const MAX_IDS = 20_000;

async function registerYears(ctx: ServiceContext): Promise<number[]> {
  return (await ctx.db.selectFrom('decision_counters').select('year').orderBy('year', 'desc').execute()).map((y) => y.year);
}

/** The register of decisions: accent- and case-insensitive search on the text and the number, filters by year and kind. */
export async function decisionRegister(
  ctx: ServiceContext,
  query: z.output<typeof decisionRegisterQuerySchema>,
): Promise<{ items: RegisterItem[]; total: number; years: number[] }> {
  const limit = query.limit ?? 200;
  const offset = query.offset ?? 0;
  const reference = /^\s*(\d{4})\s*[-/]\s*(\d{1,4})\s*$/.exec(query.search ?? '');
  const search = query.search && !reference ? normalizeKey(query.search) : '';
  // Words go through the full-text index (each a prefix, accents ignored); without one, a scan.
  const ids = search ? await searchIndex(ctx.db as unknown as Kysely<unknown>).matching('decision', search) : null;
  // The decisions the index found lead the join (a cross join keeps SQLite to that order): else,
  // with a kind chosen, it walks every meeting of the kind and looks each found id up in each
  // (210 ms instead of 5 on the national base).
  let q = ids
    ? ctx.db.selectFrom('decisions as d').crossJoin('meetings as m').whereRef('m.id', '=', 'd.meeting_id')
    : ctx.db.selectFrom('decisions as d').innerJoin('meetings as m', 'm.id', 'd.meeting_id');
  if (query.year) q = q.where('d.year', '=', query.year);
  if (query.kind) q = q.where('m.kind', '=', query.kind);
  if (reference) q = q.where('d.year', '=', Number(reference[1])).where('d.number', '=', Number(reference[2]));
  if (ids && ids.length <= MAX_IDS) {
    if (ids.length === 0) return { items: [], total: 0, years: await registerYears(ctx) };
    q = q.where('d.id', 'in', ids);
  } else {
    for (const word of search.split(' ').filter(Boolean)) {
      q = q.where(sql<boolean>`d.search_key like ${`%${escapeLike(word)}%`} escape '\\'`);
    }
  }
  // One scan: the page of rows and, through a window count, how many matched in all.
  const rows = await q
    .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select([
      'd.id',
      'd.meeting_id',
      'd.agenda_item_id',
      'd.year',
      'd.number',
      'd.text',
      'd.vote_mode',
      'd.votes_for',
      'd.votes_against',
      'd.votes_abstain',
      'd.version',
      'm.title as meeting_title',
      'm.date as meeting_date',
      'm.kind as meeting_kind',
      'm.status as meeting_status',
      'a.title as item_title',
    ])
    .orderBy('d.year', 'desc')
    .orderBy('d.number', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const years = await registerYears(ctx);
  // Counted apart: a window count over the join would sort every decision to serve one page.
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    total,
    years,
    items: rows.map((r) => ({
      ...toDecision(r),
      meetingTitle: r.meeting_title,
      meetingDate: r.meeting_date,
      meetingKind: r.meeting_kind as MeetingKind,
      meetingStatus: r.meeting_status as MeetingStatus,
      itemTitle: r.item_title,
    })),
  };
}

/** Actions still open across every meeting, overdue first, then by due date and owner. */
export async function openActions(
  ctx: ServiceContext,
  query: z.output<typeof openActionsQuerySchema>,
): Promise<{ items: OpenAction[]; today: string; total: number; overdue: number; owners: string[] }> {
  let q = ctx.db
    .selectFrom('action_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.id', 'm.title', 'm.date', 'm.kind'])
    .where('a.status', '=', 'open');
  if (query.ownerPersonId) q = q.where('a.owner_person_id', '=', query.ownerPersonId);
  if (query.ownerOrganisationId) q = q.where('a.owner_organisation_id', '=', query.ownerOrganisationId);
  if (query.kind) q = q.where('m.kind', '=', query.kind);
  const rows = await q.execute();
  const states = await currentActionStates(
    ctx.db,
    rows.map((r) => r.id),
  );
  const stillOpen = rows.filter((r) => states.get(r.id)!.open);
  const actions = new Map((await listActions(ctx.db, { ids: stillOpen.map((r) => r.id) })).map((a) => [a.id, a]));
  const day = today(ctx);
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  const items = stillOpen.map((r): OpenAction => {
    const action = actions.get(r.id)!;
    const state = states.get(r.id)!;
    const currentDueDate = state.dueDate ?? action.dueDate;
    return {
      ...action,
      meetingTitle: r.title,
      meetingDate: r.date,
      meetingKind: r.kind as MeetingKind,
      currentDueDate,
      overdue: currentDueDate !== null && currentDueDate < day,
      carriedOver: state.carriedOver,
    };
  });
  items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.currentDueDate ?? '9999').localeCompare(b.currentDueDate ?? '9999') ||
      collator.compare(a.ownerLabel, b.ownerLabel) ||
      a.id - b.id,
  );
  // Carried-over due dates are worked out in code, so the filter and the page are too: the screen
  // gets one page (never thousands of rows), with the counts and owners of them all.
  const owners = [...new Set(items.map((a) => a.ownerLabel))].sort(collator.compare);
  const shown = query.ownerLabel ? items.filter((a) => a.ownerLabel === query.ownerLabel) : items;
  return { items: pageOf(shown, query), today: day, total: shown.length, overdue: shown.filter((a) => a.overdue).length, owners };
}
