import type { Kysely } from 'kysely';
import { SEARCH_KINDS, type SearchGroup, type SearchKind, type SearchResult } from '../../../shared/features/search/schemas';
import type { ServiceContext } from '../../app/context';
import { searchIndex } from '../../store/search-index';

const DEFAULT_PER_KIND = 5;
const EXCERPT = 90;

/** A line of long text around nothing in particular: the start, cut on a word, markup stripped. */
function excerpt(text: string | null): string {
  const plain = (text ?? '').replace(/[*_#>[\]]/g, '').replace(/\s+/g, ' ').trim();
  if (plain.length <= EXCERPT) return plain;
  const cut = plain.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

type Loader = (ctx: ServiceContext, ids: number[]) => Promise<Map<number, Omit<SearchResult, 'kind' | 'id'>>>;

interface InMeeting {
  id: number;
  title: string;
  meeting_id: number;
  meeting_title: string;
  date: string;
}

/** Agenda items, decisions and actions: their own text and the meeting they belong to. */
async function meetingItems(ctx: ServiceContext, table: 'agenda_items' | 'decisions' | 'action_items', ids: number[]): Promise<InMeeting[]> {
  const base = ctx.db.selectFrom('meetings as m').select(['m.id as meeting_id', 'm.title as meeting_title', 'm.date']);
  if (table === 'agenda_items') return base.innerJoin('agenda_items as r', 'r.meeting_id', 'm.id').select(['r.id', 'r.title']).where('r.id', 'in', ids).execute();
  if (table === 'decisions') {
    const rows = await base.innerJoin('decisions as r', 'r.meeting_id', 'm.id').select(['r.id', 'r.text', 'r.year', 'r.number']).where('r.id', 'in', ids).execute();
    return rows.map((r) => ({ ...r, title: `${r.year}-${r.number} — ${excerpt(r.text)}` }));
  }
  const rows = await base.innerJoin('action_items as r', 'r.meeting_id', 'm.id').select(['r.id', 'r.text']).where('r.id', 'in', ids).execute();
  return rows.map((r) => ({ ...r, title: excerpt(r.text) }));
}

function byId<T extends { id: number }>(rows: T[], map: (r: T) => Omit<SearchResult, 'kind' | 'id'>) {
  return new Map(rows.map((r) => [r.id, map(r)]));
}

const inMeeting = (r: InMeeting) => ({
  title: r.title,
  context: r.meeting_title,
  meetingId: r.meeting_id,
  date: r.date,
  archived: false,
});

/** How each kind of hit is shown: portable queries over the records, a handful of ids at a time. */
const LOADERS: Record<SearchKind, Loader> = {
  organisation: async (ctx, ids) =>
    byId(await ctx.db.selectFrom('organisations').select(['id', 'name', 'city', 'archived_at']).where('id', 'in', ids).execute(), (r) => ({
      title: r.name,
      context: r.city,
      meetingId: null,
      date: null,
      archived: r.archived_at !== null,
    })),
  person: async (ctx, ids) =>
    byId(await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name', 'email', 'archived_at']).where('id', 'in', ids).execute(), (r) => ({
      title: `${r.first_name} ${r.last_name}`,
      context: r.email,
      meetingId: null,
      date: null,
      archived: r.archived_at !== null,
    })),
  meeting: async (ctx, ids) =>
    byId(await ctx.db.selectFrom('meetings').select(['id', 'title', 'date']).where('id', 'in', ids).execute(), (r) => ({
      title: r.title,
      context: null,
      meetingId: r.id,
      date: r.date,
      archived: false,
    })),
  agendaItem: async (ctx, ids) => byId(await meetingItems(ctx, 'agenda_items', ids), inMeeting),
  decision: async (ctx, ids) => byId(await meetingItems(ctx, 'decisions', ids), inMeeting),
  action: async (ctx, ids) => byId(await meetingItems(ctx, 'action_items', ids), inMeeting),
  minutes: async (ctx, ids) =>
    byId(
      await ctx.db
        .selectFrom('agenda_items as r')
        .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
        .select(['r.id', 'r.title', 'r.discussion', 'm.id as meeting_id', 'm.title as meeting_title', 'm.date'])
        .where('r.id', 'in', ids)
        .execute(),
      (r) => ({ title: excerpt(r.discussion), context: `${r.meeting_title} — ${r.title}`, meetingId: r.meeting_id, date: r.date, archived: false }),
    ),
  activity: async (ctx, ids) =>
    byId(await ctx.db.selectFrom('activities').select(['id', 'title', 'date', 'place']).where('id', 'in', ids).execute(), (r) => ({
      title: r.title,
      context: r.place,
      meetingId: null,
      date: r.date,
      archived: false,
    })),
};

/** The search box of the whole app: the index finds, the records describe, grouped by kind in a fixed order. */
export async function searchAll(ctx: ServiceContext, query: { text: string; perKind?: number }): Promise<{ groups: SearchGroup[] }> {
  const hits = await searchIndex(ctx.db as unknown as Kysely<unknown>).search(query.text, query.perKind ?? DEFAULT_PER_KIND);
  const groups: SearchGroup[] = [];
  for (const kind of SEARCH_KINDS) {
    const ids = hits.filter((h) => h.kind === kind).map((h) => h.id);
    if (ids.length === 0) continue;
    const found = await LOADERS[kind](ctx, ids);
    // In the index's order (best first); a hit whose record vanished meanwhile is left out.
    const items = ids.flatMap((id) => {
      const shown = found.get(id);
      return shown ? [{ kind, id, ...shown }] : [];
    });
    if (items.length) groups.push({ kind, items });
  }
  return { groups };
}
