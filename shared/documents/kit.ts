import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ISectionOptions,
} from 'docx';
import { frenchTypography } from './typography';

/**
 * The house style of every Maillage document: A4, Arial (Liberation Sans on Linux), the
 * association's header with its logo, "Page X / Y" in the footer, real heading styles (Word's
 * navigation pane lists them), tables whose header row repeats on every page, French typography.
 */

export const FONT = 'Arial';
export const ACCENT = '1F5F4A';
const BODY_SIZE = 21; // half-points: 10.5 pt
const A4_TEXT_WIDTH = 9638; // twips: 21 cm − 2 × 2 cm margins

export interface Letterhead {
  name: string;
  address?: string | null;
  postcode?: string | null;
  city?: string | null;
  email?: string | null;
  phone?: string | null;
  siret?: string | null;
  rna?: string | null;
  website?: string | null;
  logoDataUrl?: string | null;
}

/** "812 045 678 00016": SIREN by threes then the establishment's five digits, never split across lines. */
export function formatSiret(siret: string): string {
  const digits = siret.replace(/\s/g, '');
  return /^\d{14}$/.test(digits) ? digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1\u00A0$2\u00A0$3\u00A0$4') : siret;
}

/** Text run with French typography applied. */
export function text(value: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun {
  return new TextRun({ text: frenchTypography(value), ...options });
}

export function heading(value: string, level: 1 | 2 | 3 = 1): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  return new Paragraph({ heading: levels[level], children: [text(value)], keepNext: true });
}

export function title(value: string, subtitle?: string): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [text(value)] })];
  if (subtitle) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(subtitle, { size: 24, color: '444444' })] }));
  return out;
}

export function paragraph(value: string | TextRun[], options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ ...options, children: typeof value === 'string' ? [text(value)] : value });
}

/** "Label : value" on one line, label in bold. */
export function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [text(`${label} : `, { bold: true }), text(value)] });
}

export function bullet(value: string | TextRun[], level = 0): Paragraph {
  return new Paragraph({ numbering: { reference: 'bullets', level }, children: typeof value === 'string' ? [text(value)] : value });
}

export function numbered(value: string | TextRun[], reference = 'numbers'): Paragraph {
  return new Paragraph({ numbering: { reference, level: 0 }, children: typeof value === 'string' ? [text(value)] : value });
}

export interface Column {
  header: string;
  /** Share of the text width, in percent. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: 'B7C4BF' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function cell(content: string | Paragraph[], width: number, options: { header?: boolean; align?: Column['align']; height?: number; keepNext?: boolean; emphasis?: boolean } = {}) {
  const alignment = options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  const children =
    typeof content === 'string'
      ? content
          .split('\n')
          .map((line) => new Paragraph({ alignment, keepNext: options.keepNext, keepLines: true, children: [text(line, { bold: options.header || options.emphasis, color: options.header ? 'FFFFFF' : undefined })] }))
      : content;
  return new TableCell({
    width: { size: Math.round((A4_TEXT_WIDTH * width) / 100), type: WidthType.DXA },
    borders,
    shading: options.header ? { fill: ACCENT, color: 'auto', type: 'clear' } : options.emphasis ? { fill: 'E8EFEC', color: 'auto', type: 'clear' } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children,
  });
}

/**
 * A table whose header row repeats at the top of every page it spans. `emphasis` marks body rows
 * printed like a total (a subtotal inside the table); `totals` is the last row. The row before the
 * totals is kept with them, so that a total never stands alone at the top of a page.
 */
export function table(columns: Column[], rows: (string | Paragraph[])[][], options: { rowHeight?: number; totals?: string[]; emphasis?: number[]; keepTogether?: boolean } = {}): Table {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => cell(c.header, c.width, { header: true, align: c.align, keepNext: true })) });
  const body = rows.map((row, r) => {
    const keepNext = options.keepTogether || (options.totals !== undefined && r === rows.length - 1);
    const emphasis = options.emphasis?.includes(r) ?? false;
    return new TableRow({
      cantSplit: true,
      height: options.rowHeight ? { value: options.rowHeight, rule: 'atLeast' } : undefined,
      children: row.map((value, i) => cell(value, columns[i]!.width, { align: columns[i]!.align, keepNext, emphasis })),
    });
  });
  const totals = options.totals
    ? [
        new TableRow({
          cantSplit: true,
          children: options.totals.map(
            (value, i) =>
              new TableCell({
                width: { size: Math.round((A4_TEXT_WIDTH * columns[i]!.width) / 100), type: WidthType.DXA },
                borders,
                shading: { fill: 'E8EFEC', color: 'auto', type: 'clear' },
                margins: { top: 60, bottom: 60, left: 100, right: 100 },
                children: [new Paragraph({ alignment: columns[i]!.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(value, { bold: true })] })],
              }),
          ),
        }),
      ]
    : [];
  return new Table({
    width: { size: A4_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => Math.round((A4_TEXT_WIDTH * c.width) / 100)),
    rows: [header, ...body, ...totals],
  });
}

