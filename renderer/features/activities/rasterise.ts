import { reportCharts, type ChartImage } from '../../../shared/features/activities/charts';
import type { ReportFigures } from '../../../shared/features/activities/schemas';

/** Draws an SVG chart on a canvas at twice its size and returns the PNG bytes (the documents embed PNG). */
export async function svgToPng(svg: string, width: number, height: number): Promise<Uint8Array> {
  // A data: URL, which the page's content security policy allows for images (blob: is not).
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'));
    return new Uint8Array(await blob.arrayBuffer());
  }
}

export async function rasteriseCharts(figures: ReportFigures): Promise<ChartImage[]> {
  return Promise.all(reportCharts(figures).map(async (c) => ({ key: c.key, title: c.title, alt: c.alt, width: c.width, height: c.height, png: await svgToPng(c.svg, c.width, c.height) })));
}
