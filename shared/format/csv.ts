/**
 * The one CSV writer of the app (list exports, time entries): `;` separator, quotes doubled,
 * CRLF, for French Excel. Every text cell goes through `neutraliseFormula`, so a name typed as
 * `=HYPERLINK(…)` is shown as text by the spreadsheet instead of being run.
 */

/**
 * A number, written with a decimal comma; it stays a number for the spreadsheet (a negative
 * amount is not a formula). Text that looks like a number is still text and is neutralised.
 */
export interface CsvNumber {
  number: number;
  /** Fixed decimals (2 for euros); default: as many as needed, two at most. */
  digits?: number;
}

export type CsvCell = string | CsvNumber | null;

/** OWASP's CSV injection rule: these first characters make Excel or LibreOffice read a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as the spreadsheet must show it: a leading `'` before a formula's first character. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** 3.5 → "3,5", -1.5 → "-1,5": no thousands separator, so the spreadsheet reads a number. */
export function csvDecimal(value: number, digits?: number): string {
  const text = digits === undefined ? String(Math.round(value * 100) / 100) : value.toFixed(digits);
  return text.replace('.', ',');
}

function quote(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvField(cell: CsvCell, separator = ';'): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return quote(neutraliseFormula(cell), separator);
  if (!Number.isFinite(cell.number)) return '';
  return quote(csvDecimal(cell.number, cell.digits), separator);
}

/** Text of a CSV file, lines ended by CRLF; prefix the BOM when writing it for Excel. */
export function writeCsv(rows: readonly (readonly CsvCell[])[], separator = ';'): string {
  return rows.map((row) => row.map((v) => csvField(v, separator)).join(separator)).join('\r\n') + '\r\n';
}

export const UTF8_BOM = '\uFEFF';
