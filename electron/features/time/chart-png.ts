import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT } from '../../../shared/charts/bar';

/**
 * The PNG fallback of an SVG chart, for Word processors that cannot show SVG. Rendered at twice
 * the chart's size so that it stays sharp when printed.
 */
export function chartToPng(svg: string, width: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT.split(',')[0]!.trim() },
  });
  return new Uint8Array(resvg.render().asPng());
}
