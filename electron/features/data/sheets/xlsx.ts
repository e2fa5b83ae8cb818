import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { AppError } from '../../../../shared/api/errors';

/**
 * XLSX (SpreadsheetML) read and written directly: a zip of a few XML parts. Enough of the format
 * for lists: shared and inline strings, numbers, booleans, dates as serial numbers with a date
 * style, merged cells, the first worksheet.
 */

/**
 * A cell as read: text, a number, a boolean, a calendar date (from a date-styled serial), a
 * duration (a time-styled number such as LibreOffice makes of `1:30`, in whole minutes), or nothing.
 */
export type Cell = string | number | boolean | { date: string } | { minutes: number } | null;

export interface SheetData {
  name: string;
  /** Rows in sheet order, index 0 = row 1; cells by column, index 0 = column A. Empty rows are empty arrays. */
  rows: Cell[][];
  /** Merged ranges, zero-based and inclusive. */
  merges: { top: number; left: number; bottom: number; right: number }[];
}

/** Beyond this, a part is refused before being inflated (a zip bomb would otherwise fill the memory). */
const MAX_PART_BYTES = 200 * 1024 * 1024;

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function xmlUnescape(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Control characters are not allowed in XML 1.0: SpreadsheetML escapes them as _xHHHH_.
      // eslint-disable-next-line no-control-regex -- exactly what must be escaped
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`)
  );
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? xmlUnescape(m[1]!) : undefined;
}

/** "AB12" → { row: 11, col: 27 } (zero-based). */
export function parseRef(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref.toUpperCase());
  if (!m) throw new AppError('VALIDATION', 'data.import.badXlsx', { detail: ref });
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function columnName(col: number): string {
  let name = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Text of an <si> or <is>: its runs, without phonetic guides. */
function richText(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] === undefined ? '' : xmlUnescape(m[1]);
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** A number format shows a date when it has day/month/year codes outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^[#0.,\s%]*$/.test(bare);
}

/**
 * A number format shows a time of day or a duration (`hh:mm`, `[h]:mm`, `hh:mm:ss AM/PM`): hours
 * or seconds, and no day or year. The cell's value is then a fraction of a day.
 */
export function isTimeFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"|\\./g, '')
    .replace(/AM\/PM|A\/P/gi, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '');
  return /[hs]/i.test(bare) && !/[dy]/i.test(bare);
}

const BUILTIN_TIME_FORMATS = new Set([18, 19, 20, 21, 45, 46, 47]);

/** Excel's serial day number → ISO date (1900 system with its phantom 29 Feb 1900, or 1904). */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const epoch = Date.UTC(1899, 11, 30);
  const adjusted = !date1904 && days < 61 ? days + 1 : days;
  return new Date(epoch + adjusted * 86_400_000).toISOString().slice(0, 10);
}

export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** Reads the first worksheet of an XLSX file. */
export function readXlsx(bytes: Uint8Array): SheetData {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const wanted = file.name === 'xl/workbook.xml' || file.name === 'xl/_rels/workbook.xml.rels' || file.name === 'xl/sharedStrings.xml' || file.name === 'xl/styles.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
        if (wanted && file.originalSize > MAX_PART_BYTES) throw new AppError('VALIDATION', 'data.import.tooLarge', { limit: '200 Mo' });
        return wanted;
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION', 'data.import.badXlsx', { detail: error instanceof Error ? error.message : String(error) }, undefined, error);
  }
  // Strict UTF-8: a broken part is refused, never read with U+FFFD in place of its characters.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const text = (name: string) => {
    if (!files[name]) return null;
    try {
      return utf8.decode(files[name]);
    } catch {
      throw new AppError('VALIDATION', 'data.import.badXlsx', { detail: `${name} (UTF-8)` });
    }
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new AppError('VALIDATION', 'data.import.badXlsx', { detail: 'xl/workbook.xml' });
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
  const firstSheet = /<sheet\b([^>]*)\/?>/.exec(workbook);
  if (!firstSheet) throw new AppError('VALIDATION', 'data.import.badXlsx', { detail: 'sheet' });
  const sheetName = attr(firstSheet[1]!, 'name') ?? 'Feuille1';
  const relId = attr(firstSheet[1]!, 'r:id');
  let sheetPath = 'xl/worksheets/sheet1.xml';
  const rels = text('xl/_rels/workbook.xml.rels');
  if (rels && relId) {
    for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      if (attr(m[1]!, 'Id') === relId) sheetPath = resolveTarget('xl/workbook.xml', attr(m[1]!, 'Target') ?? '');
    }
  }
  const sheet = text(sheetPath);
  if (sheet === null) throw new AppError('VALIDATION', 'data.import.badXlsx', { detail: sheetPath });

  const shared: string[] = [];
  const sst = text('xl/sharedStrings.xml');
  if (sst) for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(m[1] === undefined ? '' : richText(m[1]));

  const dateStyles = new Set<number>();
  const timeStyles = new Set<number>();
  const styles = text('xl/styles.xml');
  if (styles) {
    const custom = new Map<number, string>();
    for (const m of styles.matchAll(/<numFmt\b([^>]*)\/?>/g)) custom.set(Number(attr(m[1]!, 'numFmtId')), attr(m[1]!, 'formatCode') ?? '');
    const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    let index = 0;
    for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>[\s\S]*?<\/xf>)/g)) {
      const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
      if (BUILTIN_TIME_FORMATS.has(id) || (custom.has(id) && isTimeFormat(custom.get(id)!))) timeStyles.add(index);
      else if (BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dateStyles.add(index);
      index++;
    }
  }

  const rows: Cell[][] = [];
  const sheetData = /<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(sheet)?.[1] ?? '';
  let nextRow = 0;
  for (const rowMatch of sheetData.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attr(rowMatch[1]!, 'r');
    const rowIndex = r ? Number(r) - 1 : nextRow;
    nextRow = rowIndex + 1;
    const cells: Cell[] = [];
    let nextCol = 0;
    for (const c of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = attr(attrs, 'r');
      const col = ref ? parseRef(ref).col : nextCol;
      nextCol = col + 1;
      const body = c[2] ?? '';
      const type = attr(attrs, 't') ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: Cell = null;
      if (type === 's') value = v === undefined ? null : (shared[Number(v)] ?? null);
      else if (type === 'inlineStr') value = richText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (type === 'str' || type === 'e') value = v === undefined ? null : xmlUnescape(v);
      else if (type === 'b') value = v === '1';
      else if (type === 'd') value = v === undefined ? null : { date: xmlUnescape(v).slice(0, 10) };
      else if (v !== undefined) {
        const num = Number(v);
        const style = Number(attr(attrs, 's') ?? 0);
        if (timeStyles.has(style) && Number.isFinite(num)) value = { minutes: Math.round(num * 24 * 60) };
        else {
          const iso = dateStyles.has(style) ? serialToIso(num, date1904) : null;
          value = iso ? { date: iso } : num;
        }
      }
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    while (rows.length < rowIndex) rows.push([]);
    rows[rowIndex] = cells;
  }

  const merges: SheetData['merges'] = [];
  for (const m of sheet.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const a = parseRef(m[1]!);
    const b = parseRef(m[2]!);
    merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) });
  }
  return { name: sheetName, rows, merges };
}

/** Every cell of a merged range takes the value of its top-left cell, as the eye reads it. */
export function fillMerges(sheet: SheetData): Cell[][] {
  const rows = sheet.rows.map((r) => [...r]);
  for (const m of sheet.merges) {
    const value = rows[m.top]?.[m.left] ?? null;
    for (let r = m.top; r <= m.bottom; r++) {
      while (rows.length <= r) rows.push([]);
      const row = rows[r]!;
      for (let c = m.left; c <= m.right; c++) {
        while (row.length <= c) row.push(null);
        row[c] = value;
      }
    }
  }
  return rows;
}

// ——— Writing ———

/** A cell to write: text, a number, a date (ISO), an amount in cents, or nothing. */
export type WriteCell =
  | string
  | number
  | null
  | { date: string }
  | { cents: number }
  | { decimal: number };

export interface WriteSheet {
  name: string;
  rows: readonly (readonly WriteCell[])[];
  /** The first row is a header: bold, frozen. */
  header?: boolean;
  /** Ranges such as "A1:D1". */
  merges?: readonly string[];
  /** Column widths in characters. */
  widths?: readonly number[];
  /** Write strings inline (t="inlineStr") instead of through the shared-strings table. */
  inlineStrings?: boolean;
}

// Style indexes of styles.xml below.
const STYLE = { date: 1, money: 2, header: 3, decimal: 4 } as const;

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** Builds an XLSX file of one worksheet. The output is deterministic (fixed zip dates). */
export function writeXlsx(spec: WriteSheet): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const sharedIndex = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  let stringCount = 0;

  const rowsXml: string[] = [];
  spec.rows.forEach((row, r) => {
    const header = spec.header && r === 0;
    const cells: string[] = [];
    row.forEach((value, c) => {
      if (value === null || value === '') return;
      const ref = `${columnName(c)}${r + 1}`;
      const style = header ? ` s="${STYLE.header}"` : '';
      if (typeof value === 'string') {
        stringCount++;
        if (spec.inlineStrings) cells.push(`<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(value)}</t></is></c>`);
        else cells.push(`<c r="${ref}"${style} t="s"><v>${sharedIndex(value)}</v></c>`);
      } else if (typeof value === 'number') {
        cells.push(`<c r="${ref}"${style}><v>${value}</v></c>`);
      } else if ('date' in value) {
        cells.push(`<c r="${ref}" s="${STYLE.date}"><v>${isoToSerial(value.date)}</v></c>`);
      } else if ('cents' in value) {
        cells.push(`<c r="${ref}" s="${STYLE.money}"><v>${value.cents / 100}</v></c>`);
      } else {
        cells.push(`<c r="${ref}" s="${STYLE.decimal}"><v>${value.decimal}</v></c>`);
      }
    });
    rowsXml.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });

  const cols = spec.widths?.length
    ? `<cols>${spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const pane = spec.header ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' : '';
  const merges = spec.merges?.length ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const sheetXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${pane}${cols}<sheetData>${rowsXml.join('')}</sheetData>${merges}</worksheet>`;
  const sstXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${stringCount}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('') +
    '</sst>';
  const sheetName = xmlEscape(spec.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Feuille1');

  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
        '</Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
    'xl/styles.xml': strToU8(STYLES_XML),
    'xl/sharedStrings.xml': strToU8(sstXml),
  };
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