/**
 * Side-by-side signature boxes ("La présidente", name, then room to sign), in one row that never
 * splits. Put `keepNext: true` on the paragraph before (see `closing`) so that the signatures never
 * stand alone on a page.
 */
export function signatures(signers: { role: string; name?: string | null }[]): Table {
  const width = 100 / signers.length;
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new Table({
    width: { size: A4_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: signers.map(() => Math.round((A4_TEXT_WIDTH * width) / 100)),
    rows: [
      new TableRow({
        cantSplit: true,
        children: signers.map(
          (s) =>
            new TableCell({
              width: { size: Math.round((A4_TEXT_WIDTH * width) / 100), type: WidthType.DXA },
              borders: { top: none, bottom: none, left: none, right: none },
              children: [
                new Paragraph({ keepNext: true, children: [text(s.role, { bold: true })] }),
                new Paragraph({ keepNext: true, children: [text(s.name ?? '')] }),
                new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [text('Signature :', { italics: true, color: '666666' })] }),
                new Paragraph({ spacing: { before: 1200 }, children: [] }),
              ],
            }),
        ),
      }),
    ],
  });
}

/** The last sentence of a document, kept on the same page as the signatures that follow it. */
export function closing(value: string | TextRun[], options: Partial<IParagraphOptions> = {}): Paragraph {
  return paragraph(value, { ...options, keepNext: true, keepLines: true });
}

export function dataUrlToBytes(dataUrl: string): { type: 'png' | 'jpg'; data: Uint8Array } | null {
  const match = /^data:image\/(png|jpeg);base64,(.+)$/.exec(dataUrl);
  if (!match) return null;
  const binary = atob(match[2]!);
  const data = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
  return { type: match[1] === 'png' ? 'png' : 'jpg', data };
}

