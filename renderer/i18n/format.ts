import type { Language } from '../../shared/i18n/index';

/** Intl locales for the UI languages: French conventions first (`62 000 €`, `12 mars 2026`). */
export const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** Whole euros print without decimals (`62 000 €`), others with two (`1 250,50 €`). */
export function formatMoney(cents: number, language: Language): string {
  const whole = cents % 100 === 0;
  return numberFormat(LOCALES[language], {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** The amount as it is typed in a field, without the currency sign (`1 250,50`). */
export function formatMoneyInput(cents: number | null | undefined, language: Language): string {
  if (cents === null || cents === undefined) return '';
  const whole = cents % 100 === 0;
  return numberFormat(LOCALES[language], { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100);
}

export function formatNumber(value: number, language: Language, fractionDigits?: number): string {
  return numberFormat(
    LOCALES[language],
    fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
  ).format(value);
}

function dateFromIso(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** `2026-03-12` → `12 mars 2026`. Dates are calendar days: formatted in UTC so no time zone shifts them. */
export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = dateFromIso(iso);
  if (!date) return iso;
  const text = dateFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  // French writes the first of the month as an ordinal: « 1er mars 2026 ».
  return language === 'fr' && date.getUTCDate() === 1 ? text.replace(/^1(?=\s)/, '1er') : text;
}

/** Month names for pickers, 1 = January, capitalised for a list. */
export function monthNames(language: Language): string[] {
  const f = dateFormat(LOCALES[language], { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => {
    const name = f.format(new Date(Date.UTC(2000, i, 1)));
    return name.charAt(0).toLocaleUpperCase(LOCALES[language]) + name.slice(1);
  });
}

/** Today as an ISO calendar date in the local time zone. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export type MoneyParse = { ok: true; cents: number } | { ok: false; key: 'error.money' | 'error.moneyNegative' };

/**
 * Reads an amount typed by a person: `1 250,50`, `1250.5`, `62 000 €`. In French the comma is
 * the decimal mark (a dot is accepted too when there is no comma); in English the comma groups
 * thousands. An empty text is zero.
 */
export function parseMoney(text: string, language: Language): MoneyParse {
  let s = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (s === '') return { ok: true, cents: 0 };
  if (/^-/.test(s)) return { ok: false, key: 'error.moneyNegative' };
  if (language === 'en') s = s.replace(/,/g, '');
  else if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return { ok: false, key: 'error.money' };
  const [units, fraction = ''] = s.split('.') as [string, string?];
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { ok: false, key: 'error.money' };
  return { ok: true, cents };
}
