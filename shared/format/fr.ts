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

/** ISO date (YYYY-MM-DD) → "12 mars 2026". */
export function formatDate(iso: string | null | undefined, locale: Locale = 'fr', style: 'long' | 'short' = 'long'): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return new Intl.DateTimeFormat(tag(locale), style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "1er" for the first day of a month, as French writes it. */
export function formatDateLong(iso: string, locale: Locale = 'fr'): string {
  const out = formatDate(iso, locale);
  return locale === 'fr' ? out.replace(/^1 /, '1er ') : out;
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
