import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { bytesToBase64 } from '../../../shared/api/files';
import { formatNumber } from '../../../shared/format/fr';
import { defineCommand } from '../command';

/** Twips to centimetres, as the page size is said (« 14,8 × 21 cm »). */
const cm = (twips: number | null) => (twips === null ? '?' : formatNumber(Math.round((twips / 567) * 10) / 10, 'fr'));

/** `letterhead set MODELE.docx`: the same contract method as the Réglages page. */
export const letterheadSetCommand = defineCommand({
  name: 'letterhead set',
  summary: 'docs12.cli.letterhead.set.summary',
  description: 'docs12.cli.letterhead.set.description',
  arguments: [{ name: 'MODELE.docx', description: 'docs12.cli.letterhead.set.file' }],
  examples: ['npm run cli -- letterhead set modele-association.docx'],
  async run(ctx) {
    const file = path.resolve(ctx.args[0]!);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      throw new AppError('NOT_FOUND', 'docs12.cli.letterhead.unreadable', { file, reason: error instanceof Error ? error.message : String(error) });
    }
    await ctx.withApi(async (api) => {
      const saved = await api('documents.template.set', { fileName: path.basename(file), base64: bytesToBase64(new Uint8Array(bytes)) });
      ctx.out(ctx.t('docs12.cli.letterhead.set.done', { file: saved.fileName, headers: saved.headers, footers: saved.footers, width: cm(saved.pageWidth), height: cm(saved.pageHeight) }));
    });
  },
});

export const letterheadClearCommand = defineCommand({
  name: 'letterhead clear',
  summary: 'docs12.cli.letterhead.clear.summary',
  description: 'docs12.cli.letterhead.clear.description',
  examples: ['npm run cli -- letterhead clear'],
  requiresExistingDatabase: true,
  async run(ctx) {
    await ctx.withApi(async (api) => {
      const { cleared } = await api('documents.template.clear', {});
      ctx.out(ctx.t(cleared ? 'docs12.cli.letterhead.clear.done' : 'docs12.cli.letterhead.clear.none'));
    });
  },
});
