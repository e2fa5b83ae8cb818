import fs from 'node:fs';
import path from 'node:path';
import { Packer } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { exportArchive } from '../../electron/features/archive/export';
import { validateArchive, writeArchive } from '../../electron/features/archive/import';
import { cerfaDocument } from '../../shared/documents/funding/cerfa';
import { plain, readDocx } from '../helpers/docx';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/**
 * A grant of 20 000 € over 2025 (15 000 € received in two payments), one budget whose every line
 * is known, and donated time whose value is known: 70 h at 25 €/h by Ressourcerie A and 30 h at
 * 30 €/h by Ressourcerie B in 2025 (2 650 €), plus 10 h in 2024 that fall outside the grant.
 * « Today » is 12 March 2026.
 */

let app: TestApp;
const ids: Record<string, number> = {};

type Line = { direction: 'expense' | 'income'; category: string; funderOrganisationId?: number; label?: string; plannedCents: number; actualCents: number; account?: string | null };
const lines = (otherAccount: string | null): Line[] => [
  { direction: 'expense', category: 'purchases', plannedCents: 200_000, actualCents: 260_000, account: '60' },
  { direction: 'expense', category: 'services', plannedCents: 300_000, actualCents: 330_000, account: '61' },
  { direction: 'expense', category: 'other', label: 'Frais postaux', plannedCents: 0, actualCents: 50_000, account: otherAccount },
  { direction: 'expense', category: 'staff', plannedCents: 1_500_000, actualCents: 1_400_000, account: '64' },
  { direction: 'expense', category: 'donated_time', plannedCents: 250_000, actualCents: 250_000, account: '86' },
  { direction: 'income', category: 'funding', funderOrganisationId: 0, plannedCents: 2_000_000, actualCents: 2_000_000, account: '74' },
  { direction: 'income', category: 'funding', funderOrganisationId: 0, label: 'Ventes de la boutique', plannedCents: 100_000, actualCents: 40_000, account: '70' },
  { direction: 'income', category: 'funding', funderOrganisationId: 0, plannedCents: 250_000, actualCents: 250_000, account: '87' },
];

async function saveBudget(otherAccount: string | null, id?: number) {
  const budget = await app.call('funding.budgets.save', {
    id,
    label: 'Budget 2025',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    grantId: ids.grant!,
    lines: lines(otherAccount).map((l) => ({ ...l, funderOrganisationId: l.direction === 'income' ? ids.funder! : null })) as never,
  });
  ids.budget = budget.id;
}

