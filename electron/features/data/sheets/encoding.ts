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

export type TextEncodingName = 'UTF-8' | 'UTF-8 (BOM)' | 'UTF-16' | 'Windows-1252';

/**
 * A text file as French spreadsheets write them: UTF-8 with or without a BOM (LibreOffice, recent
 * Excel), UTF-16 with a BOM (Excel's "texte Unicode"), or Windows-1252 (Excel's classic "CSV
 * (séparateur : point-virgule)"). Bytes that are not valid UTF-8 mean Windows-1252.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}
