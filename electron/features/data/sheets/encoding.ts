import { AppError } from '../../../../shared/api/errors';
/**
 * Windows-1252, byte 0x80 + i → character. 0xA0–0xFF are Latin-1 (same code points); 0x80–0x9F
 * hold the euro sign, curly quotes, œ, Œ… that French Excel writes. The five undefined bytes map
 * to the C1 control of the same value, as the WHATWG encoding standard does.
 */
const C1_1252 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export const CP1252_HIGH: readonly string[] = Array.from({ length: 128 }, (_, i) => (i < 32 ? C1_1252[i]! : String.fromCharCode(0xa0 + i - 32)));

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chunk += b < 0x80 ? String.fromCharCode(b) : CP1252_HIGH[b - 0x80]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function encodeWindows1252(text: string): Uint8Array {
  const reverse = new Map(CP1252_HIGH.map((ch, i) => [ch, 0x80 + i]));
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i] = code < 0x80 ? code : (reverse.get(text[i]!) ?? 0x3f);
  }
  return out;
}

function strict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, start: number): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new AppError('VALIDATION', 'data.import.badEncoding', { file: '', encoding: encoding === 'utf-8' ? 'UTF-8' : 'UTF-16', offset: firstBadByte(encoding, bytes, start) + 1 });
  }
}

/** Where strict decoding fails, counted from the start of the file: what to look for in an editor. */
function firstBadByte(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, start: number): number {
  if (encoding !== 'utf-8') {
    const text = new TextDecoder(encoding).decode(bytes.subarray(start));
    const at = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/.exec(text)?.index ?? 0;
    return start + at * 2;
  }
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms and surrogates are caught by the decoder; the lead byte is close enough.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}

export type TextEncodingName = 'UTF-8' | 'UTF-8 (BOM)' | 'UTF-16' | 'Windows-1252';

/**
 * A text file as French spreadsheets write them: UTF-8 with or without a BOM (LibreOffice, recent
 * Excel), UTF-16 with a BOM (Excel's "texte Unicode"), or Windows-1252 (Excel's classic "CSV
 * (séparateur : point-virgule)"). Bytes that are not valid UTF-8 mean Windows-1252.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  // A file that says what it is (a BOM) is decoded strictly: bad bytes are refused, never turned into U+FFFD.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: strict('utf-8', bytes, 3), encoding: 'UTF-8 (BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strict('utf-16le', bytes, 2), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strict('utf-16be', bytes, 2), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}
