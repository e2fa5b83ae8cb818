import path from 'node:path';
import { buildCertificate } from '../../../shared/documents/time/certificate';
import { buildNetworkSummary, networkChart } from '../../../shared/documents/time/network-summary';
import { formatDuration, minutesToHours } from '../../../shared/features/time/duration';
import { SUMMARY_GROUPS, type SummaryGroup, type SummaryLine } from '../../../shared/features/time/schemas';
import { formatDateLong, formatMoney, formatNumber } from '../../../shared/format/fr';
import { isIsoDate } from '../../../shared/validation/identifiers';
import { chartToPng } from '../../features/time/chart-png';
import { defineCommand, UsageError, type CliContext } from '../command';
import { isDocumentFile, wordingOf, writeDocument } from '../document';

function dateOption(ctx: CliContext, name: 'from' | 'to'): string {
  const value = ctx.options[name];
  if (typeof value !== 'string') throw new UsageError('time.cli.dateRequired', { option: `--${name}` });
  if (!isIsoDate(value)) throw new UsageError('time.cli.badDate', { option: `--${name}`, value });
  return value;
}

function period(ctx: CliContext): { from: string; to: string } {
  const from = dateOption(ctx, 'from');
  const to = dateOption(ctx, 'to');
  if (to < from) throw new UsageError('time.cli.toBeforeFrom', { from, to });
  return { from, to };
}

/** One group as JSON: hours and euros as numbers a spreadsheet reads, minutes and cents exact beside them. */
function summaryLineJson(line: SummaryLine) {
  return {
    key: line.key,
    group: line.label,
    hours: minutesToHours(line.minutes),
    minutes: line.minutes,
    etp: Math.round(line.etp * 10_000) / 10_000,
    value: line.valueCents / 100,
    valueCents: line.valueCents,
    entries: line.count,
  };
}

function textTable(rows: string[][], rightAligned: number[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

export const timeSummaryCommand = defineCommand({
  name: 'time summary',
  summary: 'time.cli.summary.summary',
  description: 'time.cli.summary.description',
  options: {
    from: { type: 'string', description: 'time.cli.option.from', valueName: 'AAAA-MM-JJ' },
    to: { type: 'string', description: 'time.cli.option.to', valueName: 'AAAA-MM-JJ' },
    by: { type: 'string', description: 'time.cli.option.by', valueName: SUMMARY_GROUPS.join('|') },
    json: { type: 'boolean', description: 'time.cli.option.json' },
  },
  examples: [
    'npm run cli -- time summary --from 2025-01-01 --to 2025-12-31',
    'npm run cli -- time summary --from 2024-01-01 --to 2026-06-30 --by month --json',
  ],
  requiresExistingDatabase: true,
  async run(ctx) {
    const { from, to } = period(ctx);
    const by = (ctx.options.by ?? 'organisation') as string;
    if (!(SUMMARY_GROUPS as readonly string[]).includes(by)) throw new UsageError('time.cli.badGroup', { value: by, groups: SUMMARY_GROUPS.join(', ') });
    await ctx.withApi(async (api) => {
      const summary = await api('time.summary', { from, to, by: by as SummaryGroup });
      if (ctx.options.json) {
        ctx.out(JSON.stringify(summary.groups.map(summaryLineJson), null, 2));
        return;
      }
      const line = (l: SummaryLine) => [l.label, formatDuration(l.minutes), formatNumber(l.etp, 'fr', 2), formatMoney(l.valueCents, 'fr', { decimals: true })];
      const header = [ctx.t(`time.cli.group.${summary.by}`), ctx.t('time.doc.hours'), ctx.t('time.doc.etpShort'), ctx.t('time.doc.value')];
      ctx.out(ctx.t('time.cli.summary.title', { from: formatDateLong(from), to: formatDateLong(to), base: formatNumber(summary.etpHours, 'fr') }));
      for (const row of textTable([header, ...summary.groups.map(line), line(summary.total)], [1, 2, 3])) ctx.out(row);
    });
  },
});

function outFile(ctx: CliContext): string {
  const out = ctx.options.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('time.cli.outRequired');
  if (!isDocumentFile(out)) throw new UsageError('docs12.cli.outDocument', { file: out });
  return path.resolve(out);
}

export const timeCertificateCommand = defineCommand({
  name: 'time certificate',
  summary: 'time.cli.certificate.summary',
  description: 'time.cli.certificate.description',
  arguments: [{ name: 'ORGANISATION_ID', description: 'time.cli.certificate.organisation' }],
  options: {
    from: { type: 'string', description: 'time.cli.option.from', valueName: 'AAAA-MM-JJ' },
    to: { type: 'string', description: 'time.cli.option.to', valueName: 'AAAA-MM-JJ' },
    out: { type: 'string', description: 'time.cli.option.out', valueName: 'FICHIER.docx' },
  },
  examples: ['npm run cli -- time certificate 3 --from 2025-01-01 --to 2025-12-31 --out attestation.docx'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const organisationId = Number(ctx.args[0]);
    if (!Number.isInteger(organisationId) || organisationId <= 0) throw new UsageError('time.cli.badOrganisation', { value: ctx.args[0]! });
    const { from, to } = period(ctx);
    const file = outFile(ctx);
    await ctx.withApi(async (api) => {
      const data = await api('time.certificate', { organisationId, from, to });
      await writeDocument(api, buildCertificate(data, await wordingOf(api)), file);
      ctx.out(ctx.t('time.cli.certificate.done', { file, organisation: data.organisation.name, duration: formatDuration(data.total.minutes), value: formatMoney(data.total.valueCents, 'fr', { decimals: true }) }));
    });
  },
});

export const timeNetworkCommand = defineCommand({
  name: 'time network',
  summary: 'time.cli.network.summary',
  description: 'time.cli.network.description',
  options: {
    from: { type: 'string', description: 'time.cli.option.from', valueName: 'AAAA-MM-JJ' },
    to: { type: 'string', description: 'time.cli.option.to', valueName: 'AAAA-MM-JJ' },
    out: { type: 'string', description: 'time.cli.option.out', valueName: 'FICHIER.docx' },
  },
  examples: ['npm run cli -- time network --from 2025-01-01 --to 2025-12-31 --out temps-reseau-2025.docx'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const { from, to } = period(ctx);
    const file = outFile(ctx);
    await ctx.withApi(async (api) => {
      const data = await api('time.networkSummary', { from, to });
      const chart = networkChart(data);
      await writeDocument(api, buildNetworkSummary(data, chart, chartToPng(chart.svg, chart.width)), file);
      ctx.out(ctx.t('time.cli.network.done', { file, duration: formatDuration(data.total.minutes), value: formatMoney(data.total.valueCents, 'fr', { decimals: true }) }));
    });
  },
});
