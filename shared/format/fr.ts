/** Numbers, money and dates the French way, through Intl (62 000 €, 1,0 ETP, 12 mars 2026). */
export type Locale = 'fr' | 'en';
const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function formatMoney(cents: number, locale: Locale = 'fr', options: { decimals?: boolean } = {}): string {
  const decimals = options.decimals ?? cents % 100 !== 0;
  return new Intl.NumberFormat(tag(locale), {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: decimals ? 2 : 0,
    maximumFractionDigits: decimals ? 2 : 0,
  }).format(cents / 100);
}

export function formatNumber(value: number, locale: Locale = 'fr', fractionDigits?: number): string {
  return new Intl.NumberFormat(tag(locale), fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const DATE_STYLES: Record<'long' | 'short' | 'weekday', Intl.DateTimeFormatOptions> = {
  long: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  short: { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' },
  weekday: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
};

/**
 * The app's one date format: ISO date (YYYY-MM-DD) → "12 mars 2026", and "1er mars 2026" for the
 * first of a month, as French writes it. UI, documents, messages and tests all go through it.
 * A calendar day is formatted in UTC, so no time zone shifts it (use `localDay` to get the day
 * of an instant first).
 */
export function formatDate(iso: string | null | undefined, locale: Locale = 'fr', style: 'long' | 'short' | 'weekday' = 'long'): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const key = `${locale}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag(locale), DATE_STYLES[style]);
    dateFormats.set(key, format);
  }
  const text = format.format(date);
  // « 1er » after the weekday too: « jeudi 1er octobre 2026 ».
  return locale === 'fr' && style !== 'short' && date.getUTCDate() === 1 ? text.replace(/^(\S+ )?1(?=\s)/, (_, weekday: string | undefined) => `${weekday ?? ''}1er`) : text;
}

/** A month (`YYYY-MM`) → "mars 2026", with the same formats as `formatDate`. */
export function formatMonth(month: string, locale: Locale = 'fr'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const key = `${locale}|month`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format.format(new Date(Date.UTC(y, m - 1, 1)));
}

/** The same as `formatDate` (kept for the callers that named the ordinal explicitly). */
export function formatDateLong(iso: string, locale: Locale = 'fr'): string {
  return formatDate(iso, locale);
}

/**
 * Parses an amount typed the French way ("1 250,50", "1250.5", "12 €") into cents.
 * Returns null when it is not an amount.
 */
export function parseEuros(input: string): number | null {
  const cleaned = input.replace(/[\s\u00A0\u202F€]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/** Cents → "1250,50" for an input field (no thousands separator, so it parses back). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents == null) return '';
  const euros = (cents / 100).toFixed(2);
  return euros.endsWith('.00') ? euros.slice(0, -3) : euros.replace('.', ',');
}
