import path from 'node:path';
import { Packer } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { chartImages } from '../../electron/features/activities/charts';
import { reportCharts } from '../../shared/features/activities/charts';
import { annualReportDocument, partnerReportDocument } from '../../shared/features/activities/documents';
import type { ReportFigures } from '../../shared/features/activities/schemas';
import { etpSentence, membershipChangesSentence, newMembersSentence, resultLabel } from '../../shared/features/activities/sentences';
import { formatMoney } from '../../shared/format/fr';
import { counted, de, percent, plural } from '../../shared/format/french';
import { plain, readDocx } from '../helpers/docx';
import { openTestApp, tempDir, type TestApp } from '../helpers/store';

/**
 * The figures of the demo's documents, read back as a funder reads them: the same number of members
 * in every document for a period, the budget of the grant a report is written for, a budget ending
 * with its result, the donated time the ledger holds, and sentences that read right for 0 and 1.
 */

const NOW = new Date('2026-11-15T09:00:00Z');
let app: TestApp;

beforeAll(async () => {
  const file = path.join(tempDir(), 'demo.sqlite');
  const io = { stdout: () => undefined, stderr: () => undefined, now: () => NOW };
  expect(await runCli(['demo', '--db', file], io)).toBe(0);
  app = await openTestApp(file, NOW);
}, 60_000);
afterAll(async () => {
  await app?.close();
});

const text = async (doc: Parameters<typeof Packer.toBuffer>[0]) => {
  const content = readDocx(new Uint8Array(await Packer.toBuffer(doc)));
  return { content, text: plain(content.paragraphs.join('\n')), tables: content.tables.map((t) => t.map((r) => r.map(plain))) };
};
const money = (cents: number) => plain(formatMoney(cents, 'fr', { decimals: false }));
/** Every "N structure(s) adhérente(s)" a reader sees, as numbers. */
const memberCounts = (s: string) => [...s.matchAll(/(\d+) structures? adhérentes?/g)].map((m) => Number(m[1]));

describe('members: one definition for every document of a period', () => {
  it('prints the same count in the annual report and the Région’s report for 2025, with the departure beside the arrivals', async () => {
    const annual = await app.call('reports.annual', { year: 2025 });
    const region = await app.call('reports.partner', { grantId: 2 });
    expect(region.figures.from).toBe('2025-01-01');
    expect(annual.figures.members.map((m) => m.id)).toEqual(region.figures.members.map((m) => m.id));
    const count = annual.figures.members.length;
    // The observatory counts the same roll, on the same day.
    expect(annual.figures.observatory.expected['2025']).toBe(count);
    // Before + arrivals − departures = after.
    expect(annual.figures.membersBefore + annual.figures.newMembers.length - annual.figures.departures.length).toBe(count);
    expect(annual.figures.departures.map((d) => [d.name, d.leftOn])).toEqual([['Recyclerie du Pays sostranien', '2025-09-30']]);

    for (const doc of [annualReportDocument(annual, chartImages(annual.figures)), partnerReportDocument(region, chartImages(region.figures))]) {
      const { text: t } = await text(doc);
      const counts = memberCounts(t);
      expect(counts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(counts)).toEqual(new Set([count]));
      expect(t).toContain('aucune ressourcerie n’a rejoint le réseau et 1 l’a quitté : Recyclerie du Pays sostranien (sortie le 30 septembre 2025 : fusion avec La Recyclerie creusoise');
      // The time ledger counts the organisation that left: said, not mixed into the members' count.
      expect(t).toContain('mis à disposition par 15 structures, dont 1 sortie du réseau en cours de période');
      expect(t).not.toContain('0 ressourcerie');
    }
  });

  it('does not count, in a report ending on 28 February 2026, an organisation that joined on 14 March 2026', async () => {
    const ademe = await app.call('reports.partner', { grantId: 1 });
    expect(ademe.figures.to).toBe('2026-02-28');
    const roll2026 = await app.call('reports.annual', { year: 2026 });
    const lateJoiner = roll2026.figures.newMembers.find((m) => m.joinedOn === '2026-03-14')!;
    expect(lateJoiner).toBeDefined();
    expect(ademe.figures.members.map((m) => m.id)).not.toContain(lateJoiner.id);
    const { text: t } = await text(partnerReportDocument(ademe, chartImages(ademe.figures)));
    expect(new Set(memberCounts(t))).toEqual(new Set([ademe.figures.members.length]));
    expect(t).toContain(`Au 28 février 2026, le réseau compte ${ademe.figures.members.length} structures adhérentes`);
  });
});

