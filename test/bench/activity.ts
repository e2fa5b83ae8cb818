import { Packer } from 'docx';
import type Database from 'better-sqlite3';
import { chartImages } from '../../electron/features/activities/charts';
import { seededRandom } from '../../electron/features/demo/generate';
import { annualReportDocument, partnerReportDocument } from '../../shared/features/activities/documents';
import type { AnnualReport, PartnerReport } from '../../shared/features/activities/schemas';
import type { Dispatch } from '../../electron/api/dispatch';
import { timed } from './measure';

const KINDS = ['awareness', 'awareness', 'outreach', 'visit', 'conference', 'support', 'communication'] as const;
const VISITORS = ['local_authority', 'project_founder', 'other'] as const;

/** 25 000 activities over the dataset's ten years, with their leading organisations, and a year of observatory returns. */
export function insertActivities(sqlite: Database.Database, organisations: number, lastYear: number, count = 25_000): void {
  const random = seededRandom(25);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const stamp = new Date().toISOString();
  sqlite.transaction(() => {
    const activity = sqlite.prepare('INSERT INTO activities (kind, date, title, place, visitor_kind, project_founder_id, people_reached, campaign, note, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, NULL, ?, ?, NULL, ?, ?)');
    const link = sqlite.prepare('INSERT OR IGNORE INTO activity_organisations (activity_id, organisation_id, role) VALUES (?, ?, ?)');
    for (let i = 0; i < count; i++) {
      const kind = KINDS[int(0, KINDS.length - 1)]!;
      const date = `${int(lastYear - 9, lastYear)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
      const id = Number(activity.run(kind, date, `Action ${i}`, kind === 'visit' ? VISITORS[int(0, 2)] : null, int(0, 200), kind === 'awareness' && random() < 0.5 ? 'Faïte de la récup' : null, stamp, stamp).lastInsertRowid);
      link.run(id, int(1, organisations), 'lead');
      if (random() < 0.3) link.run(id, int(1, organisations), 'partner');
    }
  })();
}

/** Report from the service query to packed .docx bytes, charts rendered with resvg: what the CLI does. */
export async function measureReports(dispatch: Dispatch, lastYear: number) {
  const run = async (method: 'reports.annual' | 'reports.partner', input: unknown) => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    const report = result.value as AnnualReport | PartnerReport;
    const charts = chartImages(report.figures);
    const doc = report.type === 'annual' ? annualReportDocument(report, charts) : partnerReportDocument(report, charts);
    return (await Packer.toBuffer(doc)).length;
  };
  const annual: number[] = [];
  const partner: number[] = [];
  const dashboard: number[] = [];
  for (let i = 0; i < 5; i++) {
    annual.push((await timed(() => run('reports.annual', { year: lastYear - 1 })))[0]);
    partner.push((await timed(() => run('reports.partner', { from: `${lastYear - 3}-09-01`, to: `${lastYear - 1}-02-28` })))[0]);
  }
  for (let i = 0; i < 50; i++) dashboard.push((await timed(() => dispatch('dashboard.get', {})))[0]);
  return { annual, partner, dashboard };
}
