/** CSV as French Excel reads and writes it: `;` separator, quotes doubled, CRLF, UTF-8 with a BOM. */

export const SEPARATORS = [';', '\t', ','] as const;
export type Separator = (typeof SEPARATORS)[number];

const MAX_KEPT_LENGTH = 200;
const MAX_KEPT_TEXTS = 100_000;

/** RFC 4180 records: quoted fields may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string, separator: string, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  // The same texts fill a column line after line (names, dates, durations): each kept once, so
  // that a 50 000-line file holds a few thousand strings rather than 350 000 (the garbage
  // collector copies every live one), and later lookups meet the very same string.
  const kept = new Map<string, string>();
  const keep = (value: string): string => {
    if (value.length > MAX_KEPT_LENGTH) return value;
    const known = kept.get(value);
    if (known !== undefined) return known;
    if (kept.size < MAX_KEPT_TEXTS) kept.set(value, value);
    return value;
  };
  let record: string[] = [];
  let field = '';
  // A quoted field was read, even if empty (""): the record has that field.
  let quoted = false;
  let i = 0;
  const n = text.length;
  const sep = separator.charCodeAt(0);
  while (i < n && records.length < maxRecords) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 && field === '' && !quoted) {
      // Quoted field: read to the closing quote.
      i++;
      let start = i;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          value += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 0x22) {
          value += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the separator is kept, as Excel does.
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === sep || c === 0x0a || c === 0x0d) break;
        value += text[i];
        i++;
      }
      field = value;
      quoted = true;
      continue;
    }
    if (ch === sep) {
      record.push(keep(field));
      field = '';
      quoted = false;
      i++;
      continue;
    }
    if (ch === 0x0a || ch === 0x0d) {
      record.push(keep(field));
      records.push(record);
      record = [];
      field = '';
      quoted = false;
      i += ch === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      continue;
    }
    const next = findNext(text, i, sep);
    field += text.slice(i, next);
    i = next;
  }
  if ((field !== '' || quoted || record.length > 0) && records.length < maxRecords) {
    record.push(keep(field));
    records.push(record);
  }
  return records;
}

function findNext(text: string, from: number, sep: number): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === sep || c === 0x0a || c === 0x0d) break;
    i++;
  }
  return i;
}

/**
 * The separator that splits the first lines into the same number of fields, more than one.
 * A French file with decimal commas split on "," gives uneven counts, so ";" wins there.
 */
export function detectSeparator(text: string): Separator {
  let best: { sep: Separator; score: number } = { sep: ';', score: -1 };
  for (const sep of SEPARATORS) {
    const records = parseCsv(text, sep, 30).filter((r) => r.some((c) => c.trim() !== ''));
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    const [mode, times] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    if (mode < 2) continue;
    // Consistency first, then the number of columns; ties go to the earlier (more French) separator.
    const score = (times / records.length) * 1000 + Math.min(mode, 999);
    if (score > best.score) best = { sep, score };
  }
  return best.sep;
}

/** Writing lives in shared/, one writer for every CSV the app makes (formula cells neutralised). */
export { UTF8_BOM, writeCsv } from '../../../../shared/format/csv';