describe('budgets: the grant’s, the financial year’s, ending with the result', () => {
  it('shows in the Région’s report the budget of the Région’s grant, not the ADEME programme, with its period', async () => {
    const region = await app.call('reports.partner', { grantId: 2 });
    expect(region.figures.finances.scope).toBe('grant');
    expect(region.figures.finances.budgets.map((b) => b.label)).toEqual(['Exercice 2025']);
    const { text: t, tables } = await text(partnerReportDocument(region, chartImages(region.figures)));
    expect(t).toContain('Budget de la subvention : « Exercice 2025 » (année 2025).');
    expect(t).not.toContain('ADEME (2 ans et demi)');
    const budget = tables.find((tb) => tb[0]![0] === 'Poste')!;
    expect(budget.map((r) => r[0])).not.toContain('ADEME Nouvelle-Aquitaine');
    expect(budget.at(-1)).toEqual(['Résultat (produits − charges)', 'équilibre', 'déficit de 150 €']);
  });

  it('shows in the annual report the financial year’s budget and names the multi-year programme it does not count', async () => {
    const annual = await app.call('reports.annual', { year: 2025 });
    const fin = annual.figures.finances;
    expect(fin.scope).toBe('financialYear');
    expect(fin.budgets.map((b) => b.label)).toEqual(['Exercice 2025']);
    expect(fin.otherBudgets.map((b) => b.label)).toEqual(['Programme ADEME (2 ans et demi)']);
    const { text: t, tables } = await text(annualReportDocument(annual, chartImages(annual.figures)));
    expect(t).toContain('Budget de l’exercice 2025 : « Exercice 2025 » (année 2025).');
    expect(t).toContain('Le budget pluriannuel « Programme ADEME (2 ans et demi) » (du 1er septembre 2024 au 28 février 2026) couvre plusieurs exercices : il n’est pas compté ici');

    // The donated-time line is the ledger's valuation, the one the same report prints for the time.
    const budget = tables.find((tb) => tb[0]![0] === 'Poste')!;
    const inKind = budget.find((r) => r[0] === 'Temps mis à disposition (valorisé)')!;
    expect(inKind[2]).toBe(money(annual.figures.time.valueCents));
    expect(t).toContain(`Contributions volontaires en nature du 1er janvier 2025 au 31 décembre 2025 (temps mis à disposition par les structures, valorisé) : ${money(annual.figures.time.valueCents)}.`);
    expect(t).toContain('le budget saisi indiquait 70 000 € réalisés');
    // Charges, income and the result, which is income − charges.
    expect(budget.map((r) => r[0])).toEqual(expect.arrayContaining(['Charges', 'Total des charges', 'Produits', 'Total des produits']));
    expect(fin.resultActualCents).toBe(fin.incomeActualCents - fin.totalActualCents);
    expect(budget.at(-1)![0]).toBe('Résultat (produits − charges)');
    expect(budget.at(-1)![2]).toBe(plain(resultLabel(fin.resultActualCents)));
  });

  it('says when a grant has no budget of its own instead of borrowing another that overlaps its period', async () => {
    const dreal = (await app.call('organisations.list', { includeArchived: true })).items.find((o) => o.name.startsWith('DREAL'))!;
    const grant = await app.call('funding.grants.create', { funderOrganisationId: dreal.id, programme: 'Économie circulaire', startDate: '2025-06-01', endDate: '2025-11-30', amountCents: 500_000 });
    const report = await app.call('reports.partner', { grantId: grant.id });
    expect(report.figures.finances.budgets).toEqual([]);
    const { text: t } = await text(partnerReportDocument(report, chartImages(report.figures)));
    expect(t).toContain('Aucun budget n’a été saisi pour cette subvention');
    expect(t).not.toContain('Programme ADEME');
    expect(t).not.toContain('Exercice 2025');
  });
});