beforeAll(async () => {
  app = await openTestApp();
  const settings = await app.call('settings.get', {});
  await app.call('settings.update', { ...settings, associationName: 'Réseau des ressourceries du Limousin', city: 'Limoges', siret: '73282932000074' });
  ids.a = (await app.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' })).id;
  ids.b = (await app.call('organisations.create', { name: 'Ressourcerie B', kind: 'member' })).id;
  ids.funder = (await app.call('organisations.create', { name: 'Région Nouvelle-Aquitaine', kind: 'partner', partnerType: 'local_authority' })).id;
  const president = await app.call('people.create', { firstName: 'Jeanne', lastName: 'Martin' });
  await app.call('people.addOffice', { personId: president.id, office: 'president', startDate: '2024-06-01' });
  const treasurer = await app.call('people.create', { firstName: 'Paul', lastName: 'Durand' });
  await app.call('people.addOffice', { personId: treasurer.id, office: 'treasurer', startDate: '2024-06-01' });

  await app.call('time.rates.save', { scope: 'organisation', personId: null, organisationId: ids.a!, validFrom: '2024-01-01', hourlyCents: 2500 });
  await app.call('time.rates.save', { scope: 'organisation', personId: null, organisationId: ids.b!, validFrom: '2024-01-01', hourlyCents: 3000 });
  const category = (await app.call('time.categories.list', {})).items[0]!.id;
  const entry = (organisationId: number, date: string, minutes: number) =>
    app.call('time.entries.create', { organisationId, personId: null, date, minutes, categoryId: category, nature: 'secondment', meetingId: null, activityId: null, note: null });
  for (let i = 0; i < 10; i++) await entry(ids.a!, `2025-03-${String(i + 2).padStart(2, '0')}`, 420);
  for (let i = 0; i < 6; i++) await entry(ids.b!, `2025-10-${String(i + 2).padStart(2, '0')}`, 300);
  await entry(ids.a!, '2024-12-02', 600);

  const grant = await app.call('funding.grants.create', {
    funderOrganisationId: ids.funder!,
    programme: 'Animation du réseau régional',
    reference: 'CP-2025-117',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    amountCents: 2_000_000,
  });
  ids.grant = grant.id;
  await app.call('funding.payments.add', { grantId: grant.id, date: '2025-03-01', amountCents: 1_000_000 });
  await app.call('funding.payments.add', { grantId: grant.id, date: '2025-09-01', amountCents: 500_000 });
  await app.call('reports.texts.save', { type: 'partner', periodKey: `grant-${grant.id}`, section: 'qualitative', body: 'Douze rencontres techniques ont réuni les salariés du réseau.' });
  await saveBudget(null);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const euros = (cents: number) => plain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100));

describe('Cerfa 15059: the accounts of the budget lines', () => {
  it('keeps the account of each line and lists those still « à classer »', async () => {
    const { items } = await app.call('funding.budgets.list', {});
    expect(items[0]!.lines.map((l) => l.account)).toEqual(['60', '61', null, '64', '86', '74', '70', '87']);
    const report = await app.call('funding.cerfa.get', { id: ids.grant! });
    expect(report.unclassified).toEqual([{ budgetLabel: 'Budget 2025', lineLabel: 'Frais postaux' }]);
  });

  it('refuses to write the report while a line is « à classer », naming it', async () => {
    const error = await app.fail('funding.cerfa.document', { id: ids.grant! });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('« à classer »');
    expect(error.message).toContain('Budget 2025 — Frais postaux');
  });

  it('refuses an account of the wrong side, naming the line, and writes nothing', async () => {
    const before = await app.call('funding.budgets.list', {});
    const error = await app.fail('funding.budgets.save', {
      id: ids.budget!,
      label: 'Budget 2025',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      grantId: ids.grant!,
      lines: [{ direction: 'expense', category: 'staff', plannedCents: 100, actualCents: 100, account: '74' }],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([{ path: 'lines[0].account', key: 'error.cerfa.accountNotExpense' }]);
    expect(error.message).toContain('60 à 68');
    expect(await app.call('funding.budgets.list', {})).toEqual(before);
  });
});

describe('Cerfa 15059: the report', () => {
  beforeAll(async () => {
    await saveBudget('62', ids.budget);
  });

  it('computes every row from the budget, and 86/87 from the time ledger', async () => {
    const r = await app.call('funding.cerfa.document', { id: ids.grant! });
    expect(r.unclassified).toEqual([]);
    const byAccount = Object.fromEntries([...r.expenses, ...r.income, ...r.contributions].map((x) => [x.account, x]));
    expect(byAccount['60']).toMatchObject({ plannedCents: 200_000, actualCents: 260_000, gapCents: 60_000, gapPercent: 30, needsExplanation: true });
    expect(byAccount['61']).toMatchObject({ plannedCents: 300_000, actualCents: 330_000, gapCents: 30_000, gapPercent: 10, needsExplanation: false });
    expect(byAccount['62']).toMatchObject({ plannedCents: 0, actualCents: 50_000, gapPercent: null, needsExplanation: true });
    expect(byAccount['64']).toMatchObject({ plannedCents: 1_500_000, actualCents: 1_400_000, gapCents: -100_000, gapPercent: -6.7, needsExplanation: false });
    expect(byAccount['74']).toMatchObject({ plannedCents: 2_000_000, actualCents: 2_000_000, gapCents: 0, needsExplanation: false });
    expect(byAccount['70']).toMatchObject({ plannedCents: 100_000, actualCents: 40_000, gapPercent: -60, needsExplanation: true });
    // 70 h × 25 € + 30 h × 30 € = 2 650 €; the 10 h of 2024 are outside the grant.
    expect(byAccount['86']).toMatchObject({ plannedCents: 250_000, actualCents: 265_000, gapPercent: 6, needsExplanation: false });
    expect(byAccount['87']).toMatchObject({ plannedCents: 250_000, actualCents: 265_000 });
    expect(r.donatedMinutes).toBe(100 * 60);
    expect(r.expenseTotals).toEqual({ plannedCents: 2_000_000, actualCents: 2_040_000, gapCents: 40_000 });
    expect(r.incomeTotals).toEqual({ plannedCents: 2_100_000, actualCents: 2_040_000, gapCents: -60_000 });
    expect(r.signer).toEqual({ office: 'president', civility: null, name: 'Jeanne Martin' });
  });

  it('shows the same figures as the grant’s page and the partner report', async () => {
    const [r, partner, grant] = await Promise.all([
      app.call('funding.cerfa.get', { id: ids.grant! }),
      app.call('reports.partner', { grantId: ids.grant! }),
      app.call('funding.grants.get', { id: ids.grant! }),
    ]);
    const f = partner.figures;
    expect(r.grant).toMatchObject({ amountCents: grant.amountCents, paidCents: grant.paidCents, startDate: grant.startDate, endDate: grant.endDate });
    expect(r.grant.paidCents).toBe(1_500_000);
    expect(r.contributions[0]!.actualCents).toBe(f.time.valueCents);
    expect(r.donatedMinutes).toBe(f.time.minutes);
    // The partner report counts every expense line, 86 (donated time) included, its actual valued from the ledger as here.
    expect(r.expenseTotals.plannedCents + r.contributions[0]!.plannedCents).toBe(f.finances.totalPlannedCents);
    expect(r.expenseTotals.actualCents + r.contributions[0]!.actualCents).toBe(f.finances.totalActualCents);
    const incomePlanned = f.finances.income.reduce((s, i) => s + i.plannedCents, 0);
    expect(r.incomeTotals.plannedCents + r.contributions[1]!.plannedCents).toBe(incomePlanned);
    expect(r.texts).toEqual(partner.texts);
  });

  it('keeps the explanation of a gap, and forgets a blank one', async () => {
    await app.call('funding.cerfa.explain', { grantId: ids.grant!, account: '60', body: 'Achat imprévu de bacs de collecte.' });
    await app.call('funding.cerfa.explain', { grantId: ids.grant!, account: '70', body: 'Provisoire' });
    const r = await app.call('funding.cerfa.explain', { grantId: ids.grant!, account: '70', body: '   ' });
    expect(r.explanations).toEqual({ '60': 'Achat imprévu de bacs de collecte.' });
  });

  it('writes each cell of the table in the Cerfa’s order, read back from the .docx', async () => {
    const r = await app.call('funding.cerfa.document', { id: ids.grant! });
    const doc = readDocx(new Uint8Array(await Packer.toBuffer(cerfaDocument(r))));
    expect(doc.headings.map((h) => plain(h.text))).toEqual([
      'Compte rendu financier de subvention',
      '1. Identification',
      'Association',
      'Action financée',
      '2. Bilan qualitatif de l’action',
      'Résultats qualitatifs',
      '3. Tableau de synthèse',
      'Charges',
      'Produits',
      '4. Contributions volontaires en nature',
      '5. Explication des écarts',
      '6. Attestation',
    ]);
    const tables = doc.tables.map((t) => t.map((row) => row.map(plain)));
    expect(tables[0]).toEqual([
      ['Date', 'Montant'],
      ['01/03/2025', euros(1_000_000)],
      ['01/09/2025', euros(500_000)],
    ]);
    expect(tables[1]).toEqual([
      ['Compte', 'Intitulé', 'Prévu', 'Réalisé', 'Écart', 'Écart %'],
      ['60', 'Achats', euros(200_000), euros(260_000), `+${euros(60_000)}`, '+30,0 %'],
      ['61', 'Services extérieurs', euros(300_000), euros(330_000), `+${euros(30_000)}`, '+10,0 %'],
      ['62', 'Autres services extérieurs', euros(0), euros(50_000), `+${euros(50_000)}`, '—'],
      ['63', 'Impôts et taxes', euros(0), euros(0), euros(0), '—'],
      ['64', 'Charges de personnel', euros(1_500_000), euros(1_400_000), euros(-100_000), '-6,7 %'],
      ['65', 'Autres charges de gestion courante', euros(0), euros(0), euros(0), '—'],
      ['66', 'Charges financières', euros(0), euros(0), euros(0), '—'],
      ['67', 'Charges exceptionnelles', euros(0), euros(0), euros(0), '—'],
      ['68', 'Dotations aux amortissements', euros(0), euros(0), euros(0), '—'],
      ['', 'Total des charges', euros(2_000_000), euros(2_040_000), `+${euros(40_000)}`, '+2,0 %'],
    ]);
    expect(tables[2]).toEqual([
      ['Compte', 'Intitulé', 'Prévu', 'Réalisé', 'Écart', 'Écart %'],
      ['70', 'Ventes de produits finis, prestations de services', euros(100_000), euros(40_000), euros(-60_000), '-60,0 %'],
      ['74', 'Subventions d’exploitation', euros(2_000_000), euros(2_000_000), euros(0), '0,0 %'],
      ['75', 'Autres produits de gestion courante', euros(0), euros(0), euros(0), '—'],
      ['76', 'Produits financiers', euros(0), euros(0), euros(0), '—'],
      ['77', 'Produits exceptionnels', euros(0), euros(0), euros(0), '—'],
      ['78', 'Reprises', euros(0), euros(0), euros(0), '—'],
      ['', 'Total des produits', euros(2_100_000), euros(2_040_000), euros(-60_000), '-2,9 %'],
    ]);
    expect(tables[3]).toEqual([
      ['Compte', 'Intitulé', 'Prévu', 'Réalisé', 'Écart', 'Écart %'],
      ['86', 'Emplois des contributions volontaires en nature', euros(250_000), euros(265_000), `+${euros(15_000)}`, '+6,0 %'],
      ['87', 'Contributions volontaires en nature', euros(250_000), euros(265_000), `+${euros(15_000)}`, '+6,0 %'],
    ]);
    const body = doc.paragraphs.map(plain).join('\n');
    expect(body).toContain('Référence de la décision : CP-2025-117');
    expect(body).toContain('Montant reçu : 15 000 €');
    expect(body).toContain('Douze rencontres techniques');
    expect(body).toContain('(100 h)');
    expect(body).toContain('Compte 60 — Achats : prévu 2 000 €, réalisé 2 600 €, écart +600 € (+30,0 %).\nAchat imprévu de bacs de collecte.');
    expect(body).toContain('Compte 62 — Autres services extérieurs : prévu 0 €, réalisé 500 €, écart +500 €.\nExplication à fournir.');
    expect(body).toContain('Compte 70 — Ventes');
    expect(body).not.toContain('Compte 61 —');
    expect(body).toContain('certifiées exactes par Jeanne Martin, qui exerce la présidence de l’association');
    expect(body).toContain('Fait à Limoges, le 12 mars 2026');
  });

  it('round-trips the accounts and the explanations through the JSON archive', async () => {
    const archive = await exportArchive(app.store.db, { schemaVersion: app.store.schemaVersion, now: () => FIXED_NOW });
    expect(archive.tables.grant_gap_explanations).toHaveLength(1);
    const other = await openTestApp();
    try {
      await writeArchive(other.store.db, validateArchive(JSON.parse(JSON.stringify(archive)), other.store.schemaVersion));
      expect(await other.call('funding.cerfa.get', { id: ids.grant! })).toEqual(await app.call('funding.cerfa.get', { id: ids.grant! }));
    } finally {
      await other.close();
    }
  });

  it('reads an archive written before the accounts: its lines come back « à classer »', async () => {
    const archive = JSON.parse(JSON.stringify(await exportArchive(app.store.db, { schemaVersion: app.store.schemaVersion, now: () => FIXED_NOW })));
    for (const row of archive.tables.budget_lines) delete row.account;
    delete archive.tables.grant_gap_explanations;
    const other = await openTestApp();
    try {
      await writeArchive(other.store.db, validateArchive(archive, other.store.schemaVersion));
      expect((await other.call('funding.cerfa.get', { id: ids.grant! })).unclassified).toHaveLength(8);
    } finally {
      await other.close();
    }
  });

  it('plans 87 like 86 when the budget plans only the use of the donated time', async () => {
    const grant = await app.call('funding.grants.create', { funderOrganisationId: ids.funder!, programme: 'Temps seul', startDate: '2025-01-01', endDate: '2025-12-31', amountCents: 0 });
    await app.call('funding.budgets.save', {
      label: 'Budget du temps',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      grantId: grant.id,
      lines: [{ direction: 'expense', category: 'donated_time', plannedCents: 300_000, actualCents: 0, account: '86' }],
    });
    const r = await app.call('funding.cerfa.get', { id: grant.id });
    expect(r.contributions.map((c) => [c.account, c.plannedCents, c.actualCents])).toEqual([
      ['86', 300_000, 265_000],
      ['87', 300_000, 265_000],
    ]);
  });

  it('is written by the CLI: report cerfa --grant ID --out FILE', async () => {
    await app.closeStore();
    const out = path.join(tempDir(), 'compte-rendu.docx');
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = { stdout: (t: string) => void stdout.push(t), stderr: (t: string) => void stderr.push(t), now: () => FIXED_NOW };
    expect(await runCli(['report', 'cerfa', '--db', app.file, '--grant', String(ids.grant), '--out', out], io), stderr.join('')).toBe(0);
    expect(stdout.join('')).toContain('Compte rendu financier écrit');
    const doc = readDocx(new Uint8Array(fs.readFileSync(out)));
    expect(plain(doc.tables[1]![1]!.join('|'))).toBe(['60', 'Achats', euros(200_000), euros(260_000), `+${euros(60_000)}`, '+30,0 %'].join('|'));
    expect(await runCli(['report', 'cerfa', '--db', app.file, '--out', out], io)).toBe(2);
    expect(stderr.join('')).toContain('--grant ID');
  });
});
