/**
 * A horizontal bar chart as an SVG string, drawn by plain code: no DOM, so the renderer, the CLI
 * and the tests draw the very same picture. Long labels (organisation names) read best on the
 * left of horizontal bars. Colours pass WCAG AA against white (bars 7.6:1, text 15:1); the SVG
 * carries its title and description for screen readers.
 */

export interface BarChartSpec {
  title: string;
  /** Read out by screen readers and used as the image's alternative text in documents. */
  description: string;
  labels: readonly string[];
  values: readonly number[];
  /** How a value is printed at the end of its bar and on the axis (French by default). */
  format?: (value: number) => string;
  /** The unit under the axis, e.g. "heures". */
  unit?: string;
  width?: number;
}

export interface BarChart {
  svg: string;
  width: number;
  height: number;
}

export const CHART_FONT = 'Liberation Sans, Arial, Helvetica, sans-serif';
const BAR = '#1F5F4A';
const TEXT = '#1A1A1A';
const MUTED = '#555555';
const GRID = '#D5DDD9';

const FRENCH = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Average glyph width of Arial-like fonts, in ems: enough to lay out labels without measuring them. */
const EM = 0.56;
export function textWidth(value: string, size: number): number {
  return value.length * size * EM;
}

function truncate(value: string, size: number, max: number): string {
  if (textWidth(value, size) <= max) return value;
  let out = value;
  while (out.length > 1 && textWidth(`${out}…`, size) > max) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/** Round steps for the axis: 1, 2, 2.5 or 5 × a power of ten, about five of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

export function barChartSvg(spec: BarChartSpec): BarChart {
  const format = spec.format ?? ((v: number) => FRENCH.format(v));
  const width = spec.width ?? 640;
  const size = 12;
  const rowHeight = 24;
  const barHeight = 16;
  const top = 40;
  const bottom = spec.unit ? 44 : 30;
  const labelWidth = Math.min(width * 0.45, Math.max(60, ...spec.labels.map((l) => textWidth(l, size))) + 8);
  const valueWidth = Math.max(40, ...spec.values.map((v) => textWidth(format(v), size))) + 8;
  const plotLeft = labelWidth + 8;
  const plotWidth = Math.max(40, width - plotLeft - valueWidth - 8);
  const height = top + Math.max(1, spec.labels.length) * rowHeight + bottom;
  const max = Math.max(0, ...spec.values);
  const ticks = niceTicks(max);
  const scaleMax = ticks[ticks.length - 1]! || 1;
  const x = (v: number) => plotLeft + (v / scaleMax) * plotWidth;
  const plotBottom = top + spec.labels.length * rowHeight;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="${CHART_FONT}">`,
    `<title id="chart-title">${escapeXml(spec.title)}</title>`,
    `<desc id="chart-desc">${escapeXml(spec.description)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<text x="0" y="18" font-size="14" font-weight="bold" fill="${TEXT}">${escapeXml(spec.title)}</text>`,
  );
  for (const tick of ticks) {
    const tx = x(tick).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${plotBottom}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${tx}" y="${plotBottom + 16}" font-size="11" fill="${MUTED}" text-anchor="middle">${escapeXml(format(tick))}</text>`,
    );
  }
  spec.labels.forEach((label, i) => {
    const value = spec.values[i] ?? 0;
    const y = top + i * rowHeight;
    const barY = y + (rowHeight - barHeight) / 2;
    const w = Math.max(value > 0 ? 1 : 0, x(value) - plotLeft);
    parts.push(
      `<text x="${(labelWidth).toFixed(1)}" y="${(y + rowHeight / 2 + size * 0.35).toFixed(1)}" font-size="${size}" fill="${TEXT}" text-anchor="end">${escapeXml(truncate(label, size, labelWidth))}</text>`,
      `<rect x="${plotLeft}" y="${barY.toFixed(1)}" width="${w.toFixed(1)}" height="${barHeight}" fill="${BAR}"/>`,
      `<text x="${(plotLeft + w + 6).toFixed(1)}" y="${(y + rowHeight / 2 + size * 0.35).toFixed(1)}" font-size="${size}" fill="${TEXT}">${escapeXml(format(value))}</text>`,
    );
  });
  parts.push(`<line x1="${plotLeft}" y1="${top - 4}" x2="${plotLeft}" y2="${plotBottom}" stroke="${MUTED}" stroke-width="1"/>`);
  if (spec.unit) parts.push(`<text x="${(plotLeft + plotWidth / 2).toFixed(1)}" y="${plotBottom + 34}" font-size="11" fill="${MUTED}" text-anchor="middle">${escapeXml(spec.unit)}</text>`);
  parts.push('</svg>');
  return { svg: parts.join(''), width, height };
}
