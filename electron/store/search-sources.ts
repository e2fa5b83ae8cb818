import type { SearchKind } from '../../shared/features/search/schemas';

/**
 * What each record contributes to the search index, shared by both engines' implementations
 * (electron/store/search-index.ts for SQLite, search-index-postgres.ts for PostgreSQL): the text
 * is SQL over the row, written `r.` (replaced by `new.` in triggers), valid on both engines.
 */
export interface SearchSource {
  table: string;
  kinds: { kind: SearchKind; text: string; when?: string }[];
}

export const SEARCH_SOURCES: SearchSource[] = [
  {
    table: 'organisations',
    kinds: [{ kind: 'organisation', text: "r.name || ' ' || coalesce(r.short_name, '') || ' ' || coalesce(r.city, '') || ' ' || coalesce(r.siret, '') || ' ' || coalesce(r.email, '')" }],
  },
  {
    table: 'people',
    kinds: [{ kind: 'person', text: "r.first_name || ' ' || r.last_name || ' ' || coalesce(r.email, '') || ' ' || coalesce(r.city, '')" }],
  },
  { table: 'meetings', kinds: [{ kind: 'meeting', text: "r.title || ' ' || coalesce(r.address, '') || ' ' || coalesce(r.note, '')" }] },
  {
    table: 'agenda_items',
    kinds: [
      { kind: 'agendaItem', text: 'r.title' },
      // The minutes of a meeting are the discussion written under each item.
      { kind: 'minutes', text: 'r.discussion', when: "coalesce(r.discussion, '') <> ''" },
    ],
  },
  { table: 'decisions', kinds: [{ kind: 'decision', text: "r.text || ' ' || r.year || '-' || r.number" }] },
  { table: 'action_items', kinds: [{ kind: 'action', text: 'r.text' }] },
  {
    table: 'activities',
    kinds: [{ kind: 'activity', text: "r.title || ' ' || coalesce(r.place, '') || ' ' || coalesce(r.campaign, '') || ' ' || coalesce(r.note, '')" }],
  },
];

