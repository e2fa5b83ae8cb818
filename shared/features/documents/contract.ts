import { z } from 'zod';
import { method } from '../../api/method';
import { base64Text } from '../../validation/fields';

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A generated .docx, base64 (IPC and JSON carry text); the same bound as files.saveDocument. */
const docxBase64 = base64Text(70 * 1024 * 1024, 'error.tooLarge');

export const finishDocumentInputSchema = z.object({
  base64: docxBase64,
  format: z.enum(DOCUMENT_FORMATS),
  /** Have LibreOffice, when installed, refresh the fields (table of contents page numbers) of a .docx too. */
  updateFields: z.boolean().optional(),
});

export const documentsContract = {
  /**
   * The last step of every document Maillage writes, whoever built it (the UI or the CLI): the
   * association's own Word template applied, then, for `pdf`, a PDF/A-2b made by LibreOffice.
   */
  'documents.finish': method(
    finishDocumentInputSchema,
    z.object({ base64: z.string(), format: z.enum(DOCUMENT_FORMATS), fieldsUpdated: z.boolean() }),
  ),
};
