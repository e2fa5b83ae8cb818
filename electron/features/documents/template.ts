import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { AppError } from '../../../shared/api/errors';

/**
 * The association's own Word template, grafted onto every document Maillage writes: the documents
 * are still built by `docx`, then take from the template its styles (fonts, heading styles), its
 * theme, its headers and footers (with their images) and its page size and margins. The text of
 * the document is never touched, so every figure stays the one the service computed.
 */

const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEADER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const FOOTER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml';
/** The text width every table of the kit is drawn for: A4 less two 2 cm margins, in twips. */
const KIT_TEXT_WIDTH = 9638;
const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  emf: 'image/x-emf',
  wmf: 'image/x-wmf',
};
/** Heading styles the documents use, by the built-in name Word gives them whatever the language (Word's French styles are « Titre1 »…). */
const BUILT_IN_STYLES: [string, string][] = [
  ['Title', 'title'],
  ['Heading1', 'heading 1'],
  ['Heading2', 'heading 2'],
  ['Heading3', 'heading 3'],
];

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export interface TemplateSummary {
  headers: number;
  footers: number;
  /** Page size in twips, when the template states one. */
  pageWidth: number | null;
  pageHeight: number | null;
}

const text = (files: Unzipped, name: string): string | null => (files[name] ? strFromU8(files[name]) : null);
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

function relationships(xml: string | null): Relationship[] {
  return [...(xml ?? '').matchAll(/<Relationship\b[^>]*\/?>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
    external: attr(m[0], 'TargetMode') === 'External',
  }));
}

/** A relationship's target, as a path inside the package, from the folder of the part that names it. */
function partPath(from: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(from, target));
}

const relsOf = (part: string) => `${path.posix.dirname(part)}/_rels/${path.posix.basename(part)}.rels`;

/** The section properties of the body (the last sectPr of the document). */
function bodySection(documentXml: string): string | null {
  const all = [...documentXml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)];
  return all.length ? all[all.length - 1]![0] : null;
}

function templateError(key: string, file: string, reason?: string): AppError {
  return new AppError('VALIDATION', key, reason === undefined ? { file } : { file, reason });
}

/** Opens a template and checks it is a Word document with a body; refuses it, saying why, otherwise. */
export function inspectTemplate(bytes: Uint8Array, fileName: string): TemplateSummary {
  if (!/\.docx$/i.test(fileName) || bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw templateError('docs12.template.notDocx', fileName);
  let files: Unzipped;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw templateError('docs12.template.damaged', fileName, error instanceof Error ? error.message : String(error));
  }
  const documentXml = text(files, 'word/document.xml');
  if (documentXml === null || !files['[Content_Types].xml']) throw templateError('docs12.template.notDocx', fileName);
  if (!/<w:document\b/.test(documentXml)) throw templateError('docs12.template.damaged', fileName, 'word/document.xml');
  if (!/<w:body\b[^>]*>/.test(documentXml) || /<w:body\s*\/>/.test(documentXml)) throw templateError('docs12.template.noBody', fileName);
  const section = bodySection(documentXml) ?? '';
  const size = /<w:pgSz\b[^>]*\/>/.exec(section)?.[0];
  const rels = relationships(text(files, 'word/_rels/document.xml.rels'));
  const count = (kind: 'header' | 'footer') =>
    [...section.matchAll(new RegExp(`<w:${kind}Reference\\b[^>]*/>`, 'g'))].filter((m) => {
      const rel = rels.find((r) => r.id === attr(m[0], 'r:id'));
      return rel && files[partPath('word', rel.target)];
    }).length;
  return {
    headers: count('header'),
    footers: count('footer'),
    pageWidth: size && attr(size, 'w:w') ? Number(attr(size, 'w:w')) : null,
    pageHeight: size && attr(size, 'w:h') ? Number(attr(size, 'w:h')) : null,
  };
}

/** The template's styles, plus those of the document it does not define (the document's own table and list styles). */
function mergeStyles(templateStyles: string, documentStyles: string): string {
  const ids = new Set([...templateStyles.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]*)"/g)].map((m) => m[1]));
  const missing = [...documentStyles.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]*)"[\s\S]*?<\/w:style>/g)].filter((m) => !ids.has(m[1])).map((m) => m[0]);
  return templateStyles.replace(/<\/w:styles>\s*$/, `${missing.join('')}</w:styles>`);
}

