import { CHART_FONT, escapeXml, niceTicks } from './bar';

/**
 * Grouped vertical columns (one group per year, one column per series) as an SVG string, with a
 * legend: pure code, no DOM. Used for activities by kind and year and the observatory's tonnes.
 */

export interface ColumnChartSpec {
  title: string;
  description: string;
  /** Groups along the axis, e.g. years. */
  groups: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
  format?: (value: number) => string;
  unit?: string;
  width?: number;
}

/** Distinguishable, print-friendly, AA against white. */
export const SERIES_COLOURS = ['#1F5F4A', '#C0562B', '#2F6DA8', '#8A6D1E', '#7A3E8E', '#4E7D2E', '#8C2F39', '#555555'];
const TEXT = '#1A1A1A';
const MUTED = '#555555';
const GRID = '#D5DDD9';
const FRENCH = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function columnChartSvg(spec: ColumnChartSpec): { svg: string; width: number; height: number } {
  const format = spec.format ?? ((v: number) => FRENCH.format(v));
  const width = spec.width ?? 640;
  const plotTop = 40;
  const plotHeight = 220;
  const legendRows = Math.ceil(spec.series.length / 3);
  const left = 56;
  const right = 12;
  const plotBottom = plotTop + plotHeight;
  const height = plotBottom + 28 + (spec.unit ? 16 : 0) + legendRows * 20 + 8;
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values));
  const ticks = niceTicks(max);
  const scaleMax = ticks[ticks.length - 1]! || 1;
  const y = (v: number) => plotBottom - (v / scaleMax) * plotHeight;
  const plotWidth = width - left - right;
  const groupWidth = plotWidth / Math.max(1, spec.groups.length);
  const columnWidth = Math.min(36, (groupWidth * 0.8) / Math.max(1, spec.series.length));

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="${CHART_FONT}">`,
    `<title id="chart-title">${escapeXml(spec.title)}</title>`,
    `<desc id="chart-desc">${escapeXml(spec.description)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<text x="0" y="18" font-size="14" font-weight="bold" fill="${TEXT}">${escapeXml(spec.title)}</text>`,
  ];
  for (const tick of ticks) {
    const ty = y(tick).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${ty}" x2="${width - right}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" font-size="11" fill="${MUTED}" text-anchor="end">${escapeXml(format(tick))}</text>`,
    );
  }
  spec.groups.forEach((group, g) => {
    const groupLeft = left + g * groupWidth + (groupWidth - columnWidth * spec.series.length) / 2;
    spec.series.forEach((s, i) => {
      const value = s.values[g] ?? 0;
      const top = y(value);
      const h = Math.max(value > 0 ? 1 : 0, plotBottom - top);
      const x = groupLeft + i * columnWidth;
      parts.push(`<rect x="${x.toFixed(1)}" y="${(plotBottom - h).toFixed(1)}" width="${(columnWidth - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/>`);
      if (value > 0 && columnWidth >= 14)
        parts.push(`<text x="${(x + (columnWidth - 2) / 2).toFixed(1)}" y="${(plotBottom - h - 3).toFixed(1)}" font-size="9" fill="${TEXT}" text-anchor="middle">${escapeXml(format(value))}</text>`);
    });
    parts.push(`<text x="${(left + g * groupWidth + groupWidth / 2).toFixed(1)}" y="${plotBottom + 16}" font-size="12" fill="${TEXT}" text-anchor="middle">${escapeXml(group)}</text>`);
  });
  parts.push(`<line x1="${left}" y1="${plotBottom}" x2="${width - right}" y2="${plotBottom}" stroke="${MUTED}" stroke-width="1"/>`);
  let legendTop = plotBottom + 28;
  if (spec.unit) {
    parts.push(`<text x="${left}" y="${legendTop}" font-size="11" fill="${MUTED}">${escapeXml(spec.unit)}</text>`);
    legendTop += 16;
  }
  const legendWidth = plotWidth / 3;
  spec.series.forEach((s, i) => {
    const lx = left + (i % 3) * legendWidth;
    const ly = legendTop + Math.floor(i / 3) * 20;
    parts.push(
      `<rect x="${lx.toFixed(1)}" y="${ly}" width="12" height="12" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/>`,
      `<text x="${(lx + 18).toFixed(1)}" y="${ly + 10}" font-size="11" fill="${TEXT}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return { svg: parts.join(''), width, height };
}
