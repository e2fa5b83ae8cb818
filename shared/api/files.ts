import { z } from 'zod';
import { base64Text, checkedText } from '../validation/fields';
import { method } from './method';

/**
 * A file name the user may save to, reduced to a bare name: no folder, no "..", no control or
 * reserved characters, so that a generated name can never point outside the chosen folder.
 */
export function safeFileName(name: string, fallback = 'document'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  return cleaned === '' ? fallback : cleaned;
}

export const saveDocumentInputSchema = z.object({
  fileName: checkedText('line', (s) => s.min(1, 'error.fileName').max(200, 'error.fileName').transform((v) => safeFileName(v))),
  /** The file's bytes, base64 (IPC and JSON carry text). */
  base64: base64Text(70 * 1024 * 1024, 'error.tooLarge'),
});

export const filesContract = {
  /** Shows the save dialog (Electron) and writes the bytes where the user chose. */
  'files.saveDocument': method(saveDocumentInputSchema, z.object({ saved: z.boolean(), path: z.string().nullable() })),
  /** Shows the folder dialog (Electron) for the backup copies' folder; null when she cancels. */
  'files.chooseFolder': method(z.object({}), z.object({ folder: z.string().nullable() })),
};

export type SaveFile = (fileName: string, bytes: Uint8Array) => Promise<{ saved: boolean; path: string | null }>;
/** The desktop's folder dialog: the chosen folder's absolute path, or null when cancelled. */
export type ChooseFolder = () => Promise<string | null>;

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
