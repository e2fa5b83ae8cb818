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
