import { reportCharts, type ChartImage } from '../../../shared/features/activities/charts';
import type { ReportFigures } from '../../../shared/features/activities/schemas';
import { chartToPng } from '../time/chart-png';

/** The report's charts as PNG (resvg, in Node): the CLI and the benchmark embed these. */
export function chartImages(figures: ReportFigures): ChartImage[] {
  return reportCharts(figures).map((c) => ({ key: c.key, title: c.title, alt: c.alt, width: c.width, height: c.height, png: chartToPng(c.svg, c.width) }));
}
