import { unzipSync, strFromU8 } from 'fflate';

export interface DocxContent {
  /** word/document.xml as is. */
  xml: string;
  /** Every paragraph's visible text, in order (tables included). */
  paragraphs: string[];
  /** Headings with their level, from the paragraph style (Heading1 → 1, Title → 0). */
  headings: { level: number; text: string }[];
  /** Each table as rows of cell texts. */
  tables: string[][][];
  /** Rows flagged to repeat as header on each page, per table. */
  repeatedHeaderRows: number[];
  headers: string[];
  footers: string[];
  media: string[];
  /** Alternative text (descr) of every drawing. */
  altTexts: string[];
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function paragraphText(xml: string): string {
  return decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => m[1] ?? '\t').join(''));
}

/** Opens a .docx the way a reader would: unzip, then read the XML parts. */
export function readDocx(bytes: Uint8Array): DocxContent {
  const files = unzipSync(bytes);
  const part = (name: string) => (files[name] ? strFromU8(files[name]!) : '');
  const xml = part('word/document.xml');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => paragraphText(m[0]));
  const headings = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].flatMap((m) => {
    const style = /<w:pStyle w:val="(Heading(\d)|Title)"\/>/.exec(m[0]);
    if (!style) return [];
    return [{ level: style[2] ? Number(style[2]) : 0, text: paragraphText(m[0]) }];
  });
  const tableXml = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  const tables = tableXml.map((t) =>
    [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => paragraphText(p[0])).join('\n')),
    ),
  );
  const repeatedHeaderRows = tableXml.map((t) => (t.match(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1)"\/>/g) ?? []).length);
  const names = Object.keys(files);
  return {
    xml,
    paragraphs,
    headings,
    tables,
    repeatedHeaderRows,
    headers: names.filter((n) => /^word\/header\d*\.xml$/.test(n)).map(part),
    footers: names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(part),
    media: names.filter((n) => n.startsWith('word/media/')),
    altTexts: [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => decode(m[1]!)),
  };
}

/** The visible text with non-breaking spaces turned into plain ones, for readable assertions. */
export function plain(value: string): string {
  return value.replace(/[\u00A0\u202F]/g, ' ');
}
