import { localDay } from '../../shared/format/day';
import { formatInstant } from '../../shared/format/date-input';
import { formatDate as formatSharedDate } from '../../shared/format/fr';
import type { Language } from '../../shared/i18n/index';
import { userTimeZone } from '../api/client';

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

/** `2026-03-12` → `12 mars 2026`, `1er mars 2026`: the app's one date format (shared/format/fr.ts). */
export function formatDate(iso: string | null | undefined, language: Language): string {
  return formatSharedDate(iso, language);
}

/** Month names for pickers, 1 = January, capitalised for a list. */
export function monthNames(language: Language): string[] {
  const f = dateFormat(LOCALES[language], { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => {
    const name = f.format(new Date(Date.UTC(2000, i, 1)));
    return name.charAt(0).toLocaleUpperCase(LOCALES[language]) + name.slice(1);
  });
}

/**
 * Today as an ISO calendar day where the user is (see `userTimeZone`), never the UTC date. The
 * renderer's one reading of the clock: Playwright fixes it with `page.clock`.
 */
export function todayIso(now: Date = new Date()): string {
  return localDay(now, userTimeZone());
}

/** The calendar year of `todayIso()`, the default year of the yearly screens. */
export function currentYear(now?: Date): number {
  return Number(todayIso(now).slice(0, 4));
}

/** The local day of an instant (an ISO timestamp stored by main), for display with `formatDate`. */
export function dayOfInstant(iso: string): string {
  return localDay(new Date(iso), userTimeZone());
}

/** The hour and minute of an instant where the user is (`17:30`). */
export function timeOfInstant(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: userTimeZone() });
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

/** « 2 décembre 2026 à 14 h 37 », where the user is. */
export function formatMoment(iso: string, language: 'fr' | 'en'): string {
  return formatInstant(iso, language, userTimeZone());
}
