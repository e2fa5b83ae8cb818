import { translate, type Language } from '../../i18n/index';
import { UTF8_BOM, writeCsv, type CsvCell } from '../../format/csv';
import type { Entry } from './schemas';

/**
 * Any list of entries as a CSV file that a French spreadsheet opens as is: UTF-8 with a byte order
 * mark, `;` between fields, decimal commas, dates dd/mm/yyyy, CRLF line ends, quotes only when needed.
 */

const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const CSV_COLUMNS = ['date', 'organisation', 'person', 'category', 'nature', 'hours', 'minutes', 'rate', 'value', 'meeting', 'note'] as const;

export function entriesToCsv(entries: readonly Entry[], language: Language = 'fr'): string {
  const t = (key: string) => translate(language, key);
  const rows: CsvCell[][] = [CSV_COLUMNS.map((c) => t(`time.csv.${c}`))];
  for (const e of entries) {
    rows.push([
      frenchDate(e.date),
      e.organisationName,
      e.personName,
      e.categoryName,
      t(`time.nature.${e.nature}`),
      { number: e.minutes / 60 },
      { number: e.minutes },
      { number: e.hourlyRateCents / 100, digits: 2 },
      { number: e.valueCents / 100, digits: 2 },
      e.meetingId === null ? null : { number: e.meetingId },
      e.note,
    ]);
  }
  return UTF8_BOM + writeCsv(rows);
}

export function csvFileName(from: string | null | undefined, to: string | null | undefined): string {
  return `saisies-temps${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`;
}
