/** Lower-case, accent-free, single-spaced: the key used for search and duplicate detection. */
export function normalizeKey(value: string): string {
  // An import asks for the same few thousand names and categories again on every line.
  let key = KEYS.get(value);
  if (key === undefined) {
    if (KEYS.size >= MAX_KEPT_KEYS) KEYS.clear();
    KEYS.set(value, (key = computeKey(value)));
  }
  return key;
}

const KEYS = new Map<string, string>();
const MAX_KEPT_KEYS = 20_000;

function computeKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`-]/g, ' ')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, ' ')
    .trim();
}

// ——— Characters a typed text may not hold ———

/** C0 and C1 controls, DEL; tab, line feed and carriage return are judged apart (multi-line fields keep them). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;
/** Embeddings, overrides and isolates: they reorder what is displayed (« Trojan Source »). LRM/RLM marks are allowed. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Characters that show nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen, direction marks, fillers. */
// eslint-disable-next-line no-misleading-character-class -- each invisible character is listed on its own, combining or not
const INVISIBLE = /[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]/g;

export type TextProblemKey = 'error.text.surrogate' | 'error.text.control' | 'error.text.bidi' | 'error.text.lineBreak';

/** The first thing wrong with a typed text, as a catalogue key, or null. */
export function textProblem(value: string, multiline = false): TextProblemKey | null {
  if (LONE_SURROGATE.test(value)) return 'error.text.surrogate';
  if (CONTROL.test(value)) return 'error.text.control';
  if (BIDI_CONTROL.test(value)) return 'error.text.bidi';
  if (!multiline && LINE_BREAK.test(value)) return 'error.text.lineBreak';
  return null;
}

/** Nothing left once the invisible characters are taken out ("", spaces, zero-width spaces only). */
export function isInvisible(value: string): boolean {
  return value.replace(INVISIBLE, '') === '';
}
