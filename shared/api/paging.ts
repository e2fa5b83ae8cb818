import { z } from 'zod';

/** How many rows a list screen shows at once: enough to scan, few enough to render at once. */
export const PAGE_SIZE = 100;

/**
 * Paging fields of a list query (`{ offset, limit }` → `{ items, total }`). Without `limit` a list
 * gives every row, as exports and pickers need; screens always ask for one page.
 */
export const pageFields = {
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
};

/** The rows of one page of an array already sorted (lists sorted in code, like French collation). */
export function pageOf<T>(rows: T[], page: { offset?: number; limit?: number }): T[] {
  const offset = page.offset ?? 0;
  return page.limit === undefined ? rows.slice(offset) : rows.slice(offset, offset + page.limit);
}
