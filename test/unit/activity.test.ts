import { Packer } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../electron/features/archive/export';
import { validateArchive, writeArchive } from '../../electron/features/archive/import';
import { chartImages } from '../../electron/features/activities/charts';
import { annualReportDocument, partnerReportDocument } from '../../shared/features/activities/documents';
import { quantitativeSentences } from '../../shared/features/activities/sentences';
import { plain, readDocx } from '../helpers/docx';
import { openTestApp, type TestApp } from '../helpers/store';

/**
 * A hand-built year (2025, "today" is 12 March 2026) whose every figure is known in advance:
 * 4 members (2 joined in 2025), 3 awareness actions by 3 members (2 for "Faïte de la récup"),
 * 2 outreach events, 4 visits (2 by local authorities, 1 by a project founder, 1 other), 1 conference,
 * 2 support sessions for 1 founder, 3 coordination meetings and 2 technical days held (plus a
 * general assembly, which is no meeting day), 1 607 hours of donated time (1,0 ETP, 32 140 €),
 * a budget of 62 000 € of which 13 000 € of side costs, a grant of 40 000 € with 30 000 € paid.
 */

let app: TestApp;
const ids: Record<string, number> = {};

async function org(key: string, name: string, kind: 'member' | 'partner', partnerType: 'local_authority' | 'environment_agency' | null = null) {
  ids[key] = (await app.call('organisations.create', { name, kind, partnerType })).id;
}

