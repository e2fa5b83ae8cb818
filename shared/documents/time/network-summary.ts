import { AlignmentType, BorderStyle, HeightRule, ImageRun, LineRuleType, Paragraph, Table, TableCell, TableRow, TextDirection, VerticalAlign, WidthType, type Document } from 'docx';
import { barChartSvg, type BarChart } from '../../charts/bar';
import type { NetworkSummaryData } from '../../features/time/schemas';
import { formatNumber } from '../../format/fr';
import { ACCENT, buildDocument, heading, paragraph, table, text, title } from '../kit';
import { decimalHours, duration, etpText, euros, percent, period, t } from './common';

const TEXT_WIDTH = 9638; // twips, as the kit's A4 layout
/** The chart in the page: 16 cm wide. */
const CHART_WIDTH_PX = 605;

/** The alternative text of the chart: what it shows, with every figure, for whoever cannot see it. */
export function networkChartDescription(data: NetworkSummaryData): string {
  const lines = data.organisations.map((o) => `${o.name} : ${decimalHours(o.minutes)} h`).join(' ; ');
  return t('time.doc.chartAlt', { period: period(data.from, data.to), lines: lines || t('time.doc.noEntries') });
}

/** Hours by organisation, largest first: drawn once, embedded as SVG with its PNG fallback. */
export function networkChart(data: NetworkSummaryData): BarChart {
  const sorted = [...data.organisations].sort((a, b) => b.minutes - a.minutes);
  return barChartSvg({
    title: t('time.doc.chartTitle'),
    description: networkChartDescription(data),
    labels: sorted.map((o) => o.name),
    values: sorted.map((o) => Math.round((o.minutes / 60) * 10) / 10),
    unit: t('time.doc.hoursUnit'),
    width: 640,
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: 'B7C4BF' };
const borders = { top: thin, bottom: thin, left: thin, right: thin };

/**
 * Organisation × category in hours: many narrow columns, so a smaller type than the kit's tables
 * and the category names written upwards in a tall header row, as printed statistics do.
 */
function matrix(data: NetworkSummaryData): Table {
  const n = data.categories.length;
  const nameWidth = 24;
  const totalWidth = 9;
  const cellWidth = n > 0 ? (100 - nameWidth - totalWidth) / n : 0;
  const widths = [nameWidth, ...data.categories.map(() => cellWidth), totalWidth].map((w) => Math.round((TEXT_WIDTH * w) / 100));
  const hours = (minutes: number) => (minutes === 0 ? '–' : formatNumber(Math.round((minutes / 60) * 10) / 10, 'fr', 1));
  const last = n + 1;
  const cell = (value: string, i: number, kind: 'head' | 'body' | 'total') =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders,
      shading: kind === 'head' ? { fill: ACCENT, color: 'auto', type: 'clear' } : kind === 'total' ? { fill: 'E8EFEC', color: 'auto', type: 'clear' } : undefined,
      margins: { top: 40, bottom: 40, left: 50, right: 50 },
      textDirection: kind === 'head' && i > 0 && i < last ? TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT : undefined,
      verticalAlign: kind === 'head' ? VerticalAlign.BOTTOM : VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: i === 0 || (kind === 'head' && i < last) ? AlignmentType.LEFT : AlignmentType.RIGHT,
          spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO },
          children: [text(value, { size: 15, bold: kind !== 'body', color: kind === 'head' ? 'FFFFFF' : undefined })],
        }),
      ],
    });
  const row = (values: string[], kind: 'head' | 'body' | 'total') =>
    new TableRow({
      tableHeader: kind === 'head',
      cantSplit: true,
      height: kind === 'head' ? { value: 2100, rule: HeightRule.ATLEAST } : undefined,
      children: values.map((v, i) => cell(v, i, kind)),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      row([t('time.doc.organisation'), ...data.categories.map((c) => c.name), t('time.doc.total')], 'head'),
      ...data.organisations.map((o) => row([o.name, ...o.minutesByCategory.map(hours), hours(o.minutes)], 'body')),
      row([t('time.doc.total'), ...data.total.minutesByCategory.map(hours), hours(data.total.minutes)], 'total'),
    ],
  });
}

/**
 * The network's time over a period: totals, a bar chart of hours by organisation (SVG with a PNG
 * fallback, alternative text listing every figure), a table by organisation and the
 * organisation × category table. `chartPng` is the chart rendered by the caller (resvg in Node,
 * a canvas in the renderer), so this stays a pure function.
 */
export function buildNetworkSummary(data: NetworkSummaryData, chart: BarChart, chartPng: Uint8Array): Document {
  const total = data.total;
  const height = Math.round((chart.height / chart.width) * CHART_WIDTH_PX);
  const image = new ImageRun({
    type: 'svg',
    data: new TextEncoder().encode(chart.svg),
    fallback: { type: 'png', data: chartPng },
    transformation: { width: CHART_WIDTH_PX, height },
    altText: { name: 'graphique-heures-par-structure', title: t('time.doc.chartTitle'), description: networkChartDescription(data) },
  });
  const children = [
    ...title(t('time.doc.networkTitle'), period(data.from, data.to)),
    paragraph(
      t(data.organisations.length === 1 ? 'time.doc.networkIntroOne' : 'time.doc.networkIntro', {
        count: data.organisations.length,
        hours: decimalHours(total.minutes),
        etp: etpText(total.etp),
        value: euros(total.valueCents),
        base: decimalHours(data.etpHours * 60),
      }),
    ),
    ...(data.pendingMinutes ? [paragraph(t('member14.doc.pendingNetwork', { duration: duration(data.pendingMinutes) }))] : []),
    heading(t('time.doc.chartHeading')),
    // An explicit "auto" line rule: without it LibreOffice reads the default line height as exact and clips the picture.
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO }, children: [image] }),
    heading(t('time.doc.byOrganisation')),
    table(
      [
        { header: t('time.doc.organisation'), width: 40 },
        { header: t('time.doc.hours'), width: 17, align: 'right' },
        { header: t('time.doc.share'), width: 11, align: 'right' },
        { header: t('time.doc.etpShort'), width: 11, align: 'right' },
        { header: t('time.doc.value'), width: 21, align: 'right' },
      ],
      data.organisations.map((o) => [o.name, duration(o.minutes), percent(o.minutes, total.minutes), etpText(o.etp), euros(o.valueCents)]),
      { totals: [t('time.doc.total'), duration(total.minutes), total.minutes > 0 ? '100 %' : '—', etpText(total.etp), euros(total.valueCents)] },
    ),
    heading(t('time.doc.byOrganisationAndCategory')),
    paragraph(t('time.doc.matrixNote')),
    matrix(data),
    heading(t('time.doc.method')),
    paragraph(t('time.doc.valuationGeneral')),
    paragraph(t('time.doc.etpMethod', { base: decimalHours(data.etpHours * 60) })),
  ];
  return buildDocument({
    title: `${t('time.doc.networkTitle')} — ${period(data.from, data.to)}`,
    letterhead: data.letterhead,
    footerText: t('time.doc.networkTitle'),
    children,
  });
}
