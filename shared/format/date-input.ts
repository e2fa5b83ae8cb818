/**
 * Dates, times and months as a person types them in France (`10/09/2026`, `10 sept. 2026`, `9 h 30`,
 * `septembre 2026`), read into the ISO text the store keeps (`2026-09-10`, `09:30`, `2026-09`), and
 * written back the French way whatever the browser's own language. Pure: no clock, no DOM.
 */

export type DateParse = { ok: true; iso: string } | { ok: false; reason: DateParseError };
export type DateParseError = 'empty' | 'unreadable' | 'noSuchDay' | 'yearOutOfRange';
export type TimeParse = { ok: true; time: string } | { ok: false; reason: 'empty' | 'unreadable' | 'outOfRange' };
export type MonthParse = { ok: true; month: string } | { ok: false; reason: 'empty' | 'unreadable' | 'yearOutOfRange' };

/** Years the store accepts (the contract's `year` bounds). */
const MIN_YEAR = 1901;
const MAX_YEAR = 2200;

/** Month names without accents, French first, then English: the prefix a person types is matched against them. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['janvier', 'january'],
  ['fevrier', 'february'],
  ['mars', 'march'],
  ['avril', 'april'],
  ['mai', 'may'],
  ['juin', 'june'],
  ['juillet', 'july'],
  ['aout', 'august'],
  ['septembre', 'september'],
  ['octobre', 'october'],
  ['novembre', 'november'],
  ['decembre', 'december'],
];

const WEEKDAYS = /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s+/;

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u00a0\u202f\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The month a word names (`sept`, `sept.`, `septembre`, `févr`), or null when none or several match. */
export function monthFromName(word: string): number | null {
  const w = normalise(word).replace(/\.$/, '');
  if (w.length < 3) return null;
  const matches = new Set<number>();
  MONTH_NAMES.forEach((names, i) => {
    if (names.some((name) => name === w || (w.length >= 3 && name.startsWith(w)))) matches.add(i + 1);
  });
  // « juin » and « juil. » share « jui »: an ambiguous prefix is not a month.
  return matches.size === 1 ? [...matches][0]! : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Two-digit years are this century up to 69, the last one from 70 (`26` → 2026, `85` → 1985). */
function fullYear(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (/^\d{2}$/.test(text)) {
    const n = Number(text);
    return n < 70 ? 2000 + n : 1900 + n;
  }
  return null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function checkedDate(year: number, month: number, day: number): DateParse {
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: 'yearOutOfRange' };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'noSuchDay' };
  return { ok: true, iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/**
 * Reads a typed date: `10/09/2026`, `10/9/26`, `10.09.2026`, `10-09-2026`, `10 sept. 2026`,
 * `10 septembre 2026`, `1er mars 2026`, `jeudi 10 septembre 2026`, and the ISO `2026-09-10`.
 * Day first, always: `10/09` is the 10th of September.
 */
export function parseFrenchDate(text: string): DateParse {
  let s = normalise(text);
  if (s === '') return { ok: false, reason: 'empty' };
  s = s.replace(WEEKDAYS, '');

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return checkedDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)$/.exec(s);
  if (numeric) {
    const year = fullYear(numeric[3]!);
    if (year === null) return { ok: false, reason: 'unreadable' };
    return checkedDate(year, Number(numeric[2]), Number(numeric[1]));
  }

  const named = /^(\d{1,2})\s*(?:er)?\s*([a-z]+\.?)\s*(\d+)$/.exec(s);
  if (named) {
    const month = monthFromName(named[2]!);
    const year = fullYear(named[3]!);
    if (month === null || year === null) return { ok: false, reason: 'unreadable' };
    return checkedDate(year, month, Number(named[1]));
  }
  return { ok: false, reason: 'unreadable' };
}

/** Reads a typed time of day: `9:30`, `09:30`, `9h30`, `9 h 30`, `9h`, `9`, `0930`. */
export function parseFrenchTime(text: string): TimeParse {
  const s = normalise(text);
  if (s === '') return { ok: false, reason: 'empty' };
  const m = /^(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return { ok: false, reason: 'unreadable' };
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return { ok: false, reason: 'outOfRange' };
  return { ok: true, time: `${pad(hours)}:${pad(minutes)}` };
}

/** Reads a typed month: `09/2026`, `9/26`, `septembre 2026`, `sept. 2026`, and the ISO `2026-09`. */
export function parseFrenchMonth(text: string): MonthParse {
  const s = normalise(text);
  if (s === '') return { ok: false, reason: 'empty' };
  let year: number | null = null;
  let month: number | null = null;
  const iso = /^(\d{4})-(\d{1,2})$/.exec(s);
  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d+)$/.exec(s);
  const named = /^([a-z]+\.?)\s*(\d+)$/.exec(s);
  if (iso) [year, month] = [Number(iso[1]), Number(iso[2])];
  else if (numeric) [year, month] = [fullYear(numeric[2]!), Number(numeric[1])];
  else if (named) [year, month] = [fullYear(named[2]!), monthFromName(named[1]!)];
  if (year === null || month === null || month < 1 || month > 12) return { ok: false, reason: 'unreadable' };
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: 'yearOutOfRange' };
  return { ok: true, month: `${pad(year, 4)}-${pad(month)}` };
}

