import fs from 'node:fs';
import path from 'node:path';
import { Packer } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { chartToPng } from '../../electron/features/time/chart-png';
import { barChartSvg, niceTicks } from '../../shared/charts/bar';
import { buildCertificate, certificateFileName, valuationSentence } from '../../shared/documents/time/certificate';
import { buildNetworkSummary, networkChart } from '../../shared/documents/time/network-summary';
import { entriesToCsv } from '../../shared/features/time/csv';
import { formatDuration } from '../../shared/features/time/duration';
import { formatMoney } from '../../shared/format/fr';
import { plain, readDocx } from '../helpers/docx';
import { openTestApp, tempDir, type TestApp } from '../helpers/store';

describe('bar chart (pure SVG)', () => {
  it('draws labelled bars with French numbers, a title and a description for screen readers', () => {
    const chart = barChartSvg({
      title: 'Heures données par structure',
      description: 'Alpha : 1 234,5 h ; Bêta & fils : 80 h',
      labels: ['Alpha', 'Bêta & fils'],
      values: [1234.5, 80],
      unit: 'heures',
    });
    expect(chart.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="\d+"/);
    expect(chart.svg).toContain('role="img"');
    expect(chart.svg).toContain('<title id="chart-title">Heures données par structure</title>');
    expect(chart.svg).toContain('<desc id="chart-desc">Alpha : 1 234,5 h ; Bêta &amp; fils : 80 h</desc>');
    expect(chart.svg).toContain('>1\u202f234,5<');
    expect(chart.svg).toContain('>Bêta &amp; fils<');
    expect(chart.svg.match(/<rect /g)).toHaveLength(3); // background + two bars
    expect(niceTicks(1234.5)).toEqual([0, 250, 500, 750, 1000, 1250]);
    const png = chartToPng(chart.svg, chart.width);
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });
});

