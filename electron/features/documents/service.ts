import { base64ToBytes } from '../../../shared/api/files';
import type { TemplateInfo } from '../../../shared/features/documents/contract';
import type { ServiceContext } from '../../app/context';
import { inspectTemplate } from './template';

/** The template lives beside the association's settings, as one row: it is archived and restored with them. */
export const TEMPLATE_KEY = 'document-template';

interface StoredTemplate {
  fileName: string;
  base64: string;
  setAt: string;
}

async function stored(ctx: ServiceContext): Promise<StoredTemplate | null> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', TEMPLATE_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const value = JSON.parse(row.value) as StoredTemplate;
    return typeof value.base64 === 'string' && typeof value.fileName === 'string' ? value : null;
  } catch {
    return null;
  }
}

function info(template: StoredTemplate): TemplateInfo {
  const bytes = base64ToBytes(template.base64);
  return { fileName: template.fileName, size: bytes.byteLength, setAt: template.setAt, ...inspectTemplate(bytes, template.fileName) };
}

export async function templateBytes(ctx: ServiceContext): Promise<Uint8Array | null> {
  const template = await stored(ctx);
  return template ? base64ToBytes(template.base64) : null;
}

export async function getTemplate(ctx: ServiceContext): Promise<TemplateInfo | null> {
  const template = await stored(ctx);
  return template ? info(template) : null;
}

/** Checked before anything is written: a refused template leaves the one in place untouched. */
export async function setTemplate(ctx: ServiceContext, input: { fileName: string; base64: string }): Promise<TemplateInfo> {
  const bytes = base64ToBytes(input.base64);
  inspectTemplate(bytes, input.fileName);
  const template: StoredTemplate = { fileName: input.fileName, base64: input.base64, setAt: ctx.now().toISOString() };
  const value = JSON.stringify(template);
  await ctx.db
    .insertInto('settings')
    .values({ key: TEMPLATE_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return info(template);
}

export async function clearTemplate(ctx: ServiceContext): Promise<{ cleared: boolean }> {
  const result = await ctx.db.deleteFrom('settings').where('key', '=', TEMPLATE_KEY).executeTakeFirst();
  return { cleared: Number(result.numDeletedRows) > 0 };
}
