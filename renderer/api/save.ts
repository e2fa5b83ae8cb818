import { Packer, type Document } from 'docx';
import { base64ToBytes, bytesToBase64, safeFileName } from '../../shared/api/files';
import type { DocumentFormat } from '../../shared/features/documents/contract';
import { wordingFromItems, type Wording } from '../../shared/documents/wording';
import { api } from './client';

const MIME: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * Saves a generated file where the user chooses: Electron's save dialog through the contract,
 * or, in web mode, the browser's download. Returns false when the user cancelled.
 */
export async function saveFile(fileName: string, content: Blob): Promise<boolean> {
  const name = safeFileName(fileName);
  if ((window as unknown as Record<string, unknown>).maillage) {
    const bytes = new Uint8Array(await content.arrayBuffer());
    const result = await api.call('files.saveDocument', { fileName: name, base64: bytesToBase64(bytes) });
    return result.saved;
  }
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** `compte-rendu.docx` → `compte-rendu.pdf`. */
export function withFormat(fileName: string, format: DocumentFormat): string {
  return `${fileName.replace(/\.docx$/i, '')}.${format}`;
}

/**
 * Packs a document built by shared/documents, has main finish it (the association's template; a
 * PDF/A through LibreOffice for `pdf`), and saves it. Every document button goes through here.
 */
export async function saveDocument(
  fileName: string,
  document: Document,
  format: DocumentFormat = 'docx',
  /** `updateFields`: a document with a table of contents has LibreOffice fill its page numbers; `onFinished` learns whether it did. */
  options: { updateFields?: boolean; onFinished?: (finished: { fieldsUpdated: boolean }) => void } = {},
): Promise<boolean> {
  const packed = new Uint8Array(await (await Packer.toBlob(document)).arrayBuffer());
  const finished = await api.call('documents.finish', { base64: bytesToBase64(packed), format, updateFields: options.updateFields });
  options.onFinished?.({ fieldsUpdated: finished.fieldsUpdated });
  const bytes = base64ToBytes(finished.base64);
  return saveFile(withFormat(fileName, format), new Blob([bytes as BlobPart], { type: MIME[format] }));
}

/** The association's own standard sentences (Réglages), for the document builders. */
export async function documentWording(): Promise<Wording> {
  return wordingFromItems((await api.call('documents.wording.get', {})).items);
}

export async function saveText(fileName: string, text: string, mime = 'text/plain;charset=utf-8'): Promise<boolean> {
  return saveFile(fileName, new Blob([text], { type: mime }));
}