describe('time documents', () => {
  let app: TestApp;
  let alphaId: number;

  beforeAll(async () => {
    app = await openTestApp();
    await app.call('settings.update', {
      associationName: 'Réseau des ressourceries du Limousin',
      address: '2 avenue Foch',
      postcode: '87120',
      city: 'Eymoutiers',
      siret: null,
      rna: null,
      email: null,
      phone: null,
      website: null,
      logoDataUrl: null,
      etpHours: 1607,
      defaultHourlyValueCents: 2000,
      financialYearStartMonth: 1,
      defaultFeeCents: 5000,
    });
    const alpha = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie Alpha', city: 'Limoges', postcode: '87000' });
    const beta = await app.call('organisations.create', { kind: 'member', name: 'Recyclerie Bêta' });
    alphaId = alpha.id;
    const anne = await app.call('people.create', { firstName: 'Anne', lastName: 'Bernard' });
    const chair = await app.call('people.create', { firstName: 'Paule', lastName: 'Martin' });
    await app.call('people.addOffice', { personId: chair.id, office: 'president', startDate: '2020-06-01' });
    await app.call('people.addAffiliation', { personId: anne.id, organisationId: alpha.id, role: 'Directrice', startDate: '2020-01-01' });
    await app.call('memberships.save', { organisationId: alpha.id, year: 2025, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: anne.id });
    const categories = (await app.call('time.categories.list', {})).items;
    const cat = (code: string) => categories.find((c) => c.code === code)!.id;
    await app.call('time.rates.save', { scope: 'organisation', organisationId: alpha.id, validFrom: '2025-03-01', hourlyCents: 2500 });
    const add = (organisationId: number, personId: number | null, date: string, minutes: string, code: string, nature: 'secondment' | 'volunteering' = 'secondment') =>
      app.call('time.entries.create', { organisationId, personId, date, minutes, categoryId: cat(code), nature });
    await add(alpha.id, anne.id, '2025-01-14', '3h30', 'coordination');
    await add(alpha.id, anne.id, '2025-03-11', '2h', 'network_meeting');
    await add(alpha.id, null, '2025-05-17', '6h', 'awareness', 'volunteering');
    await add(beta.id, null, '2025-05-20', '1h20', 'observatory');
    await app.call('time.pledges.save', { organisationId: alpha.id, from: '2025-01-01', to: '2025-12-31', unit: 'hours', amount: 40, agreementReference: 'CMD-2025-01', agreementDate: '2024-12-10' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('certificate: header, both parties, hours by month and category with totals, ETP, value, method, signatures', async () => {
    const data = await app.call('time.certificate', { organisationId: alphaId, from: '2025-01-01', to: '2025-12-31' });
    expect(data.total).toMatchObject({ minutes: 690, valueCents: 7000 + 5000 + 15000, count: 3 });
    expect(certificateFileName(data)).toBe('attestation-temps-ressourcerie-alpha-2025-01-01-2025-12-31.docx');
    expect(plain(valuationSentence(data))).toContain('soit de 20,00 € à 25,00 € de l’heure');
    const doc = readDocx(await Packer.toBuffer(buildCertificate(data)));
    // One page of certificate (secondment and volunteering apart, the pledge's completion rate, method,
    // signatures), then the tables as an annex on their own page.
    expect(doc.headings.map((h) => plain(h.text))).toEqual([
      'Attestation de mise à disposition',
      'Synthèse',
      'Méthode de valorisation',
      'Annexe : détail du temps donné',
      'Heures par mois',
      'Heures par catégorie',
      'Heures par nature',
      'Heures par personne',
    ]);
    const text = plain(doc.paragraphs.join('\n'));
    expect(text).toContain(
      'Je soussigné·e, Paule Martin, agissant au nom de l’association Réseau des ressourceries du Limousin, atteste que Ressourcerie Alpha (87000 Limoges) a mis à disposition du réseau 5 h 30 de travail de ses salariés du 1er janvier 2025 au 31 décembre 2025, et que ses bénévoles lui ont donné 6 h de bénévolat sur la même période.',
    );
    expect(text).toContain('Mise à disposition : 5 h 30, soit 0,00 ETP (base de 1 607 heures par an, au prorata de la période) ; valorisation 120,00 €');
    // The pledge counts the secondment only, not the volunteering.
    expect(text).toContain('Engagement de mise à disposition : 5 h 30 sur 40 h prévues, soit 14 %');
    expect(text).toContain('Engagement de 40 heures du 1er janvier 2025 au 31 décembre 2025 par la convention CMD-2025-01 du 10 décembre 2024.');
    expect(text).toContain('Bénévolat : 6 h ; valorisation 150,00 €');
    expect(text).toContain('Total du temps donné : 11 h 30 ; valorisation 270,00 € (3 saisies)');
    expect(text).not.toContain('(11,5 h)');
    expect(text).toContain('Fait à Eymoutiers, le 12 mars 2026.');
    // The closing sentence stays with the signatures; the annex begins a new page.
    expect(doc.xml).toMatch(/<w:keepNext\/>[\s\S]{0,400}Fait à Eymoutiers/);
    expect(doc.xml).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,400}Annexe/);
    const [, months, categories] = doc.tables.map((t) => t.map((row) => row.map(plain)));
    expect(months![0]).toEqual(['Mois', 'Heures', 'Part', 'Valeur']);
    expect(months).toHaveLength(1 + 12 + 1);
    expect(months![1]).toEqual(['janvier 2025', '3 h 30', '30,4 %', '70,00 €']);
    expect(months![2]).toEqual(['février 2025', '0 min', '0,0 %', '0,00 €']);
    expect(months![13]).toEqual(['Total', '11 h 30', '100 %', '270,00 €']);
    expect(categories).toEqual([
      ['Catégorie', 'Heures', 'Part', 'Valeur'],
      ['Coordination', '3 h 30', '30,4 %', '70,00 €'],
      ['Réunion de réseau', '2 h', '17,4 %', '50,00 €'],
      ['Sensibilisation et animation', '6 h', '52,2 %', '150,00 €'],
      ['Total', '11 h 30', '100 %', '270,00 €'],
    ]);
    expect(doc.repeatedHeaderRows.slice(1, 5)).toEqual([1, 1, 1, 1]);
    const signatures = doc.tables.find((t) => plain(t[0]![0]!).startsWith('Pour l’association'))!;
    expect(plain(signatures[0]![0]!)).toContain('Pour l’association Réseau des ressourceries du Limousin\nPaule Martin (présidence)');
    expect(plain(signatures[0]![1]!)).toContain('Pour la structure Ressourcerie Alpha\nAnne Bernard');
    expect(doc.footers.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });

  it('network summary: table by organisation and category, and the chart as SVG with a PNG fallback and its alternative text', async () => {
    const data = await app.call('time.networkSummary', { from: '2025-01-01', to: '2025-12-31' });
    const chart = networkChart(data);
    const doc = readDocx(await Packer.toBuffer(buildNetworkSummary(data, chart, chartToPng(chart.svg, chart.width))));
    expect(doc.headings.map((h) => h.text)).toEqual([
      'Temps donné au réseau',
      'Heures par structure',
      'Synthèse par structure',
      'Heures par structure et par catégorie',
      'Méthode de valorisation',
    ]);
    expect(doc.media.sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    expect(doc.altTexts).toEqual([
      'Diagramme en barres des heures données au réseau par structure, du 1er janvier 2025 au 31 décembre 2025 : Recyclerie Bêta : 1,33 h ; Ressourcerie Alpha : 11,5 h.',
    ]);
    const [byOrganisation, matrix] = doc.tables.map((t) => t.map((row) => row.map(plain)));
    expect(byOrganisation).toEqual([
      ['Structure', 'Heures', 'Part', 'ETP', 'Valeur'],
      ['Recyclerie Bêta', '1 h 20', '10,4 %', '0,00', '26,67 €'],
      ['Ressourcerie Alpha', '11 h 30', '89,6 %', '0,01', '270,00 €'],
      ['Total', '12 h 50', '100 %', '0,01', '296,67 €'],
    ]);
    expect(matrix).toEqual([
      ['Structure', 'Coordination', 'Réunion de réseau', 'Sensibilisation et animation', 'Observatoire', 'Total'],
      ['Recyclerie Bêta', '–', '–', '–', '1,3', '1,3'],
      ['Ressourcerie Alpha', '3,5', '2,0', '6,0', '–', '11,5'],
      ['Total', '3,5', '2,0', '6,0', '1,3', '12,8'],
    ]);
    expect(doc.repeatedHeaderRows).toEqual([1, 1]);
  });

  it('exports any list of entries as CSV: UTF-8 with BOM, semicolons, decimal commas, dd/mm/yyyy', async () => {
    const list = await app.call('time.entries.list', { organisationId: alphaId });
    const csv = entriesToCsv(list.items);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Date;Structure;Personne;Catégorie;Nature;Durée (h);Minutes;Taux horaire (€);Valeur (€);Réunion;Note');
    expect(lines[1]).toBe('17/05/2025;Ressourcerie Alpha;;Sensibilisation et animation;Bénévolat;6;360;25,00;150,00;;');
    expect(lines[3]).toBe('14/01/2025;Ressourcerie Alpha;Anne Bernard;Coordination;Mise à disposition;3,5;210;20,00;70,00;;');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[4]).toBe('');
    expect(entriesToCsv([{ ...list.items[0]!, note: 'Stand "Faïte de la récup"; Limoges' }]).split('\r\n')[1]).toContain(';"Stand ""Faïte de la récup""; Limoges"');
  });
});

describe('the demo agrees with itself: screen, CLI and certificates', () => {
  it('gives the same minutes and cents in the summary the UI shows, in `time summary --json` and in each certificate', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'demo.sqlite');
    const now = () => new Date('2026-11-15T09:00:00Z');
    const io = () => {
      let stdout = '';
      let stderr = '';
      return { io: { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), now }, out: () => stdout, err: () => stderr };
    };
    const demo = io();
    expect(await runCli(['demo', '--db', file], demo.io), demo.err()).toBe(0);

    const from = '2025-01-01';
    const to = '2025-12-31';
    const app = await openTestApp(file, now());
    try {
      // What the Temps › Bilans page shows: the same method, through the same dispatcher.
      const screen = await app.call('time.summary', { from, to, by: 'organisation' });
      expect(screen.groups.length).toBeGreaterThan(10);
      expect(await app.count('time_entries')).toBeGreaterThan(3000);

      const cli = io();
      expect(await runCli(['time', 'summary', '--from', from, '--to', to, '--json', '--db', file], cli.io), cli.err()).toBe(0);
      const json = JSON.parse(cli.out()) as { key: string; minutes: number; valueCents: number; hours: number; value: number; etp: number }[];
      expect(json.map((g) => [g.key, g.minutes, g.valueCents])).toEqual(screen.groups.map((g) => [g.key, g.minutes, g.valueCents]));
      for (const g of json) {
        expect(g.hours).toBeCloseTo(g.minutes / 60, 2);
        expect(g.value).toBe(g.valueCents / 100);
      }

      for (const group of screen.groups) {
        const organisationId = group.filter.organisationId!;
        const out = path.join(dir, `attestation-${organisationId}.docx`);
        const run = io();
        expect(await runCli(['time', 'certificate', String(organisationId), '--from', from, '--to', to, '--out', out, '--db', file], run.io), run.err()).toBe(0);
        const doc = readDocx(fs.readFileSync(out));
        const months = doc.tables.find((t) => t[0]![0] === 'Mois')!;
        expect(plain(months[months.length - 1]!.join('|'))).toBe(plain(`Total|${formatDuration(group.minutes)}|100 %|${formatMoney(group.valueCents, 'fr', { decimals: true })}`));
        // The entries list behind the total (the drill-down) holds exactly these minutes and cents.
        expect((await app.call('time.entries.list', group.filter)).totals).toMatchObject({ minutes: group.minutes, valueCents: group.valueCents });
      }
    } finally {
      await app.close();
    }
  }, 120_000);
});