/** Template style id of each built-in style the documents use, where the template names it differently. */
function styleRenames(templateStyles: string): Map<string, string> {
  const renames = new Map<string, string>();
  for (const m of templateStyles.matchAll(/<w:style\b[^>]*\bw:type="paragraph"[^>]*>[\s\S]*?<\/w:style>/g)) {
    const id = /\bw:styleId="([^"]*)"/.exec(m[0])?.[1];
    const name = /<w:name w:val="([^"]*)"/.exec(m[0])?.[1]?.toLowerCase();
    const ours = BUILT_IN_STYLES.find(([, builtIn]) => builtIn === name)?.[0];
    if (id && ours && id !== ours) renames.set(ours, id);
  }
  return renames;
}

function addRelationship(relsXml: string, id: string, type: string, target: string): string {
  return relsXml.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${RELS}/${type}" Target="${target}"/></Relationships>`);
}

function ensureDefault(types: string, extension: string): string {
  const ext = extension.toLowerCase();
  if (new RegExp(`Extension="${ext}"`, 'i').test(types) || !MEDIA_TYPES[ext]) return types;
  return types.replace(/<Types\b[^>]*>/, (open) => `${open}<Default Extension="${ext}" ContentType="${MEDIA_TYPES[ext]}"/>`);
}

/** Scales the tables drawn for A4 to the template's text width, so that they stay within its margins. */
function scaleTables(documentXml: string, textWidth: number): string {
  if (!Number.isFinite(textWidth) || textWidth <= 0 || Math.abs(textWidth - KIT_TEXT_WIDTH) < 20) return documentXml;
  const ratio = textWidth / KIT_TEXT_WIDTH;
  return documentXml.replace(/<w:(tblW|gridCol|tcW)\b[^>]*\/>/g, (tag) => {
    const type = attr(tag, 'w:type');
    if (type !== undefined && type !== 'dxa') return tag;
    return tag.replace(/\bw:w="(\d+)"/, (_, w: string) => `w:w="${Math.round(Number(w) * ratio)}"`);
  });
}