/** Width/height of a PNG or JPEG, read from its header, so the logo keeps its proportions. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      const length = (bytes[i + 2]! << 8) + bytes[i + 3]!;
      if (marker >= 0xc0 && marker <= 0xc3) return { height: (bytes[i + 5]! << 8) + bytes[i + 6]!, width: (bytes[i + 7]! << 8) + bytes[i + 8]! };
      i += 2 + length;
    }
  }
  return null;
}

function letterheadParagraphs(letterhead: Letterhead): Paragraph[] {
  const logo = letterhead.logoDataUrl ? dataUrlToBytes(letterhead.logoDataUrl) : null;
  const size = logo ? imageSize(logo.data) : null;
  const runs: (TextRun | ImageRun)[] = [];
  if (logo && size) {
    const height = 40;
    runs.push(
      new ImageRun({
        type: logo.type,
        data: logo.data,
        transformation: { width: Math.round((size.width / size.height) * height), height },
        altText: { name: 'logo', title: `Logo de ${letterhead.name}`, description: `Logo de ${letterhead.name}` },
      }),
      new TextRun({ text: '   ' }),
    );
  }
  runs.push(text(letterhead.name, { bold: true, color: ACCENT, size: 22 }));
  const address = [letterhead.address, [letterhead.postcode, letterhead.city].filter(Boolean).join(' ')].filter(Boolean).join(' – ');
  const contact = [letterhead.email, letterhead.phone, letterhead.website].filter(Boolean).join(' – ');
  const ids = [letterhead.siret ? `SIRET ${formatSiret(letterhead.siret)}` : null, letterhead.rna ? `RNA ${letterhead.rna}` : null].filter(Boolean).join(' – ');
  const lines = [address, contact, ids].filter(Boolean);
  return [
    new Paragraph({ children: runs }),
    ...lines.map((l) => new Paragraph({ children: [text(l, { size: 16, color: '555555' })] })),
    new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: ACCENT, space: 4 } }, children: [] }),
  ];
}

/** The header of every page after the first: the association's name and the document's title on one line. */
function runningHeader(letterhead: Letterhead, title: string): Paragraph[] {
  return [
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: ACCENT, space: 4 } },
      children: [text(letterhead.name, { bold: true, color: ACCENT, size: 16 }), text(`   ·   ${title}`, { size: 16, color: '555555' })],
    }),
  ];
}

export interface DocumentSpec {
  title: string;
  description?: string;
  letterhead: Letterhead;
  /** Printed in the footer left of the page number, e.g. "Compte rendu – 12 mars 2026". */
  footerText?: string;
  /** A word across the header, e.g. "PROJET" on draft minutes. */
  watermark?: string;
  children: ISectionOptions['children'];
  /** Ask Word to refresh fields (table of contents) on open. */
  updateFields?: boolean;
  /** The short title in the running header of pages 2 and after (defaults to `title`). */
  runningTitle?: string;
}

export function buildDocument(spec: DocumentSpec): Document {
  // The full letterhead on the first page only; a one-line running header after.
  const firstHeader = letterheadParagraphs(spec.letterhead);
  const defaultHeader = runningHeader(spec.letterhead, spec.runningTitle ?? spec.title);
  if (spec.watermark) {
    const mark = () => new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(spec.watermark!, { bold: true, color: 'B00020', size: 28 })] });
    firstHeader.unshift(mark());
    defaultHeader.unshift(mark());
  }
  const footer = () =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [
            new TextRun({ text: spec.footerText ? `${frenchTypography(spec.footerText)}   ·   ` : '', size: 16, color: '666666' }),
            new TextRun({ children: ['Page ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16, color: '666666' }),
          ],
        }),
      ],
    });
  return new Document({
    title: frenchTypography(spec.title),
    subject: frenchTypography(spec.title),
    description: spec.description ? frenchTypography(spec.description) : undefined,
    creator: spec.letterhead.name,
    lastModifiedBy: spec.letterhead.name,
    features: spec.updateFields ? { updateFields: true } : undefined,
    styles: {
      // fr-FR on every run: Word and LibreOffice spell-check, hyphenate and read aloud in French.
      default: { document: { run: { font: FONT, size: BODY_SIZE, language: { value: 'fr-FR' } }, paragraph: { spacing: { after: 100, line: 276, lineRule: LineRuleType.AUTO } } } },
      paragraphStyles: [
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { font: FONT, size: 36, bold: true, color: ACCENT }, paragraph: { spacing: { before: 120, after: 120 } } },
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 28, bold: true, color: ACCENT }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true, outlineLevel: 0 } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 24, bold: true, color: '2E4A40' }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, outlineLevel: 1 } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 22, bold: true, italics: true, color: '2E4A40' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, outlineLevel: 2 } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [0, 1, 2].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: level === 0 ? '•' : '–',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
          })),
        },
        {
          reference: 'numbers',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 400, hanging: 300 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 } } },
        headers: { first: new Header({ children: firstHeader }), default: new Header({ children: defaultHeader }) },
        footers: { first: footer(), default: footer() },
        children: spec.children,
      },
    ],
  });
}
