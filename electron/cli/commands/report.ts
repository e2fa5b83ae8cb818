import fs from 'node:fs';
import path from 'node:path';
import { annualReportDocument, partnerReportDocument } from '../../../shared/features/activities/documents';
import type { AnnualReport, PartnerReport } from '../../../shared/features/activities/schemas';
import { quantitativeSentences } from '../../../shared/features/activities/sentences';
import { isIsoDate } from '../../../shared/validation/identifiers';
import { chartImages } from '../../features/activities/charts';
import { finishedDocument, wordingOf } from '../document';
import type { ApiCall } from '../api';
import { defineCommand, UsageError, type CliContext } from '../command';

function output(ctx: CliContext): { json: true } | { json: false; file: string } {
  if (ctx.options.json) return { json: true };
  const out = ctx.options.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('cli.report.outRequired');
  if (!/\.(docx|pdf)$/i.test(out)) throw new UsageError('cli.report.outDocx', { file: out });
  return { json: false, file: path.resolve(out) };
}

function date(ctx: CliContext, name: 'from' | 'to'): string | undefined {
  const value = ctx.options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) throw new UsageError('cli.report.badDate', { option: `--${name}`, value: String(value) });
  return value;
}

/** The figures as JSON: the same data the document prints, its sentences included. */
function json(report: AnnualReport | PartnerReport) {
  return { ...report, letterhead: { ...report.letterhead, logoDataUrl: undefined }, sentences: quantitativeSentences(report.figures) };
}

async function write(ctx: CliContext, api: ApiCall, file: string, report: AnnualReport | PartnerReport) {
  const charts = chartImages(report.figures);
  const wording = await wordingOf(api);
  const doc = report.type === 'annual' ? annualReportDocument(report, charts, wording) : partnerReportDocument(report, charts, wording);
  const pdf = file.toLowerCase().endsWith('.pdf');
  // LibreOffice, when installed, fills the table of contents with page numbers (and makes the PDF);
  // otherwise the .docx asks Word to update it on opening, and the command says which happened.
  const { bytes, fieldsUpdated } = await finishedDocument(api, doc, file, { updateFields: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  ctx.out(ctx.t('cli.report.done', { file, figures: quantitativeSentences(report.figures).length, charts: charts.length }));
  ctx.out(ctx.t(pdf ? 'docs.office.pdfDone' : fieldsUpdated ? 'docs.office.tocUpdated' : 'docs.office.tocOnOpen'));
}

export const reportAnnualCommand = defineCommand({
  name: 'report annual',
  summary: 'cli.report.annual.summary',
  description: 'cli.report.annual.description',
  options: {
    year: { type: 'string', description: 'cli.report.option.year', valueName: 'AAAA' },
    out: { type: 'string', description: 'cli.report.option.out', valueName: 'FICHIER.docx' },
    json: { type: 'boolean', description: 'cli.report.option.json' },
    annex: { type: 'boolean', description: 'cli.report.option.annex' },
  },
  examples: ['npm run cli -- report annual --year 2025 --out rapport-activite-2025.docx', 'npm run cli -- report annual --year 2025 --annex --out rapport-avec-annexe.docx', 'npm run cli -- report annual --year 2025 --json'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const year = Number(ctx.options.year);
    if (!Number.isInteger(year) || year < 1901 || year > 2200) throw new UsageError('cli.report.badYear', { value: String(ctx.options.year ?? '') });
    const out = output(ctx);
    await ctx.withApi(async (api) => {
      const report = await api('reports.annual', { year, evidence: ctx.options.annex === true });
      if (out.json) ctx.out(JSON.stringify(json(report), null, 2));
      else await write(ctx, api, out.file, report);
    });
  },
});

export const reportPartnerCommand = defineCommand({
  name: 'report partner',
  summary: 'cli.report.partner.summary',
  description: 'cli.report.partner.description',
  options: {
    from: { type: 'string', description: 'cli.report.option.from', valueName: 'AAAA-MM-JJ' },
    to: { type: 'string', description: 'cli.report.option.to', valueName: 'AAAA-MM-JJ' },
    grant: { type: 'string', description: 'cli.report.option.grant', valueName: 'ID' },
    out: { type: 'string', description: 'cli.report.option.out', valueName: 'FICHIER.docx' },
    json: { type: 'boolean', description: 'cli.report.option.json' },
    annex: { type: 'boolean', description: 'cli.report.option.annex' },
  },
  examples: ['npm run cli -- report partner --from 2023-09-01 --to 2026-02-28 --out bilan-copil.docx', 'npm run cli -- report partner --grant 1 --json'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const from = date(ctx, 'from');
    const to = date(ctx, 'to');
    const grantId = ctx.options.grant === undefined ? undefined : Number(ctx.options.grant);
    if (grantId !== undefined && (!Number.isInteger(grantId) || grantId <= 0)) throw new UsageError('cli.report.badGrant', { value: String(ctx.options.grant) });
    if (grantId === undefined && (!from || !to)) throw new UsageError('cli.report.periodRequired');
    if (from && to && to < from) throw new UsageError('cli.report.toBeforeFrom', { from, to });
    const out = output(ctx);
    await ctx.withApi(async (api) => {
      const report = await api('reports.partner', { from, to, grantId, evidence: ctx.options.annex === true });
      if (out.json) ctx.out(JSON.stringify(json(report), null, 2));
      else await write(ctx, api, out.file, report);
    });
  },
});
