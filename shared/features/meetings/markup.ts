/**
 * The small markup of a discussion: blank lines separate paragraphs, lines starting with "- "
 * are bullet items, **bold** and *italic* inside a line. Parsed into data (never HTML), so the
 * UI and the .docx render the same structure and nothing typed can inject markup.
 */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

export type Block = { type: 'paragraph'; lines: Run[][] } | { type: 'bullets'; items: Run[][] };

const BULLET = /^\s*[-•]\s+/;

/** Inline emphasis: `**` toggles bold, a single `*` toggles italic; unmatched markers stay as typed. */
export function parseInline(line: string): Run[] {
  const tokens: { text: string; marker?: '**' | '*' }[] = [];
  let i = 0;
  let buffer = '';
  while (i < line.length) {
    if (line[i] === '\\' && (line[i + 1] === '*' || line[i + 1] === '\\')) {
      buffer += line[i + 1];
      i += 2;
    } else if (line.startsWith('**', i)) {
      tokens.push({ text: buffer });
      buffer = '';
      tokens.push({ text: '**', marker: '**' });
      i += 2;
    } else if (line[i] === '*') {
      tokens.push({ text: buffer });
      buffer = '';
      tokens.push({ text: '*', marker: '*' });
      i += 1;
    } else {
      buffer += line[i];
      i += 1;
    }
  }
  tokens.push({ text: buffer });

  // A marker only counts when a matching one follows; otherwise it is literal text.
  const active = tokens.map(() => false);
  for (const marker of ['**', '*'] as const) {
    let open = -1;
    tokens.forEach((t, index) => {
      if (t.marker !== marker) return;
      if (open === -1) open = index;
      else {
        active[open] = true;
        active[index] = true;
        open = -1;
      }
    });
  }

  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  tokens.forEach((t, index) => {
    if (t.marker && active[index]) {
      if (t.marker === '**') bold = !bold;
      else italic = !italic;
      return;
    }
    if (t.text === '') return;
    const last = runs[runs.length - 1];
    if (last && last.bold === bold && last.italic === italic) last.text += t.text;
    else runs.push({ text: t.text, bold, italic });
  });
  return runs;
}

export function parseMarkup(source: string | null | undefined): Block[] {
  const blocks: Block[] = [];
  const lines = (source ?? '').replace(/\r\n?/g, '\n').split('\n');
  let current: Block | null = null;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      current = null;
      continue;
    }
    if (BULLET.test(line)) {
      const item = parseInline(line.replace(BULLET, ''));
      if (current?.type === 'bullets') current.items.push(item);
      else {
        current = { type: 'bullets', items: [item] };
        blocks.push(current);
      }
      continue;
    }
    const runs = parseInline(line.trim());
    if (current?.type === 'paragraph') current.lines.push(runs);
    else {
      current = { type: 'paragraph', lines: [runs] };
      blocks.push(current);
    }
  }
  return blocks;
}

/** The text without markers, for search and previews. */
export function markupToPlainText(source: string | null | undefined): string {
  return parseMarkup(source)
    .map((b) => (b.type === 'paragraph' ? b.lines.map((l) => l.map((r) => r.text).join('')).join('\n') : b.items.map((l) => `• ${l.map((r) => r.text).join('')}`).join('\n')))
    .join('\n\n');
}

// ——— Editing: what the toolbar of the discussion field does to the text and its selection ———

export interface Edit {
  text: string;
  start: number;
  end: number;
}

/** A `*` typed or pasted as text: escaped, so it stays an asterisk in the minutes. */
export function escapeLiteral(typed: string): string {
  return typed.replace(/\\/g, '\\\\').replace(/\*/g, '\\*');
}

/** Is the character at `index` escaped by an odd run of backslashes before it? */
function escapedAt(text: string, index: number): boolean {
  let slashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Markers are exactly `marker`: `*` next to `**` belongs to bold, not to italic. */
function markerBefore(text: string, at: number, marker: string): boolean {
  if (at < marker.length || text.slice(at - marker.length, at) !== marker || escapedAt(text, at - marker.length)) return false;
  return text[at - marker.length - 1] !== '*' || (marker === '*' && text.slice(at - 3, at) === '***');
}

function markerAfter(text: string, at: number, marker: string): boolean {
  if (text.slice(at, at + marker.length) !== marker) return false;
  return text[at + marker.length] !== '*' || (marker === '*' && text.slice(at, at + 3) === '***');
}

/**
 * Bold (`**`) or italic (`*`) around the selection, as Word's Ctrl+B / Ctrl+I: applied if absent,
 * taken off if the selection already has it. Spaces at the selection's ends stay outside the
 * markers (a double-clicked word brings its space); a selection across lines is marked line by line.
 */
export function toggleEmphasis(text: string, start: number, end: number, marker: '**' | '*'): Edit {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (markerBefore(text, s, marker) && markerAfter(text, e, marker)) {
    const inner = text.slice(s, e);
    return { text: text.slice(0, s - marker.length) + inner + text.slice(e + marker.length), start: s - marker.length, end: e - marker.length };
  }
  const selected = text.slice(s, e);
  if (selected.startsWith(marker) && selected.endsWith(marker) && selected.length >= 2 * marker.length && !escapedAt(selected, selected.length - marker.length)) {
    const inner = selected.slice(marker.length, selected.length - marker.length);
    return { text: text.slice(0, s) + inner + text.slice(e), start: s, end: s + inner.length };
  }
  if (s === e) {
    // Nothing selected: the pair of markers, the caret between them, ready to type.
    return { text: text.slice(0, s) + marker + marker + text.slice(s), start: s + marker.length, end: s + marker.length };
  }
  // Each line apart: a marker never spans a line break (the parser reads line by line).
  const marked = selected
    .split('\n')
    .map((line) => {
      const lead = /^(\s*(?:[-•]\s+)?)/.exec(line)![1]!;
      const body = line.slice(lead.length).trimEnd();
      const tail = line.slice(lead.length + body.length);
      return body === '' ? line : `${lead}${marker}${body}${marker}${tail}`;
    })
    .join('\n');
  // One line: the word stays selected inside its markers, so the same button takes them off again.
  const single = !selected.includes('\n');
  return { text: text.slice(0, s) + marked + text.slice(e), start: single ? s + marker.length : s, end: s + marked.length - (single ? marker.length : 0) };
}

/** « - » at the start of each line of the selection, or off if every one has it already. */
export function toggleBullets(text: string, start: number, end: number): Edit {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const stop = text.indexOf('\n', Math.max(start, end - (end > start && text[end - 1] === '\n' ? 1 : 0)));
  const to = stop === -1 ? text.length : stop;
  const lines = text.slice(from, to).split('\n');
  const bulleted = /^\s*[-•]\s+/;
  const all = lines.filter((l) => l.trim() !== '').every((l) => bulleted.test(l));
  const changed = lines.map((l) => (all ? l.replace(bulleted, '') : l.trim() === '' && lines.length > 1 ? l : `- ${l}`)).join('\n');
  return { text: text.slice(0, from) + changed + text.slice(to), start: from, end: from + changed.length };
}

/**
 * Text typed or pasted in place of the selection, every `*` and `\` in it kept as written. A lone
 * backslash just before (`C:\`) is doubled so that it cannot escape what follows.
 */
export function insertLiteral(text: string, start: number, end: number, typed: string): Edit {
  const before = text.slice(0, start);
  const guard = escapedAt(text, start) ? '\\' : '';
  const inserted = guard + escapeLiteral(typed);
  const caret = start + inserted.length;
  return { text: before + inserted + text.slice(end), start: caret, end: caret };
}
