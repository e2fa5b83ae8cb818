import { Packer, type Document } from 'docx';
import { bytesToBase64, safeFileName } from '../../shared/api/files';
import { api } from './client';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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

/** Packs a document built by shared/documents and saves it. */
export async function saveDocument(fileName: string, document: Document): Promise<boolean> {
  const blob = await Packer.toBlob(document);
  return saveFile(fileName, new Blob([blob], { type: DOCX_MIME }));
}

export async function saveText(fileName: string, text: string, mime = 'text/plain;charset=utf-8'): Promise<boolean> {
  return saveFile(fileName, new Blob([text], { type: mime }));
}
