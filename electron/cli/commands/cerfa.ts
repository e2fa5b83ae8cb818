import path from 'node:path';
import { cerfaDocument } from '../../../shared/documents/funding/cerfa';
import { defineCommand, UsageError } from '../command';
import { isDocumentFile, writeDocument } from '../document';

/** `report cerfa`: the Cerfa 15059 financial report of one grant, the same builder as the grant's page. */
export const reportCerfaCommand = defineCommand({
  name: 'report cerfa',
  summary: 'cli.report.cerfa.summary',
  description: 'cli.report.cerfa.description',
  options: {
    grant: { type: 'string', description: 'cli.report.option.grant', valueName: 'ID' },
    out: { type: 'string', description: 'cli.report.option.out', valueName: 'FICHIER.docx' },
    json: { type: 'boolean', description: 'cli.report.option.json' },
  },
  examples: ['npm run cli -- report cerfa --grant 1 --out compte-rendu.docx', 'npm run cli -- report cerfa --grant 1 --json'],
  requiresExistingDatabase: true,
  async run(ctx) {
    if (ctx.options.grant === undefined) throw new UsageError('cli.report.cerfa.grantRequired');
    const grantId = Number(ctx.options.grant);
    if (!Number.isInteger(grantId) || grantId <= 0) throw new UsageError('cli.report.badGrant', { value: String(ctx.options.grant) });
    const json = ctx.options.json === true;
    const out = ctx.options.out;
    if (!json) {
      if (typeof out !== 'string' || out === '') throw new UsageError('cli.report.outRequired');
      if (!isDocumentFile(out)) throw new UsageError('docs12.cli.outDocument', { file: out });
    }
    await ctx.withApi(async (api) => {
      if (json) {
        const report = await api('funding.cerfa.get', { id: grantId });
        ctx.out(JSON.stringify({ ...report, letterhead: { ...report.letterhead, logoDataUrl: undefined } }, null, 2));
        return;
      }
      const report = await api('funding.cerfa.document', { id: grantId });
      const file = path.resolve(out as string);
      await writeDocument(api, cerfaDocument(report), file);
      ctx.out(ctx.t('cli.report.cerfa.done', { file }));
    });
  },
});