beforeAll(async () => {
  app = await openTestApp();
  await org('a', 'Ressourcerie A', 'member');
  await org('b', 'Ressourcerie B', 'member');
  await org('c', 'Ressourcerie C', 'member');
  await org('d', 'Ressourcerie D', 'member');
  await org('funder', 'ADEME', 'partner', 'environment_agency');
  await org('town', 'Commune de Peyrat', 'partner', 'local_authority');
  const membership = (organisationId: number, year: number, startDate: string | null, paid = true) =>
    app.call('memberships.save', { organisationId, year, feeDueCents: 10000, amountPaidCents: paid ? 10000 : 0, paidOn: paid ? `${year}-02-01` : null, paymentMethod: paid ? 'transfer' : null, votingPersonId: null, startDate, exitDate: null, exitReason: null, note: null });
  for (const y of [2024, 2025]) {
    await membership(ids.a!, y, null);
    await membership(ids.b!, y, null);
  }
  await membership(ids.c!, 2025, '2025-03-01');
  await membership(ids.d!, 2025, null);
  await membership(ids.a!, 2026, null);
  await membership(ids.b!, 2026, null, false);

  const founder = await app.call('activities.founders.create', { name: 'Projet de recyclerie à Bourganeuf', territory: 'Creuse', stage: 'study' });
  ids.founder = founder.id;
  await app.call('activities.founders.create', { name: 'La Boîte à réemploi', stage: 'open', organisationId: ids.d! });

  const act = (kind: string, date: string, title: string, leads: number[], extra: Record<string, unknown> = {}) =>
    app.call('activities.create', { kind: kind as 'awareness', date, title, leadOrganisationIds: leads, ...extra });
  await act('awareness', '2025-05-17', 'Faïte de la récup à A', [ids.a!, ids.b!], { campaign: 'Faïte de la récup', peopleReached: 120 });
  await act('awareness', '2025-05-18', 'Faïte de la récup à C', [ids.c!], { campaign: 'Faïte de la récup', peopleReached: 80 });
  await act('awareness', '2025-10-02', 'Atelier réparation', [ids.a!], { peopleReached: 25, partnerOrganisationIds: [ids.town!] });
  await act('outreach', '2025-06-01', 'Stand au marché', [ids.a!]);
  await act('outreach', '2025-07-01', 'Animation à la fête', [ids.a!]);
  await act('visit', '2025-03-01', 'Visite des élus', [ids.a!], { visitorKind: 'local_authority' });
  await act('visit', '2025-04-01', 'Visite du SYDED', [ids.b!], { visitorKind: 'local_authority' });
  await act('visit', '2025-04-11', 'Visite du porteur', [ids.b!], { visitorKind: 'project_founder', projectFounderId: ids.founder });
  await act('visit', '2025-09-11', 'Visite d’étudiants', [ids.c!], { visitorKind: 'other' });
  await act('conference', '2025-11-20', 'Colloque du réemploi', [ids.a!]);
  await act('support', '2025-02-10', 'Accompagnement 1', [ids.a!], { projectFounderId: ids.founder });
  await act('support', '2025-08-10', 'Accompagnement 2', [ids.a!], { projectFounderId: ids.founder });
  await act('awareness', '2024-05-18', 'Action de l’an passé', [ids.a!]);

  const now = '2026-01-01T00:00:00.000Z';
  const meeting = (kind: string, date: string) =>
    app.store.db.insertInto('meetings').values({ kind, title: `${kind} ${date}`, date, start_time: null, end_time: null, host_organisation_id: null, address: null, convened_on: null, convened_by_person_id: null, convened_how: null, chair_person_id: null, secretary_person_id: null, status: 'draft', finalized_at: null, note: null, created_at: now, updated_at: now }).execute();
  for (const d of ['2025-01-20', '2025-06-20', '2025-11-20']) await meeting('coordination', d);
  for (const d of ['2025-04-15', '2025-10-15']) await meeting('technical_day', d);
  await meeting('general_assembly', '2025-06-21');
  await meeting('coordination', '2026-06-20'); // not held yet

  const category = (await app.call('time.categories.list', {})).items[0]!.id;
  for (let i = 0; i < 230; i++) {
    const date = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
    await app.call('time.entries.create', { organisationId: i < 150 ? ids.a! : ids.b!, personId: null, date, minutes: i === 229 ? 240 : 420, categoryId: category, nature: 'secondment', meetingId: null, activityId: null, note: null });
  }

  const grant = await app.call('funding.grants.create', {
    funderOrganisationId: ids.funder!,
    programme: 'Animation du réseau régional',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    amountCents: 4_000_000,
    reports: [{ dueDate: '2026-03-31', label: 'Bilan final' }],
    targets: [
      { metric: 'awareness_actions', value: 4 },
      { metric: 'visits', value: 4 },
    ],
  });
  ids.grant = grant.id;
  await app.call('funding.payments.add', { grantId: grant.id, date: '2025-02-15', amountCents: 3_000_000 });
  await app.call('funding.budgets.save', {
    label: 'Budget 2025',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    grantId: grant.id,
    lines: [
      { direction: 'expense', category: 'staff', plannedCents: 3_500_000, actualCents: 3_300_000 },
      { direction: 'expense', category: 'donated_time', plannedCents: 1_500_000, actualCents: 1_600_000 },
      { direction: 'expense', category: 'shows', plannedCents: 500_000, actualCents: 600_000 },
      { direction: 'expense', category: 'printing', plannedCents: 300_000, actualCents: 400_000 },
      { direction: 'expense', category: 'graphic_design', plannedCents: 200_000, actualCents: 300_000 },
      { direction: 'income', category: 'funding', funderOrganisationId: ids.funder!, plannedCents: 4_000_000, actualCents: 4_000_000 },
    ],
  });

  const indicators = (await app.call('observatory.indicators.list', {})).items;
  const ind = (code: string) => indicators.find((i) => i.code === code)!.id;
  ids.collected = ind('tonnes_collected');
  ids.employees = ind('employees');
  await app.call('observatory.save', { organisationId: ids.a!, year: 2025, values: [{ indicatorId: ind('tonnes_collected'), value: 120.5 }, { indicatorId: ind('employees'), value: 8 }] });
  await app.call('observatory.save', { organisationId: ids.b!, year: 2025, values: [{ indicatorId: ind('tonnes_collected'), value: 79.5 }] });
  await app.call('observatory.save', { organisationId: ids.a!, year: 2024, values: [{ indicatorId: ind('tonnes_collected'), value: 160 }] });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('bad input: clear messages naming the field, nothing written', () => {
  it('refuses an activity without a leading organisation', async () => {
    const before = await app.count('activities');
    const error = await app.fail('activities.create', { kind: 'awareness', date: '2025-05-01', title: 'Sans porteur', leadOrganisationIds: [] });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([{ path: 'leadOrganisationIds', key: 'error.activity.leadRequired' }]);
    expect(error.message).toContain('Structures porteuses');
    expect(await app.count('activities')).toBe(before);
  });

  it('refuses a visit without a visitor kind', async () => {
    const before = await app.count('activities');
    const error = await app.fail('activities.create', { kind: 'visit', date: '2025-05-01', title: 'Visite', leadOrganisationIds: [ids.a!] });
    expect(error.issues?.[0]).toMatchObject({ path: 'visitorKind', key: 'error.activity.visitorRequired' });
    expect(error.message).toContain('Visiteur');
    expect(await app.count('activities')).toBe(before);
  });

  it('refuses a payment beyond the amount granted', async () => {
    const error = await app.fail('funding.payments.add', { grantId: ids.grant!, date: '2025-06-01', amountCents: 1_000_001 });
    expect(error.issues?.[0]?.path).toBe('amountCents');
    expect(plain(error.message)).toContain('il dépasse le montant accordé (40 000 €) ; il reste 10 000 € à recevoir');
    expect(await app.count('grant_payments')).toBe(1);
    // Exactly the rest is accepted.
    const grant = await app.call('funding.payments.add', { grantId: ids.grant!, date: '2025-06-01', amountCents: 1_000_000 });
    expect(grant.paidCents).toBe(4_000_000);
    await app.call('funding.payments.delete', { id: grant.payments[1]!.id });
  });

  it('refuses a negative tonnage and a decimal headcount, and writes none of the values', async () => {
    const before = await app.count('indicator_values');
    const negative = await app.fail('observatory.save', { organisationId: ids.c!, year: 2025, values: [{ indicatorId: ids.employees!, value: 3 }, { indicatorId: ids.collected!, value: -2 }] });
    expect(negative.issues).toEqual([{ path: 'values[1].value', key: 'error.activity.negativeTonnage', params: { indicator: 'Tonnes collectées' } }]);
    expect(negative.message).toContain('Tonnes collectées : un tonnage ne peut pas être négatif');
    const decimal = await app.fail('observatory.save', { organisationId: ids.c!, year: 2025, values: [{ indicatorId: ids.employees!, value: 2.5 }] });
    expect(decimal.message).toContain('Salariés : un nombre entier est attendu');
    expect(await app.count('indicator_values')).toBe(before);
  });
});

describe('observatory', () => {
  it('shows who returned their figures and the regional totals with their change', async () => {
    const year = await app.call('observatory.year', { year: 2025 });
    expect(year.expected).toBe(4);
    expect(year.returned).toBe(2);
    expect(year.organisations.filter((o) => !o.returned).map((o) => o.name)).toEqual(['Ressourcerie C', 'Ressourcerie D']);
    const collected = year.totals.find((t) => t.indicatorId === ids.collected)!;
    expect(collected).toEqual({ indicatorId: ids.collected, total: 200, previous: 160, change: 25 });
  });
});

describe('the annual report of 2025', () => {
  it('computes every figure from the records', async () => {
    const r = await app.call('reports.annual', { year: 2025 });
    const f = r.figures;
    expect(f.meetings).toMatchObject({ days: 5, coordination: 3, technicalDays: 2 });
    expect(f.meetings.byKind.general_assembly).toBe(1);
    expect(f.awareness).toMatchObject({ count: 3, leaders: 3 });
    expect(f.awareness.campaigns).toEqual([{ name: 'Faïte de la récup', count: 2, leaders: 3 }]);
    expect(f.outreach).toEqual({ count: 2, leaders: 1 });
    expect(f.visits).toEqual({ count: 4, localAuthority: 2, projectFounder: 1, other: 1 });
    expect(f.conferences).toBe(1);
    expect(f.support).toEqual({ sessions: 2, founders: 1 });
    expect(f.peopleReached).toBe(225);
    expect(f.newMembers.map((m) => [m.name, m.joinedOn])).toEqual([
      ['Ressourcerie C', '2025-03-01'],
      ['Ressourcerie D', '2025-01-01'],
    ]);
    expect(f.members).toHaveLength(4);
    expect(f.time.minutes).toBe(1607 * 60);
    expect(f.time.etp).toBeCloseTo(1, 5);
    expect(f.time.valueCents).toBe(3_214_000);
    // The donated-time line is the ledger's valuation (32 140 €), not the 16 000 € typed in the budget.
    expect(f.finances.totalActualCents).toBe(7_814_000);
    expect(f.finances.inKind).toEqual({ from: '2025-01-01', to: '2025-12-31', ledgerCents: 3_214_000, enteredActualCents: 1_600_000, plannedCents: 1_500_000 });
    expect(f.finances.resultActualCents).toBe(-600_000);
    expect(f.finances.sideCostsActualCents).toBe(1_300_000);
    expect(f.finances.grants).toEqual([expect.objectContaining({ amountCents: 4_000_000, paidCents: 3_000_000 })]);
    expect(f.observatory.indicators.find((i) => i.code === 'tonnes_collected')!.totals).toEqual({ '2025': 200 });
    expect(f.byKindYear).toContainEqual({ year: 2024, kind: 'awareness', count: 1 });
    expect(r.meetingsHeld).toHaveLength(6);
  });

  it('reads each figure as a sentence, with French plurals and numbers', async () => {
    const r = await app.call('reports.annual', { year: 2025 });
    const sentences = quantitativeSentences(r.figures).map((s) => plain(s.text));
    expect(sentences).toEqual([
      '5 journées de rencontre entre les ressourceries (3 réunions de coordination et 2 journées techniques)',
      '3 actions de sensibilisation menées par 3 ressourceries, dont 2 à l’occasion de « Faïte de la récup »',
      '2 animations menées par 1 ressourcerie',
      '4 visites de ressourceries réalisées, dont 2 par des collectivités territoriales, 1 par un porteur de projet et 1 par un autre visiteur',
      '1 participation à un colloque ou à une réunion organisés par les partenaires',
      '2 séances d’accompagnement de 1 porteur de projet',
      '225 personnes sensibilisées lors des actions du réseau',
      '2 ressourceries ont rejoint le réseau',
    ]);
  });

  it('writes a document with headings, sentences, tables with repeating headers, and charts with alt text', async () => {
    const r = await app.call('reports.annual', { year: 2025 });
    const charts = chartImages(r.figures);
    expect(charts.map((c) => c.key)).toEqual(['activities', 'hours', 'tonnes']);
    const doc = readDocx(new Uint8Array(await Packer.toBuffer(annualReportDocument(r, charts))));
    const headings = doc.headings.map((h) => h.text);
    expect(headings).toEqual(expect.arrayContaining(['Rapport d’activité 2025', 'Les adhérents', 'Gouvernance et réunions', 'Résultats quantitatifs', 'Le temps mis à disposition', 'L’observatoire des ressourceries', 'Finances']));
    const text = plain(doc.paragraphs.join('\n'));
    expect(text).toContain('3 actions de sensibilisation menées par 3 ressourceries');
    expect(text).toContain('1,0 ETP mis à disposition par 2 structures adhérentes (1 607 heures, valorisées 32 140 €)');
    expect(text).toContain('Charges réalisées : 78 140 €, dont 32 140 € de temps mis à disposition valorisé et 13 000 € de frais annexes (spectacles, impression, graphisme, achats…) ; résultat : déficit de 6 000 €');
    expect(text).toContain('le réseau compte 4 structures adhérentes');
    expect(doc.xml).toContain('w:instrText');
    expect(doc.footers.join('')).toContain('PAGE');
    expect(doc.repeatedHeaderRows.every((n) => n === 1)).toBe(true);
    expect(doc.media).toHaveLength(3);
    expect(doc.altTexts.some((a) => plain(a).startsWith('Heures mises à disposition par structure : Ressourcerie A, 1 050 heures'))).toBe(true);
    const timeTable = doc.tables.find((t) => t[0]?.[0] === 'Structure' && t[0]?.[1] === 'Heures')!;
    expect(plain(timeTable.at(-1)!.join(' | '))).toBe('Total | 1 607 | 1,00 | 32 140 €');
  });
});

describe('the funder report', () => {
  it('uses the grant’s period, compares targets and keeps the texts typed in the app', async () => {
    await app.call('reports.texts.save', { type: 'partner', periodKey: `grant-${ids.grant}`, section: 'outlook', body: 'Ouvrir deux ressourceries en Creuse.' });
    const r = await app.call('reports.partner', { grantId: ids.grant! });
    expect(r.figures.from).toBe('2025-01-01');
    expect(r.targets).toEqual([
      { metric: 'awareness_actions', target: 4, actual: 3 },
      { metric: 'visits', target: 4, actual: 4 },
    ]);
    expect(r.partners).toEqual([
      { name: 'ADEME', role: 'funder' },
      { name: 'Commune de Peyrat', role: 'partner' },
    ]);
    const doc = readDocx(new Uint8Array(await Packer.toBuffer(partnerReportDocument(r, chartImages(r.figures)))));
    const text = plain(doc.paragraphs.join('\n'));
    expect(text).toContain('Ouvrir deux ressourceries en Creuse.');
    expect(text).toContain('4 visites de ressourceries réalisées, dont 2 par des collectivités territoriales');
    expect(doc.headings.map((h) => h.text)).toEqual(expect.arrayContaining(['Résultats quantitatifs', 'Moyens humains', 'Moyens financiers', 'Partenaires mobilisés', 'Perspectives']));
    expect(doc.altTexts).toHaveLength(3);
  });

  it('opens the records behind a figure', async () => {
    const records = await app.call('reports.records', { metric: 'visits_local_authority', from: '2025-01-01', to: '2025-12-31' });
    expect(records.items.map((i) => i.label)).toEqual(['Visite des élus', 'Visite du SYDED']);
    const members = await app.call('reports.records', { metric: 'new_members', from: '2025-01-01', to: '2025-12-31' });
    expect(members.items.map((i) => i.label)).toEqual(['Ressourcerie D', 'Ressourcerie C']);
  });
});

describe('dashboard and archive', () => {
  it('shows this year’s counts, coming deadlines, missing returns and unpaid fees', async () => {
    const before = (await app.call('dashboard.get', {})).activityCounts.find((c) => c.kind === 'awareness')!.count;
    await app.call('activities.create', { kind: 'awareness', date: '2026-03-01', title: 'Action 2026', leadOrganisationIds: [ids.a!, ids.b!] });
    const d = await app.call('dashboard.get', {});
    expect(d.year).toBe(2026);
    expect(d.activityCounts.find((c) => c.kind === 'awareness')!.count).toBe(before + 1);
    expect(d.reportDeadlines).toEqual([expect.objectContaining({ label: 'Bilan final', dueDate: '2026-03-31', overdue: false })]);
    expect(d.missingReturns).toEqual({ year: 2025, organisations: [{ id: ids.c, name: 'Ressourcerie C' }, { id: ids.d, name: 'Ressourcerie D' }] });
    expect(d.unpaidFees.items.map((i) => i.name)).toEqual(['Ressourcerie B']);
  });

  it('round-trips the activity tables through the archive', async () => {
    const archive = await exportArchive(app.store.db, { schemaVersion: app.store.schemaVersion, now: () => new Date('2026-03-12T10:00:00Z') });
    for (const table of ['activities', 'activity_organisations', 'project_founders', 'indicators', 'indicator_values', 'grants', 'grant_payments', 'grant_reports', 'grant_targets', 'budgets', 'budget_lines', 'report_texts']) {
      expect(archive.tables[table]?.length, table).toBeGreaterThan(0);
    }
    const other = await openTestApp();
    try {
      await writeArchive(other.store.db, validateArchive(JSON.parse(JSON.stringify(archive)), other.store.schemaVersion));
      const [a, b] = await Promise.all([app.call('reports.annual', { year: 2025 }), other.call('reports.annual', { year: 2025 })]);
      expect(b.figures).toEqual(a.figures);
    } finally {
      await other.close();
    }
  });
});