function isoParts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** `2026-09-10` → `10/09/2026`, the text a date field shows. Anything else comes back as is. */
export function formatDateField(iso: string): string {
  const p = isoParts(iso);
  return p ? `${pad(p[2])}/${pad(p[1])}/${pad(p[0], 4)}` : iso;
}

/** `2026-09` → `09/2026`, the text a month field shows. */
export function formatMonthField(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}/${m[1]}` : month;
}

/** Calendar arithmetic on ISO days, in UTC so that no time zone or summer time shifts a day. */
export function addDays(iso: string, days: number): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2] + days));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The same day `months` later, kept inside the target month (31 January + 1 month = 28 or 29 February). */
export function addMonthsToDate(iso: string, months: number): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const first = new Date(Date.UTC(p[0], p[1] - 1 + months, 1));
  const year = first.getUTCFullYear();
  const month = first.getUTCMonth() + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(p[2], daysInMonth(year, month)))}`;
}

export function addMonths(month: string, months: number): string {
  return addMonthsToDate(`${month}-01`, months).slice(0, 7);
}

/** `09:30` ± minutes, wrapping around midnight. */
export function addMinutes(time: string, minutes: number): string {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return time;
  const total = (((Number(m[1]) * 60 + Number(m[2]) + minutes) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/**
 * The weeks of a month for a calendar grid, Monday first as in France: each week is seven ISO days,
 * with null for the days of the neighbouring months.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const offset = (new Date(Date.UTC(year, monthNumber - 1, 1)).getUTCDay() + 6) % 7;
  const count = daysInMonth(year, monthNumber);
  const cells: (string | null)[] = Array.from({ length: offset }, () => null);
  for (let day = 1; day <= count; day++) cells.push(`${month}-${pad(day)}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as a sentence says it: « 2 décembre 2026 à 14 h 37 » (`2 December 2026 at 14:37` in
 * English), in the given time zone or the machine's. For backups and other moments, not calendar days.
 */
export function formatInstant(iso: string, language: 'fr' | 'en', timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `${language}|${timeZone ?? ''}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    instantFormats.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  const day = language === 'fr' && parts.day === '1' ? '1er' : parts.day;
  return language === 'fr'
    ? `${day} ${parts.month} ${parts.year} à ${Number(parts.hour)} h ${parts.minute}`
    : `${day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** The instant a backup's file name carries (`maillage-manuel-2026-12-02T13-37-05.sqlite`, in UTC), or null. */
export function backupInstant(name: string): string | null {
  const m = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(name);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z` : null;
}
