import { AppError } from '../../../../shared/api/errors';
import { headerKey, IMPORT_FIELDS, suggestMapping, type ImportField, type ImportType } from '../../../../shared/features/data/import-fields';
import type { ImportIssue } from '../../../../shared/features/data/schemas';
import { cellText } from '../sheets/values';
import { columnName, type Cell } from '../sheets/xlsx';

/** One data line of the file with its cells picked out by field. */
export interface MappedRow {
  line: number;
  cells: Record<string, Cell>;
}

export interface MappedTable {
  headerLine: number;
  headers: string[];
  mapping: (string | null)[];
  rows: MappedRow[];
  /** Problems with the columns themselves (a required field no column gives). */
  issues: ImportIssue[];
  /** Field → the column title it comes from, for error messages. */
  columnOf: Record<string, string>;
}

const HEADER_SEARCH_LINES = 20;

const isEmpty = (row: Cell[] | undefined) => !row || row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/**
 * The line of column titles: among the first lines, the one whose titles match the most known
 * fields (a title line merged across the sheet, or a blank line, comes before it); else the
 * first non-empty line.
 */
export function findHeaderLine(type: ImportType, rows: Cell[][], fields: readonly ImportField[] = IMPORT_FIELDS[type]): number {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_LINES); i++) {
    const row = rows[i];
    if (isEmpty(row)) continue;
    const texts = row!.map((c) => (typeof c === 'string' ? c : ''));
    const distinct = new Set(texts.filter((t) => t.trim() !== ''));
    const matches = suggestMapping(type, texts, fields).filter((m) => m !== null).length;
    // A title merged across the sheet reads as one text repeated: it loses to any line of real titles.
    const score = distinct.size < 2 ? Math.min(matches, 0.5) : matches;
    if (best === -1 || score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

function columnTitle(header: Cell | undefined, index: number): string {
  const text = cellText(header).trim();
  return text === '' ? `Colonne ${index + 1}` : text;
}

/**
 * Picks the header line, the mapping (given, or suggested from the titles) and the data lines,
 * skipping empty ones. Line numbers are the file's own, as the spreadsheet shows them.
 */
export function mapTable(
  type: ImportType,
  rows: Cell[][],
  givenMapping?: readonly (string | null)[],
  fields: readonly ImportField[] = IMPORT_FIELDS[type],
): MappedTable {
  const headerIndex = findHeaderLine(type, rows, fields);
  if (headerIndex === -1) throw new AppError('VALIDATION', 'data.import.noData');
  const headerRow = rows[headerIndex]!;
  let width = headerRow.length;
  while (width > 0 && cellText(headerRow[width - 1]).trim() === '') width--;
  const headers = Array.from({ length: width }, (_, i) => columnTitle(headerRow[i], i));

  const known = new Set(fields.map((f) => f.key));
  let mapping: (string | null)[];
  if (givenMapping) {
    mapping = headers.map((_, i) => givenMapping[i] ?? null);
    const seen = new Set<string>();
    for (const field of mapping) {
      if (field === null) continue;
      if (!known.has(field)) throw new AppError('VALIDATION', 'data.import.unknownField', { field });
      if (seen.has(field)) throw new AppError('VALIDATION', 'data.import.fieldTwice', { field });
      seen.add(field);
    }
  } else {
    mapping = suggestMapping(type, headers, fields);
  }

  const columnOf: Record<string, string> = {};
  mapping.forEach((field, i) => {
    if (field) columnOf[field] = headers[i]!;
  });
  const issues: ImportIssue[] = [];
  // Two columns titled alike: which one holds the value is a guess, and a saved mapping (keyed by title) could not tell them apart.
  const titleAt = new Map<string, number>();
  headers.forEach((title, i) => {
    const key = headerKey(title);
    const first = titleAt.get(key);
    if (first === undefined) titleAt.set(key, i);
    else issues.push({ line: headerIndex + 1, column: title, field: null, key: 'data.import.headerTwice', params: { title, first: columnName(first), second: columnName(i) } });
  });
  for (const field of fields) {
    if (field.required && !(field.key in columnOf)) {
      issues.push({ line: headerIndex + 1, column: null, field: field.key, key: 'data.import.missingColumn', params: { field: field.label } });
    }
  }

  // The mapped columns once, not looked for again on each of tens of thousands of lines.
  const fieldsAt: string[] = [];
  const columnsAt: number[] = [];
  mapping.forEach((field, c) => {
    if (!field) return;
    fieldsAt.push(field);
    columnsAt.push(c);
  });
  const out: MappedRow[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i];
    if (isEmpty(row)) continue;
    const cells: Record<string, Cell> = {};
    for (let f = 0; f < fieldsAt.length; f++) {
      const value = row![columnsAt[f]!] ?? null;
      const trimmed = typeof value === 'string' ? value.trim() : value;
      cells[fieldsAt[f]!] = trimmed === '' ? null : trimmed;
    }
    out.push({ line: i + 1, cells });
  }
  return { headerLine: headerIndex + 1, headers, mapping, rows: out, issues, columnOf };
}
