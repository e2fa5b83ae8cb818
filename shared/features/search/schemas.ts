import { z } from 'zod';
import { checkedText } from '../../validation/fields';

/** What one search box finds, in the order the groups are shown. */
export const SEARCH_KINDS = ['organisation', 'person', 'meeting', 'agendaItem', 'decision', 'action', 'minutes', 'activity'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchQuerySchema = z.object({
  text: checkedText('line', (t) => t.max(200, 'error.tooLong')),
  /** Hits per kind; the palette shows a handful of each. */
  perKind: z.number().int().min(1).max(50).optional(),
});

export const searchResultSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.number().int(),
  title: z.string(),
  /** Where it belongs: the meeting and its date, the organisation of a person… */
  context: z.string().nullable(),
  /** The meeting that holds an agenda item, a decision, an action or minutes. */
  meetingId: z.number().int().nullable(),
  date: z.string().nullable(),
  archived: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchGroupSchema = z.object({ kind: z.enum(SEARCH_KINDS), items: z.array(searchResultSchema) });
export type SearchGroup = z.infer<typeof searchGroupSchema>;

export const searchAllSchema = z.object({ groups: z.array(searchGroupSchema) });