/** Applies the template to a generated .docx and returns the new package. */
export function applyTemplate(docx: Uint8Array, template: Uint8Array): Uint8Array {
  const out = unzipSync(docx);
  const tpl = unzipSync(template);
  const tplDocument = text(tpl, 'word/document.xml') ?? '';
  const tplSection = bodySection(tplDocument) ?? '';
  const tplRels = relationships(text(tpl, 'word/_rels/document.xml.rels'));
  let documentXml = text(out, 'word/document.xml') ?? '';
  let relsXml = text(out, 'word/_rels/document.xml.rels') ?? '';
  let types = text(out, '[Content_Types].xml') ?? '';
  const ourRels = relationships(relsXml);

  // Styles (fonts, heading styles) and the theme their fonts may refer to.
  const tplStylesRel = tplRels.find((r) => r.type.endsWith('/styles'));
  const tplStyles = tplStylesRel ? text(tpl, partPath('word', tplStylesRel.target)) : null;
  if (tplStyles) {
    out['word/styles.xml'] = strToU8(mergeStyles(tplStyles, text(out, 'word/styles.xml') ?? ''));
    for (const [ours, theirs] of styleRenames(tplStyles)) documentXml = documentXml.replaceAll(`<w:pStyle w:val="${ours}"/>`, `<w:pStyle w:val="${theirs}"/>`);
  }
  const tplThemeRel = tplRels.find((r) => r.type.endsWith('/theme'));
  const ourThemeRel = ourRels.find((r) => r.type.endsWith('/theme'));
  const tplTheme = tplThemeRel ? tpl[partPath('word', tplThemeRel.target)] : undefined;
  if (tplTheme && ourThemeRel) out[partPath('word', ourThemeRel.target)] = tplTheme;

  // Headers and footers: the template's, where it has some, in place of the document's.
  let section = bodySection(documentXml) ?? '';
  const titlePage = /<w:titlePg\b(?![^>]*w:val="(0|false)")[^>]*\/>/.test(section);
  for (const kind of ['header', 'footer'] as const) {
    const refs = [...tplSection.matchAll(new RegExp(`<w:${kind}Reference\\b[^>]*/>`, 'g'))]
      .map((m) => ({ type: attr(m[0], 'w:type') ?? 'default', rel: tplRels.find((r) => r.id === attr(m[0], 'r:id')) }))
      .filter((r): r is { type: string; rel: Relationship } => !!r.rel && !!tpl[partPath('word', r.rel.target)]);
    if (!refs.length) continue;
    // The document's own parts of this kind go, with their relationships and content types; the
    // draft mark (« PROJET », in the kit's red) is kept, on top of the template's header.
    let mark = '';
    for (const m of section.matchAll(new RegExp(`<w:${kind}Reference\\b[^>]*/>`, 'g'))) {
      const rel = ourRels.find((r) => r.id === attr(m[0], 'r:id'));
      if (!rel) continue;
      const part = partPath('word', rel.target);
      mark ||= /<w:p>(?:(?!<\/w:p>)[\s\S])*?w:color w:val="B00020"[\s\S]*?<\/w:p>/.exec(text(out, part) ?? '')?.[0] ?? '';
      delete out[part];
      delete out[relsOf(part)];
      types = types.replace(new RegExp(`<Override\\b[^>]*PartName="/${part}"[^>]*/>`), '');
      relsXml = relsXml.replace(new RegExp(`<Relationship\\b[^>]*Id="${rel.id}"[^>]*/>`), '');
    }
    section = section.replace(new RegExp(`<w:${kind}Reference\\b[^>]*/>`, 'g'), '');
    const added: string[] = [];
    const idOf = new Map<string, string>();
    refs.forEach(({ type, rel }, i) => {
      const source = partPath('word', rel.target);
      let id = idOf.get(source);
      if (!id) {
        // Word's usual names, free again now that the document's own parts of this kind are gone.
        let n = 1;
        while (out[`word/${kind}${n}.xml`]) n++;
        const name = `${kind}${n}.xml`;
        id = `rIdTemplate${kind}${i + 1}`;
        idOf.set(source, id);
        out[`word/${name}`] = mark ? strToU8(strFromU8(tpl[source]!).replace(/<w:(hdr|ftr)\b[^>]*>/, (open) => `${open}${mark}`)) : tpl[source]!;
        types = types.replace(/<\/Types>\s*$/, `<Override PartName="/word/${name}" ContentType="${kind === 'header' ? HEADER_TYPE : FOOTER_TYPE}"/></Types>`);
        relsXml = addRelationship(relsXml, id, kind, name);
        // Its images (a logo in the letterhead) come along, renamed so that they never replace the document's.
        const partRels = text(tpl, relsOf(source));
        if (partRels !== null) {
          const rewritten = partRels.replace(/<Relationship\b[^>]*\/?>/g, (tag) => {
            const target = attr(tag, 'Target');
            if (!target || attr(tag, 'TargetMode') === 'External') return tag;
            const media = tpl[partPath(path.posix.dirname(source), target)];
            if (!media) return tag;
            const copy = `media/template-${kind}${i + 1}-${path.posix.basename(target)}`;
            out[`word/${copy}`] = media;
            types = ensureDefault(types, path.posix.extname(target).slice(1));
            return tag.replace(/\bTarget="[^"]*"/, `Target="${copy}"`);
          });
          out[`word/_rels/${name}.rels`] = strToU8(rewritten);
        }
      }
      added.push(`<w:${kind}Reference w:type="${type}" r:id="${id}"/>`);
    });
    // The document keeps a first page of its own: without one in the template, it shows the default.
    const byDefault = refs.find((r) => r.type === 'default');
    if (titlePage && byDefault && !refs.some((r) => r.type === 'first')) added.push(`<w:${kind}Reference w:type="first" r:id="${idOf.get(partPath('word', byDefault.rel.target))}"/>`);
    section = section.replace(/<w:sectPr\b[^>]*>/, (open) => `${open}${added.join('')}`);
  }

  // Page size and margins, and the tables scaled to the new text width.
  const pgSz = /<w:pgSz\b[^>]*\/>/.exec(tplSection)?.[0];
  const pgMar = /<w:pgMar\b[^>]*\/>/.exec(tplSection)?.[0];
  if (pgSz) section = section.replace(/<w:pgSz\b[^>]*\/>/, pgSz);
  if (pgMar) section = section.replace(/<w:pgMar\b[^>]*\/>/, pgMar);
  const oldSection = bodySection(documentXml) ?? '';
  documentXml = documentXml.slice(0, documentXml.lastIndexOf(oldSection)) + section + documentXml.slice(documentXml.lastIndexOf(oldSection) + oldSection.length);
  const width = Number(attr(/<w:pgSz\b[^>]*\/>/.exec(section)?.[0] ?? '', 'w:w'));
  const margins = /<w:pgMar\b[^>]*\/>/.exec(section)?.[0] ?? '';
  documentXml = scaleTables(documentXml, width - Number(attr(margins, 'w:left') ?? 0) - Number(attr(margins, 'w:right') ?? 0));

  out['word/document.xml'] = strToU8(documentXml);
  out['word/_rels/document.xml.rels'] = strToU8(relsXml);
  out['[Content_Types].xml'] = strToU8(types);
  return zipSync(out, { level: 6 });
}
