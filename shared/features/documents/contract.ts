import { z } from 'zod';
import { method } from '../../api/method';
import { safeFileName } from '../../api/files';
import { base64Text, checkedText } from '../../validation/fields';
import { WORDING_KEYS, type WordingKey } from '../../documents/wording';

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

export const templateInfoSchema = z.object({
  fileName: z.string(),
  size: z.number().int(),
  setAt: z.string(),
  headers: z.number().int(),
  footers: z.number().int(),
  pageWidth: z.number().nullable(),
  pageHeight: z.number().nullable(),
});
export type TemplateInfo = z.infer<typeof templateInfoSchema>;

/** A Word template is a few hundred kilobytes; 10 MB leaves room for a letterhead with large images. */
export const MAX_TEMPLATE_BASE64 = Math.ceil((10 * 1024 * 1024 * 4) / 3);

export const setTemplateInputSchema = z.object({
  fileName: checkedText('line', (s) => s.min(1, 'error.fileName').max(200, 'error.fileName').transform((v) => safeFileName(v))),
  base64: base64Text(MAX_TEMPLATE_BASE64, 'docs12.template.tooLarge'),
});

export const wordingKeySchema = z.enum(WORDING_KEYS as [WordingKey, ...WordingKey[]]);

export const wordingItemSchema = z.object({
  key: wordingKeySchema,
  /** What the documents print: the association's text, or the original one. */
  text: z.string(),
  defaultText: z.string(),
  placeholders: z.array(z.string()),
  required: z.array(z.string()),
  customised: z.boolean(),
});
export type WordingItem = z.infer<typeof wordingItemSchema>;
const wordingList = z.object({ items: z.array(wordingItemSchema) });

export const saveWordingInputSchema = z.object({
  key: wordingKeySchema,
  text: checkedText('multiline', (s) => s.trim().min(1, 'docs12.wording.empty').max(1000, 'error.tooLong')),
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
  /** The association's Word template (Réglages), or null when the documents use Maillage's own layout. */
  'documents.template.get': method(z.object({}), templateInfoSchema.nullable()),
  /** Refused, with nothing changed, when the file is not a .docx, is damaged, or has no body. */
  'documents.template.set': method(setTemplateInputSchema, templateInfoSchema),
  'documents.template.clear': method(z.object({}), z.object({ cleared: z.boolean() })),
  /** The standard sentences of the documents, as the association worded them (Réglages). */
  'documents.wording.get': method(z.object({}), wordingList),
  /** Refused, naming it, when the text uses a placeholder its sentence does not know or drops a required one. */
  'documents.wording.save': method(saveWordingInputSchema, wordingList),
  /** « Rétablir le texte d'origine ». */
  'documents.wording.reset': method(z.object({ key: wordingKeySchema }), wordingList),
};
