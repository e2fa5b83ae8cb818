import { daysOfMonth, isoWeekday, shiftMonth, weeksOfMonth } from './period';

/** Pure model of the month grid, shared by the page (as one types) and the tests. */

export interface GridEntry {
  personId: number | null;
  categoryId: number;
  date: string;
  minutes: number;
}

export interface GridColumn {
  from: string;
  to: string;
}

export function gridColumns(month: string, mode: 'days' | 'weeks'): GridColumn[] {
  return mode === 'weeks' ? weeksOfMonth(month) : daysOfMonth(month).map((d) => ({ from: d, to: d }));
}

export const rowKey = (personId: number | null, categoryId: number) => `${personId ?? 0}|${categoryId}`;

/** The n-th occurrence of its weekday in its month (1 for days 1–7, 2 for 8–14…). */
function occurrence(iso: string): number {
  return Math.ceil(Number(iso.slice(8, 10)) / 7);
}

/**
 * "Copy last month": each day of `month` takes what was given on the same weekday of the same
 * week of the previous month (the 2nd Tuesday from the 2nd Tuesday). A day with no twin (a fifth
 * Monday) stays empty. Entries of one line on one day are added up.
 */
export function copyMonthPattern(previous: readonly GridEntry[], month: string): GridEntry[] {
  const source = new Map<string, number>();
  for (const e of previous) {
    const key = `${rowKey(e.personId, e.categoryId)}|${isoWeekday(e.date)}|${occurrence(e.date)}`;
    source.set(key, (source.get(key) ?? 0) + e.minutes);
  }
  const rows = new Map<string, { personId: number | null; categoryId: number }>();
  for (const e of previous) rows.set(rowKey(e.personId, e.categoryId), { personId: e.personId, categoryId: e.categoryId });
  const out: GridEntry[] = [];
  for (const row of rows.values()) {
    for (const date of daysOfMonth(month)) {
      const minutes = source.get(`${rowKey(row.personId, row.categoryId)}|${isoWeekday(date)}|${occurrence(date)}`);
      if (minutes) out.push({ ...row, date, minutes });
    }
  }
  return out;
}

export function previousMonth(month: string): string {
  return shiftMonth(month, -1);
}

/** Minutes of one line in one column, from entries. */
export function cellMinutes(entries: readonly GridEntry[], personId: number | null, categoryId: number, column: GridColumn): number {
  let sum = 0;
  for (const e of entries) if (e.personId === personId && e.categoryId === categoryId && e.date >= column.from && e.date <= column.to) sum += e.minutes;
  return sum;
}
