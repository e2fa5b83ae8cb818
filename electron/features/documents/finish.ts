import { AppError } from '../../../shared/api/errors';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import type { ServiceContext } from '../../app/context';
import { findOffice, finishWithOffice, type Office } from './office';
import { templateBytes } from './service';
import { applyTemplate } from './template';

// Looking for LibreOffice starts a Python: once found, kept for the process (unless the place it is
// looked for changes, as in tests); not found, looked for again, so that installing it needs no restart.
let cached: { key: string; office: Office } | null = null;

export function office(): Office | null {
  const key = `${process.env.MAILLAGE_SOFFICE ?? ''}\u0000${process.env.PATH ?? ''}`;
  if (cached?.key === key) return cached.office;
  const found = findOffice();
  cached = found ? { key, office: found } : null;
  return found;
}

export interface FinishedDocument {
  bytes: Uint8Array;
  format: DocumentFormat;
  /** LibreOffice refreshed the fields (table of contents page numbers); otherwise Word does it on open. */
  fieldsUpdated: boolean;
}

/**
 * The one path from a generated .docx to the file the user gets, for the UI and the CLI alike.
 * The association's template, when one is set, gives the layout. A PDF needs LibreOffice: without it, a clear message names the package to install.
 */
export async function finishDocument(ctx: ServiceContext, generated: Uint8Array, format: DocumentFormat, options: { updateFields?: boolean } = {}): Promise<FinishedDocument> {
  const found = office();
  if (format === 'pdf' && !found) throw new AppError('NOT_FOUND', 'docs12.pdf.needsOffice');
  const template = await templateBytes(ctx);
  const docx = template ? applyTemplate(generated, template) : generated;
  if (!found || (format === 'docx' && !options.updateFields)) return { bytes: docx, format, fieldsUpdated: false };
  try {
    return { bytes: await finishWithOffice(found, docx, format), format, fieldsUpdated: true };
  } catch (error) {
    throw new AppError('INTERNAL', 'docs12.pdf.failed', { reason: error instanceof Error ? error.message : String(error) });
  }
}
