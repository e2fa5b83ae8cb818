import fs from 'node:fs';
import path from 'node:path';
import { Packer, type Document } from 'docx';
import { base64ToBytes, bytesToBase64 } from '../../shared/api/files';
import { wordingFromItems, type Wording } from '../../shared/documents/wording';
import type { ApiCall } from './api';

/** `--out` of a document command: a .docx, or a .pdf made by LibreOffice. */
export function isDocumentFile(file: string): boolean {
  return /\.(docx|pdf)$/i.test(file);
}

/**
 * Packs a document and finishes it through the same contract method as the UI's buttons (the
 * association's template; a PDF/A when `file` ends in .pdf), so that both write the same file.
 */
export async function finishedDocument(api: ApiCall, doc: Document, file: string, options: { updateFields?: boolean } = {}): Promise<{ bytes: Uint8Array; fieldsUpdated: boolean }> {
  const docx = new Uint8Array(await Packer.toBuffer(doc));
  const format = file.toLowerCase().endsWith('.pdf') ? 'pdf' : 'docx';
  const done = await api('documents.finish', { base64: bytesToBase64(docx), format, updateFields: options.updateFields });
  return { bytes: base64ToBytes(done.base64), fieldsUpdated: done.fieldsUpdated };
}

export async function writeDocument(api: ApiCall, doc: Document, file: string): Promise<number> {
  const { bytes } = await finishedDocument(api, doc, file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return bytes.byteLength;
}

/** The association's own standard sentences, as the UI passes them to the same builders. */
export async function wordingOf(api: ApiCall): Promise<Wording> {
  return wordingFromItems((await api('documents.wording.get', {})).items);
}
