import { translate, type Language } from '../../i18n/index';
import type { Entry } from './schemas';

/**
 * Any list of entries as a CSV file that a French spreadsheet opens as is: UTF-8 with a byte order
 * mark, `;` between fields, decimal commas, dates dd/mm/yyyy, CRLF line ends, quotes only when needed.
 */

const field = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** 3.5 → "3,5"; no thousands separator, so the spreadsheet reads a number. */
const decimal = (value: number, digits?: number) => (digits === undefined ? String(Math.round(value * 100) / 100) : value.toFixed(digits)).replace('.', ',');

const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const CSV_COLUMNS = ['date', 'organisation', 'person', 'category', 'nature', 'hours', 'minutes', 'rate', 'value', 'meeting', 'note'] as const;

export function entriesToCsv(entries: readonly Entry[], language: Language = 'fr'): string {
  const t = (key: string) => translate(language, key);
  const lines = [CSV_COLUMNS.map((c) => field(t(`time.csv.${c}`))).join(';')];
  for (const e of entries) {
    lines.push(
      [
        frenchDate(e.date),
        e.organisationName,
        e.personName ?? '',
        e.categoryName,
        t(`time.nature.${e.nature}`),
        decimal(e.minutes / 60),
        String(e.minutes),
        decimal(e.hourlyRateCents / 100, 2),
        decimal(e.valueCents / 100, 2),
        e.meetingId === null ? '' : String(e.meetingId),
        e.note ?? '',
      ]
        .map(field)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function csvFileName(from: string | null | undefined, to: string | null | undefined): string {
  return `saisies-temps${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`;
}
