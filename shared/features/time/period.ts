/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

export function parseIso(iso: string): Date {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = parseIso(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIso(to).getTime() - parseIso(from).getTime()) / 86_400_000) + 1;
}

/** `2026-03` → first and last day of that month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** `2026-03`, −1 → `2026-02`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every `YYYY-MM` the period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = shiftMonth(month, 1)) out.push(month);
  return out;
}

/**
 * The length of a period in months: each whole calendar month counts 1, a partial month the
 * share of its days that the period covers. Whole months give exact figures — 1 January 2024 to
 * 30 June 2026 is exactly 30 months, 2.5 years — which is what ETP pro rata needs.
 */
export function monthsInPeriod(from: string, to: string): number {
  if (to < from) return 0;
  let months = 0;
  for (const month of monthsOf(from, to)) {
    const range = monthRange(month);
    const start = from > range.from ? from : range.from;
    const end = to < range.to ? to : range.to;
    const [y, m] = month.split('-').map(Number) as [number, number];
    months += daysBetween(start, end) / daysInMonth(y, m);
  }
  return months;
}

/**
 * Full-time equivalents given over a period: hours ÷ (the hours of one ETP a year × the years of
 * the period), the years counted in months ÷ 12. 4 017,5 h over 30 months at 1 607 h is 1,0.
 */
export function etpOf(minutes: number, from: string, to: string, etpHours: number): number {
  return etpOverMonths(minutes, monthsInPeriod(from, to), etpHours);
}

/** The same, when the length of the period in months is already known (summaries compute it once). */
export function etpOverMonths(minutes: number, months: number, etpHours: number): number {
  if (months <= 0 || etpHours <= 0) return 0;
  return minutes / 60 / ((etpHours * months) / 12);
}

/** Hours that `etp` full-time equivalents represent over a period (the inverse of etpOf), in minutes. */
export function etpToMinutes(etp: number, from: string, to: string, etpHours: number): number {
  return Math.round(etp * etpHours * (monthsInPeriod(from, to) / 12) * 60);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const day = parseIso(iso).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The weeks of a month as the grid shows them: Monday to Sunday, cut at the month's edges,
 * so every day of the month is in exactly one column.
 */
export function weeksOfMonth(month: string): { from: string; to: string }[] {
  const { from, to } = monthRange(month);
  const weeks: { from: string; to: string }[] = [];
  let start = from;
  while (start <= to) {
    const end = addDays(start, 7 - isoWeekday(start));
    weeks.push({ from: start, to: end < to ? end : to });
    start = addDays(end, 1);
  }
  return weeks;
}

export function daysOfMonth(month: string): string[] {
  const { from, to } = monthRange(month);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The financial year a date falls in, named by its first calendar year (start month 1 = calendar year). */
export function financialYearOf(iso: string, startMonth: number): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return startMonth === 1 || month >= startMonth ? year : year - 1;
}

/** Quarter 1–4 of the financial year. */
export function financialQuarterOf(iso: string, startMonth: number): number {
  const month = Number(iso.slice(5, 7));
  return Math.floor(((month - startMonth + 12) % 12) / 3) + 1;
}

/** First and last day of a financial year (or of one of its quarters). */
export function financialRange(year: number, startMonth: number, quarter?: number): { from: string; to: string } {
  const first = `${year}-${String(startMonth).padStart(2, '0')}`;
  const start = quarter ? shiftMonth(first, (quarter - 1) * 3) : first;
  const end = shiftMonth(start, quarter ? 2 : 11);
  return { from: monthRange(start).from, to: monthRange(end).to };
}

/**
 * More than a year after `today`: time given that far ahead is most likely a typo (2062 for
 * 2026). The form asks for a confirmation; an import refuses the line.
 */
export function isFarFuture(date: string, today: string): boolean {
  const nextYear = `${String(Number(today.slice(0, 4)) + 1).padStart(4, '0')}${today.slice(4, 10)}`;
  return date.slice(0, 10) > nextYear;
}
