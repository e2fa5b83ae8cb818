import { Packer } from 'docx';
import { performance } from 'node:perf_hooks';
import { chartImages } from '../../electron/features/activities/charts';
import { findOffice } from '../../electron/features/documents/office';
import { bytesToBase64 } from '../../shared/api/files';
import { buildMinutes } from '../../shared/documents/meetings/minutes';
import { annualReportDocument } from '../../shared/features/activities/documents';
import type { AnnualReport } from '../../shared/features/activities/schemas';
import type { MinutesData } from '../../shared/features/meetings/documents';
import type { BenchCase, BenchEnv, BenchRow } from './run';

/**
 * Generation times of the documents a funder files (issue 12): the annual report and a meeting's
 * minutes as .docx (query, charts, packing), then through LibreOffice when it is installed: the
 * .docx with its table of contents numbered, and the PDF/A. No floor: LibreOffice is the work.
 */
async function samples(count: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;

async function call<T>(env: BenchEnv, method: string, input: unknown): Promise<T> {
  const result = await env.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

export const documentsCase: BenchCase = {
  name: 'documents',
  async run(env) {
    const year = env.dataset.lastYear - 1;
    const meetings = await env.store.db.selectFrom('meetings').select('id').orderBy('id', 'desc').limit(1).execute();
    const annual = async () => {
      const report = await call<AnnualReport>(env, 'reports.annual', { year });
      return new Uint8Array(await Packer.toBuffer(annualReportDocument(report, chartImages(report.figures))));
    };
    const minutes = async () => {
      if (!meetings[0]) return null;
      const data = await call<MinutesData>(env, 'meetings.minutesData', { id: meetings[0].id });
      return new Uint8Array(await Packer.toBuffer(buildMinutes(data)));
    };
    const finish = (bytes: Uint8Array | null, format: 'docx' | 'pdf') =>
      bytes ? call(env, 'documents.finish', { base64: bytesToBase64(bytes), format, updateFields: true }) : Promise.resolve(null);
    const row = (measurement: string, xs: number[], target: string, note?: string): BenchRow => ({ measurement, p50: pct(xs, 50), p95: pct(xs, 95), target, note });

    const rows = [row('annual report .docx, without LibreOffice (query + charts + packing)', await samples(5, annual), '—')];
    if (meetings[0]) rows.push(row('minutes of a meeting .docx, without LibreOffice', await samples(5, minutes), '—'));
    if (!findOffice()) return [...rows, row('with LibreOffice', [0], '—', 'LibreOffice is not installed: not measured')];
    const annualBytes = await annual();
    const minutesBytes = await minutes();
    rows.push(row('annual report .docx with its table of contents numbered by LibreOffice', await samples(3, () => finish(annualBytes, 'docx')), '—'));
    rows.push(row('annual report as PDF/A-2b through LibreOffice', await samples(3, () => finish(annualBytes, 'pdf')), '—'));
    if (minutesBytes) rows.push(row('minutes as PDF/A-2b through LibreOffice', await samples(3, () => finish(minutesBytes, 'pdf')), '—'));
    return rows;
  },
};
