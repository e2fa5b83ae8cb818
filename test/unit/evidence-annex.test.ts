import { Packer, type Document } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualReportDocument, partnerReportDocument } from '../../shared/features/activities/documents';
import { plain, readDocx } from '../helpers/docx';
import { openTestApp, type TestApp } from '../helpers/store';

/** A year with 3 awareness actions (one the year before, not counted) and 2 visits, one by elected people. */
let app: TestApp;
const pack = async (doc: Document) => readDocx(new Uint8Array(await Packer.toBuffer(doc)));

beforeAll(async () => {
  app = await openTestApp();
  const a = (await app.call('organisations.create', { name: 'Ressourcerie de la Vienne', kind: 'member' })).id;
  const b = (await app.call('organisations.create', { name: 'Recyclerie du Pont', kind: 'member' })).id;
  const act = (kind: 'awareness' | 'visit', date: string, title: string, leads: number[], extra: Record<string, unknown> = {}) =>
    app.call('activities.create', { kind, date, title, leadOrganisationIds: leads, ...extra });
  await act('awareness', '2025-05-17', 'Faïte de la récup', [a, b], { place: 'Limoges', peopleReached: 120 });
  await act('awareness', '2025-10-02', 'Atelier réparation', [a], { place: 'Eymoutiers', peopleReached: 25 });
  await act('awareness', '2025-11-20', 'Troc de jouets', [b]);
  await act('awareness', '2024-05-18', 'Action de l’an passé', [a]);
  await act('visit', '2025-03-01', 'Visite des élus', [a], { visitorKind: 'local_authority' });
  await act('visit', '2025-09-11', 'Visite d’étudiants', [b], { visitorKind: 'other' });
});
afterAll(async () => {
  await app.close();
});

describe('evidence annex « Détail des résultats »', () => {
  it('is not written unless asked', async () => {
    const report = await app.call('reports.annual', { year: 2025 });
    expect(report.evidence).toEqual([]);
    const content = await pack(annualReportDocument(report, []));
    expect(content.headings.map((h) => plain(h.text))).not.toContain('Annexe — Détail des résultats');
  });

  it('lists, under each figure of the annual report, exactly the records it counts, with date, organisations and place', async () => {
    const report = await app.call('reports.annual', { year: 2025, evidence: true });
    const awareness = report.evidence.find((g) => g.metric === 'awareness_actions')!;
    expect(awareness.value).toBe(report.figures.awareness.count);
    expect(awareness.items.map((i) => i.label)).toEqual(['Faïte de la récup', 'Atelier réparation', 'Troc de jouets']);
    const visits = report.evidence.find((g) => g.metric === 'visits')!;
    expect(visits.items).toHaveLength(2);
    expect(report.evidence.find((g) => g.metric === 'visits_local_authority')!.items.map((i) => i.label)).toEqual(['Visite des élus']);
    // A figure of 0 has no group; each group's rows equal its figure (people reached is a sum, not a count).
    expect(report.evidence.some((g) => g.metric === 'conferences')).toBe(false);
    for (const g of report.evidence.filter((x) => !['people_reached', 'hours', 'etp'].includes(x.metric))) expect(g.items).toHaveLength(g.value);

    const content = await pack(annualReportDocument(report, []));
    const headings = content.headings.map((h) => plain(h.text));
    const annex = headings.indexOf('Annexe — Détail des résultats');
    expect(annex).toBeGreaterThan(0);
    expect(headings.slice(annex)).toContain('Actions de sensibilisation : 3');
    // The annex starts on a page of its own.
    expect(content.xml).toMatch(/<w:pageBreakBefore\/>(?:(?!<\/w:p>)[\s\S])*Annexe — Détail des résultats/);
    const table = content.tables.find((t) => t.some((row) => row[1] === 'Atelier réparation'))!;
    expect(table[0]).toEqual(['Date', 'Enregistrement', 'Structures, lieu, précisions']);
    const row = table.find((r) => r[1] === 'Faïte de la récup')!;
    expect(row[0]).toBe('17/05/2025');
    expect(plain(row[2]!)).toContain('Limoges');
    expect(plain(row[2]!)).toMatch(/Recyclerie du Pont|Ressourcerie de la Vienne/);
  });

  it('goes with the partner report over its period too', async () => {
    const report = await app.call('reports.partner', { from: '2025-09-01', to: '2025-12-31', evidence: true });
    expect(report.evidence.find((g) => g.metric === 'awareness_actions')!.items.map((i) => i.label)).toEqual(['Atelier réparation', 'Troc de jouets']);
    const content = await pack(partnerReportDocument(report, []));
    expect(content.headings.map((h) => plain(h.text))).toContain('Actions de sensibilisation : 2');
  });
});
