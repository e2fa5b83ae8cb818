import fs from 'node:fs';
import path from 'node:path';
import { feeCallDocument, feeCallFileName } from '../../../shared/documents/memberships/fee-call';
import { receiptDocument } from '../../../shared/documents/memberships/receipt';
import { defineCommand, UsageError } from '../command';
import { isDocumentFile, writeDocument } from '../document';

/** `memberships call` and `memberships receipt`: the same builders as the buttons of the Adhésions page. */

export const membershipsCallCommand = defineCommand({
  name: 'memberships call',
  summary: 'cli.memberships.call.summary',
  description: 'cli.memberships.call.description',
  options: {
    year: { type: 'string', description: 'cli.memberships.option.year', valueName: 'AAAA' },
    out: { type: 'string', description: 'cli.memberships.option.dir', valueName: 'DOSSIER' },
  },
  examples: ['npm run cli -- memberships call --year 2026 --out appels-2026'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const year = Number(ctx.options.year);
    if (!Number.isInteger(year) || year < 1901 || year > 2200) throw new UsageError('cli.report.badYear', { value: String(ctx.options.year ?? '') });
    const out = ctx.options.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('cli.report.outRequired');
    const dir = path.resolve(out);
    await ctx.withApi(async (api) => {
      const calls = await api('memberships.documents.calls', { year });
      fs.mkdirSync(dir, { recursive: true });
      for (const item of calls.items) await writeDocument(api, feeCallDocument(calls, item), path.join(dir, feeCallFileName(calls, item)));
      ctx.out(ctx.t('cli.memberships.call.done', { count: calls.items.length, dir }));
    });
  },
});

export const membershipsReceiptCommand = defineCommand({
  name: 'memberships receipt',
  summary: 'cli.memberships.receipt.summary',
  description: 'cli.memberships.receipt.description',
  arguments: [{ name: 'ID', description: 'cli.memberships.idRequired' }],
  options: { out: { type: 'string', description: 'cli.report.option.out', valueName: 'FICHIER.docx' } },
  examples: ['npm run cli -- memberships receipt 12 --out recu.docx'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const raw = ctx.args[0] ?? '';
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError('cli.memberships.idRequired');
    const out = ctx.options.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('cli.report.outRequired');
    if (!isDocumentFile(out)) throw new UsageError('docs12.cli.outDocument', { file: out });
    const file = path.resolve(out);
    await ctx.withApi(async (api) => {
      const receipt = await api('memberships.documents.receipt', { id: Number(raw) });
      await writeDocument(api, receiptDocument(receipt), file);
      ctx.out(ctx.t('cli.memberships.receipt.done', { reference: receipt.reference, file }));
    });
  },
});