describe('sentences that read right for 0, 1 and many', () => {
  const figures = (over: Partial<ReportFigures>): ReportFigures =>
    ({
      from: '2025-01-01',
      to: '2025-12-31',
      newMembers: [],
      departures: [],
      members: [],
      membersBefore: 0,
      time: { minutes: 0, etp: 0, valueCents: 0, etpHours: 1607, organisations: 0, byOrganisation: [] },
      byKindYear: [],
      observatory: { years: [], expected: {}, returned: {}, indicators: [] },
      ...over,
    }) as unknown as ReportFigures;

  it('writes arrivals and departures for none, one and several', () => {
    expect(newMembersSentence(figures({}))).toBe('aucune ressourcerie n’a rejoint le réseau');
    expect(newMembersSentence(figures({ newMembers: [{ id: 1, name: 'A', joinedOn: '2025-03-01' }] }))).toBe('1 ressourcerie a rejoint le réseau');
    expect(plain(membershipChangesSentence(figures({})))).toBe('aucune ressourcerie n’a rejoint le réseau et aucune ne l’a quitté');
    expect(
      plain(
        membershipChangesSentence(
          figures({
            newMembers: [
              { id: 1, name: 'A', joinedOn: '2025-03-01' },
              { id: 2, name: 'B', joinedOn: '2025-01-01' },
            ],
            departures: [{ id: 3, name: 'C', leftOn: null, reason: null }],
          }),
        ),
      ),
    ).toBe('2 ressourceries ont rejoint le réseau : A (1er mars 2025) et B (1er janvier 2025) ; 1 l’a quitté : C (adhésion non renouvelée)');
  });

  it('agrees the hours and their valuation in number', () => {
    const one = figures({ time: { minutes: 60, etp: 0.0006, valueCents: 2000, etpHours: 1607, organisations: 1, byOrganisation: [{ organisationId: 1, name: 'A', minutes: 60, etp: 0, valueCents: 2000 }] }, members: [{ id: 1, name: 'A', city: null }] });
    expect(plain(etpSentence(one))).toBe('0,0 ETP mis à disposition par 1 structure adhérente (1 heure, valorisée 20 €)');
  });

  it('writes the charts’ alternative text with real plurals', () => {
    const charts = reportCharts(
      figures({
        byKindYear: [
          { year: 2024, kind: 'conference', count: 1 },
          { year: 2025, kind: 'conference', count: 3 },
          { year: 2025, kind: 'visit', count: 1 },
        ],
      }),
    );
    const alt = plain(charts.find((c) => c.key === 'activities')!.alt);
    expect(alt).toContain('2024 : aucune visite, 1 colloque');
    expect(alt).toContain('2025 : 1 visite, 3 colloques');
  });

  it('has one French helper for counts, elision and percentages', () => {
    expect(counted(0, 'colloque', 'colloques', 'aucun colloque')).toBe('aucun colloque');
    expect(counted(1, 'colloque', 'colloques')).toBe('1 colloque');
    expect(plain(counted(1200, 'heure', 'heures'))).toBe('1 200 heures');
    expect(plural(0, 'a', 'ont')).toBe('a');
    expect(de('Élodie Magnaud')).toBe('d’Élodie Magnaud');
    expect(de('Marc Petit')).toBe('de Marc Petit');
    expect(de('Le Monde Allant Vers')).toBe('du Monde Allant Vers');
    expect(de('Les Ateliers du Bocage')).toBe('des Ateliers du Bocage');
    expect(percent(149, 160)).toBe('93\u00A0%');
  });

  it('does not print the donated time twice in the funder report', async () => {
    const region = await app.call('reports.partner', { grantId: 2 });
    const { text: t } = await text(partnerReportDocument(region, chartImages(region.figures)));
    expect(t.match(/ETP mis à disposition/g)).toHaveLength(1);
    expect(t).not.toMatch(/ETP sur la période, fournis par/);
  });
});
