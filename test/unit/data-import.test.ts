import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWindows1252 } from '../../electron/features/data/sheets/encoding';
import { readSpreadsheetFile } from '../../electron/features/data/sheets/read';
import { writeXlsx } from '../../electron/features/data/sheets/xlsx';
import { runCli } from '../../electron/cli/run';
import { bytesToBase64 } from '../../shared/api/files';
import type { ImportAnalysis } from '../../shared/features/data/schemas';
import { MAX_IMPORT_BYTES } from '../../shared/features/data/schemas';
import { formatImportIssue } from '../../shared/features/data/messages';
import { completeSiret } from '../../shared/validation/identifiers';
import { FIXED_NOW, openTestApp, refuseInsertOf, tempDir, type TestApp } from '../helpers/store';

const SIRET_A = completeSiret('4123456780001');
const SIRET_B = completeSiret('5234567890001');
const SIRET_C = completeSiret('6345678900001');

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});
async function app(): Promise<TestApp> {
  const a = await openTestApp();
  apps.push(a);
  return a;
}

/** A CSV as French Excel saves it: Windows-1252, ";" and CRLF. */
function excelCsv(lines: string[]): string {
  return bytesToBase64(encodeWindows1252(lines.join('\r\n') + '\r\n'));
}

const ORGANISATIONS = [
  'Raison sociale;N° SIRET;Adresse;CP;Commune;Courriel;Type',
  `Ressourcerie de la Vézère;${SIRET_A};2 rue de l’Église;19240;Allassac;contact@vezere.fr;Adhérente`,
  `Le Grenier à réemploi;${SIRET_B};;87000;Limoges;;adherent`,
  'Conseil départemental de la Creuse;12345678901234;;23000;Guéret;;Partenaire',
  `Recyclerie « Œuvre commune »;${SIRET_C};;23200;Aubusson;pas-un-mail;`,
];

describe('spreadsheet import: organisations', () => {
  it('reads a Windows-1252 CSV with ";" and accents, and lists every bad line by line and column', async () => {
    const a = await app();
    const analysis = await a.call('data.import.analyze', { fileName: 'structures.csv', base64: excelCsv(ORGANISATIONS), type: 'organisations' });
    expect(analysis).toMatchObject({ format: 'csv', encoding: 'Windows-1252', separator: ';', headerLine: 1, rowCount: 4 });
    expect(analysis.mapping).toEqual(['name', 'siret', 'address', 'postcode', 'city', 'email', 'kind']);
    expect(analysis.preview[0]!.cells[0]).toBe('Ressourcerie de la Vézère');
    expect(analysis.preview[0]!.cells[2]).toBe('2 rue de l’Église');
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      'Ligne 4, colonne « N° SIRET » : SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.',
      'Ligne 5, colonne « Courriel » : Adresse e-mail invalide (exemple : nom@exemple.fr).',
    ]);
    // Nothing was written by the analysis, and a commit with errors writes nothing either.
    const error = await a.fail('data.import.commit', { fileName: 'structures.csv', base64: excelCsv(ORGANISATIONS), type: 'organisations' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('Ligne 4, colonne « N° SIRET »');
    expect(await a.count('organisations')).toBe(0);
  });

  it('imports the fixed file, all in one go, then finds duplicates by SIRET or name and skips or updates them', async () => {
    const a = await app();
    const fixed = [...ORGANISATIONS.slice(0, 3), 'Conseil départemental de la Creuse;;;23000;Guéret;;Partenaire', `Recyclerie « Œuvre commune »;${SIRET_C};;23200;Aubusson;;`];
    const result = await a.call('data.import.commit', { fileName: 'structures.csv', base64: excelCsv(fixed), type: 'organisations' });
    expect(result).toEqual({ type: 'organisations', created: 4, updated: 0, skipped: 0, dryRun: false });
    const list = await a.call('organisations.list', { search: 'vezere' });
    expect(list.items).toMatchObject([{ name: 'Ressourcerie de la Vézère', siret: SIRET_A, postcode: '19240', city: 'Allassac', department: '19', kind: 'member' }]);
    expect((await a.call('organisations.list', { kind: 'partner' })).items.map((o) => o.name)).toEqual(['Conseil départemental de la Creuse']);

    // Again, with one line renamed by case and accents only, one with a new e-mail.
    const again = [
      'Nom de la structure;SIRET;E-mail;Ville',
      `RESSOURCERIE DE LA VEZERE;;nouveau@vezere.fr;Allassac`,
      `Autre nom;${SIRET_B};grenier@exemple.fr;Limoges`,
      'Nouvelle structure;;;Tulle',
    ];
    const analysis: ImportAnalysis = await a.call('data.import.analyze', { fileName: 'encore.csv', base64: excelCsv(again), type: 'organisations' });
    expect(analysis.issues).toEqual([]);
    expect(analysis.duplicates).toMatchObject([
      { line: 2, reason: 'name', existingLabel: 'Ressourcerie de la Vézère' },
      { line: 3, reason: 'siret', existingLabel: 'Le Grenier à réemploi' },
    ]);
    const commit = await a.call('data.import.commit', {
      fileName: 'encore.csv',
      base64: excelCsv(again),
      type: 'organisations',
      duplicates: { default: 'skip', lines: { '2': 'update' } },
    });
    expect(commit).toMatchObject({ created: 1, updated: 1, skipped: 1 });
    const vezere = (await a.call('organisations.list', { search: 'vezere' })).items[0]!;
    const detail = await a.call('organisations.get', { id: vezere.id });
    // Updated from the given columns only: the name and address stay, the e-mail changes.
    expect(detail.organisation).toMatchObject({ name: 'Ressourcerie de la Vézère', email: 'nouveau@vezere.fr', address: '2 rue de l’Église' });
    expect((await a.call('organisations.list', { search: 'grenier' })).items[0]!.name).toBe('Le Grenier à réemploi');
    expect(await a.count('organisations')).toBe(5);
  });

  it('refuses two lines of the same file that are the same organisation', async () => {
    const a = await app();
    const analysis = await a.call('data.import.analyze', {
      fileName: 'x.csv',
      base64: excelCsv(['Nom', 'Ressourcerie A', 'RESSOURCERIE  a']),
      type: 'organisations',
    });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual(['Ligne 3, colonne « Nom » : Doublon de la ligne 2 du même fichier.']);
  });

  it('reads an XLSX whose title is merged across the sheet, with empty lines, dates and numbers', async () => {
    const a = await app();
    const base64 = bytesToBase64(
      writeXlsx({
        name: 'Adhérents',
        merges: ['A1:D1'],
        rows: [
          ['Liste des structures adhérentes — 2026'],
          [],
          ['Nom de la structure', 'Code postal', 'Ville', 'Téléphone'],
          ['Ressourcerie du Haut-Limousin', 87300, 'Bellac', 555123456],
          [],
          [null, null, null, null],
          ['Recyclerie de l’Ain', 1000, 'Bourg-en-Bresse', null],
        ],
      }),
    );
    const analysis = await a.call('data.import.analyze', { fileName: 'adherents.xlsx', base64, type: 'organisations' });
    expect(analysis).toMatchObject({ format: 'xlsx', headerLine: 3, rowCount: 2, issues: [] });
    expect(analysis.headers).toEqual(['Nom de la structure', 'Code postal', 'Ville', 'Téléphone']);
    expect(analysis.preview.map((p) => p.line)).toEqual([4, 7]);
    await a.call('data.import.commit', { fileName: 'adherents.xlsx', base64, type: 'organisations' });
    const items = (await a.call('organisations.list', {})).items;
    expect(items.map((o) => [o.name, o.postcode, o.department])).toEqual([
      ['Recyclerie de l’Ain', '01000', '01'],
      ['Ressourcerie du Haut-Limousin', '87300', '87'],
    ]);
    const detail = await a.call('organisations.get', { id: items[1]!.id });
    expect(detail.organisation.phone).toBe('0555123456');
  });

  it('takes the user’s mapping and saved mapping presets', async () => {
    const a = await app();
    const base64 = excelCsv(['Colonne 1;Colonne 2', 'Ressourcerie X;Tulle']);
    const guessed = await a.call('data.import.analyze', { fileName: 'x.csv', base64, type: 'organisations' });
    expect(guessed.mapping).toEqual([null, null]);
    expect(guessed.issues[0]).toMatchObject({ line: 1, key: 'data.import.missingColumn' });
    const mapped = await a.call('data.import.analyze', { fileName: 'x.csv', base64, type: 'organisations', mapping: ['name', 'city'] });
    expect(mapped.issues).toEqual([]);
    const preset = await a.call('data.presets.save', { kind: 'import', target: 'organisations', name: 'Export du logiciel X', config: { columns: { 'colonne 1': 'name', 'colonne 2': 'city' } } });
    expect(await a.call('data.presets.list', { kind: 'import', target: 'organisations' })).toEqual([preset]);
    expect((await a.fail('data.import.analyze', { fileName: 'x.csv', base64, type: 'organisations', mapping: ['name', 'name'] })).key).toBe('data.import.fieldTwice');
  });
});

describe('spreadsheet import: people and memberships', () => {
  it('imports people with their organisation, and memberships with French amounts and dates', async () => {
    const a = await app();
    const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member', siret: SIRET_A });
    const people = await a.call('data.import.commit', {
      fileName: 'personnes.csv',
      base64: excelCsv(['NOM;Prénom;Courriel;Structure;Fonction;Depuis le', 'Dupont;Marie;marie@vezere.fr;ressourcerie de la vezere;Directrice;01/09/2021', 'Martin;Paul;;;;']),
      type: 'people',
    });
    expect(people).toMatchObject({ created: 2 });
    const detail = await a.call('organisations.get', { id: org.id });
    expect(detail.affiliations).toMatchObject([{ personName: 'Marie Dupont', role: 'Directrice', startDate: '2021-09-01' }]);

    const csv = [
      'SIRET;Année;Cotisation;Montant payé;Payé le;Mode de règlement;Date d’adhésion',
      `${SIRET_A};2025;1 250,50;1 250,50;15/03/2025;Chèque;`,
      `${SIRET_A};2026;80;0;;;01/02/2026`,
    ];
    expect(await a.call('data.import.commit', { fileName: 'adh.csv', base64: excelCsv(csv), type: 'memberships' })).toMatchObject({ created: 2 });
    const y2025 = await a.call('memberships.year', { year: 2025 });
    expect(y2025.items).toMatchObject([{ feeDueCents: 125050, amountPaidCents: 125050, paidOn: '2025-03-15', paymentMethod: 'cheque' }]);
    // The change log has them, on the organisation's history.
    const history = await a.call('audit.list', { entity: 'organisation', entityId: org.id });
    expect(history.items.filter((h) => h.entity === 'membership').map((h) => h.action)).toEqual(['import', 'import']);

    // A line valid on its own that would break a rule once merged (exit before the recorded start) is refused if "update" is chosen.
    const update = ['SIRET;Année;Date de sortie;Motif de sortie', `${SIRET_A};2026;15/01/2026;Dissolution`];
    const analysis = await a.call('data.import.analyze', { fileName: 'maj.csv', base64: excelCsv(update), type: 'memberships' });
    expect(analysis.duplicates).toMatchObject([{ line: 2, reason: 'organisationYear' }]);
    const refused = await a.fail('data.import.commit', { fileName: 'maj.csv', base64: excelCsv(update), type: 'memberships', duplicates: { default: 'update' } });
    expect(refused.message).toContain('Ligne 2, colonne « Date de sortie » : La date de sortie précède la date d’adhésion.');
    expect((await a.call('memberships.year', { year: 2026 })).items[0]!.exitDate).toBeNull();
    expect(await a.call('data.import.commit', { fileName: 'maj.csv', base64: excelCsv(update), type: 'memberships' })).toMatchObject({ skipped: 1 });
  });

  it('reports unknown organisations, bad amounts, dates and payment methods by line', async () => {
    const a = await app();
    await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    const csv = ['Structure;Année;Cotisation;Payé le;Mode de paiement', 'Inconnue;2026;50;;', 'Ressourcerie A;deux mille;-5;31/02/2026;Bitcoin'];
    const analysis = await a.call('data.import.analyze', { fileName: 'x.csv', base64: excelCsv(csv), type: 'memberships' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      'Ligne 2, colonne « Structure » : Structure inconnue : « Inconnue ». Importez d’abord les structures, ou corrigez le nom.',
      'Ligne 3, colonne « Année » : Année invalide.',
      'Ligne 3, colonne « Cotisation » : Le montant ne peut pas être négatif.',
      'Ligne 3, colonne « Payé le » : Date invalide.',
      'Ligne 3, colonne « Mode de paiement » : Moyen de paiement inconnu : « Bitcoin » (virement, chèque, espèces, carte, prélèvement ou autre).',
    ]);
  });

  it('rolls back everything when the database refuses one line, and a dry run writes nothing', async () => {
    const a = await app();
    const csv = excelCsv(['Nom;SIRET', `A;${SIRET_A}`, `B;${SIRET_B}`]);
    const dry = await a.call('data.import.commit', { fileName: 'x.csv', base64: csv, type: 'organisations', dryRun: true });
    expect(dry).toMatchObject({ created: 2, dryRun: true });
    expect(await a.count('organisations')).toBe(0);
    expect(await a.count('audit_log')).toBe(0);
    // A trigger makes the second insert fail inside the transaction: nothing stays.
    await refuseInsertOf(a, 'B');
    const error = await a.fail('data.import.commit', { fileName: 'x.csv', base64: csv, type: 'organisations' });
    expect(error.code).toBe('INTERNAL');
    expect(await a.count('organisations')).toBe(0);
  });

  it('offers every type the issue names, all available', async () => {
    const a = await app();
    const types = await a.call('data.import.types', {});
    expect(types.map((t) => t.type).sort()).toEqual(['activities', 'indicators', 'memberships', 'organisations', 'people', 'time']);
    expect(types.filter((t) => !t.available)).toEqual([]);
  });
});

describe('spreadsheet import: time given', () => {
  it('imports hours with the time feature’s rules: closed periods, 24 h a day, categories, valuation', async () => {
    const a = await app();
    const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
    const marie = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont' });
    await a.call('people.addAffiliation', { personId: marie.id, organisationId: org.id, role: 'Directrice', startDate: '2020-01-01' });
    await a.call('time.periods.close', { from: '2025-01-01', to: '2025-12-31', label: 'Exercice 2025' });
    const csv = [
      'Structure;Personne;Date;Durée;Catégorie;Nature',
      'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;3,5;Coordination;Mise à disposition',
      'Ressourcerie de la Vézère;Dupont Marie;13/01/2026;1h30;Réunion de réseau;bénévolat',
      'Ressourcerie de la Vézère;Marie Dupont;15/06/2025;2;Coordination;',
      'Ressourcerie de la Vézère;Paul Inconnu;14/01/2026;2;Coordination;',
      'Ressourcerie de la Vézère;Marie Dupont;16/01/2026;trois heures;Coordination;',
      'Ressourcerie de la Vézère;Marie Dupont;17/01/2026;2;Jardinage;',
    ];
    const analysis = await a.call('data.import.analyze', { fileName: 'temps.csv', base64: excelCsv(csv), type: 'time' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      'Ligne 4, colonne « Date » : La période « Exercice 2025 » (1er janvier 2025 – 31 décembre 2025) est close : la saisie du 15 juin 2025 ne peut pas être créée, modifiée ni supprimée. Rouvrez la période pour la corriger.',
      'Ligne 5, colonne « Personne » : Personne inconnue : « Paul Inconnu ». Écrivez « Prénom Nom » comme dans Maillage, ou importez d’abord les personnes.',
      'Ligne 6, colonne « Durée » : Durée illisible : écrivez par exemple 1h30, 1:30, 1,5 ou 90 min.',
      'Ligne 7, colonne « Catégorie » : Catégorie inconnue : « Jardinage ». Créez-la d’abord dans le temps mis à disposition, ou corrigez le nom.',
    ]);
    const good = csv.slice(0, 3);
    expect(await a.call('data.import.commit', { fileName: 'temps.csv', base64: excelCsv(good), type: 'time' })).toMatchObject({ created: 2 });
    const entries = await a.call('time.entries.list', { from: '2026-01-01', to: '2026-12-31' });
    expect(entries.items.map((e) => [e.date, e.minutes, e.nature, e.valueCents])).toEqual(
      expect.arrayContaining([
        ['2026-01-12', 210, 'secondment', 7000],
        ['2026-01-13', 90, 'volunteering', 3000],
      ]),
    );
    // Same person, date and category again: a duplicate; more than 24 h that day is refused.
    const again = ['Structure;Personne;Date;Durée;Catégorie', 'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;4;Coordination', 'Ressourcerie de la Vézère;Marie Dupont;13/01/2026;23h;Coordination'];
    const second = await a.call('data.import.analyze', { fileName: 'temps.csv', base64: excelCsv(again), type: 'time' });
    expect(second.duplicates).toMatchObject([{ line: 2, reason: 'personDate' }]);
    expect(second.issues.map((i) => i.key)).toEqual(['error.time.dayOverflow']);

    // And back out, as French Excel reads it.
    const exported = await a.call('data.export', { list: 'time', columns: ['date', 'person', 'hours', 'nature', 'value'], format: 'csv', filter: { year: 2026 } });
    const text = new TextDecoder().decode(Buffer.from(exported.base64, 'base64')).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')).toEqual(
      expect.arrayContaining(['Date;Personne;Heures;Nature;Valorisation (€)', '12/01/2026;Marie Dupont;3,50;Mise à disposition;70,00']),
    );
  });
});

describe('import size limit', () => {
  it('refuses a file over the limit from its size alone, before reading it', () => {
    const dir = tempDir();
    // Sparse: 3 GB on paper, nothing on disk. Reading it whole would take long or fail otherwise.
    const huge = path.join(dir, 'enorme.csv');
    fs.writeFileSync(huge, 'Nom\n');
    fs.truncateSync(huge, 3 * 1024 * 1024 * 1024);
    const started = performance.now();
    expect(() => readSpreadsheetFile(huge)).toThrow(/tooLarge/);
    expect(performance.now() - started).toBeLessThan(500);
    const over = path.join(dir, 'juste-trop.csv');
    fs.writeFileSync(over, '');
    fs.truncateSync(over, MAX_IMPORT_BYTES + 1);
    expect(() => readSpreadsheetFile(over)).toThrow(/tooLarge/);
  });

  it('refuses base64 over the limit at the contract, before decoding', async () => {
    const a = await app();
    const error = await a.fail('data.import.analyze', { fileName: 'x.csv', base64: 'A'.repeat(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4), type: 'organisations' });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]).toMatchObject({ path: 'base64', key: 'error.data.importTooLarge' });
  });
});

describe('CLI import of a spreadsheet', () => {
  it('dispatches .csv to the spreadsheet import, lists errors, and keeps .json for the archive', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.sqlite');
    const file = path.join(dir, 'structures.csv');
    fs.writeFileSync(file, encodeWindows1252(ORGANISATIONS.join('\r\n')));
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), now: () => FIXED_NOW };
    expect(await runCli(['init', '--db', db], io)).toBe(0);
    expect(await runCli(['import', file, '--type', 'organisations', '--db', db], io)).toBe(1);
    expect(out.join('')).toContain('Ligne 4, colonne « N° SIRET » : SIRET invalide');
    expect(err.join('')).toMatch(/Import refusé, rien n’a été enregistré : 2 erreur/);
    fs.writeFileSync(file, encodeWindows1252([ORGANISATIONS[0], ORGANISATIONS[1], ORGANISATIONS[2]].join('\r\n')));
    out.length = 0;
    expect(await runCli(['import', file, '--type', 'organisations', '--dry-run', '--db', db], io)).toBe(0);
    expect(out.join('')).toMatch(/Essai sans enregistrement.*2 seraient créée/);
    expect(await runCli(['import', file, '--type', 'organisations', '--db', db], io)).toBe(0);
    expect(out.join('')).toMatch(/2 créées/);
    expect(await runCli(['import', file, '--db', db], io)).toBe(2);
    expect(err.join('')).toMatch(/--type/);
    // The archive import is untouched: a .json file still goes there.
    expect(await runCli(['import', path.join(dir, 'absente.json'), '--db', db], io)).toBe(1);
    expect(err.at(-1)).toMatch(/Archive introuvable/);
  });
});

describe('spreadsheet import: activities and observatory figures', () => {
  it('imports activities from a ";" CSV with French dates and two leading organisations in one cell', async () => {
    const a = await app();
    const vezere = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member', siret: SIRET_A });
    const grenier = await a.call('organisations.create', { name: 'Le Grenier à réemploi', kind: 'member' });
    const lines = [
      'Date;Type d’action;Intitulé;Lieu;Structures porteuses;Visiteur;Personnes touchées;Campagne',
      `14/03/2026;Sensibilisation;Atelier réparation;Tulle;"ressourcerie de la vezere; Le Grenier à réemploi";;35;Semaine du réemploi`,
      `02/04/2026;Visite;Visite des élus;Allassac;${SIRET_A};Collectivité;12;`,
    ];
    const analysis = await a.call('data.import.analyze', { fileName: 'actions.csv', base64: excelCsv(lines), type: 'activities' });
    expect(analysis.mapping).toEqual(['date', 'kind', 'title', 'place', 'leadOrganisations', 'visitorKind', 'peopleReached', 'campaign']);
    expect(analysis.issues).toEqual([]);
    expect(await a.call('data.import.commit', { fileName: 'actions.csv', base64: excelCsv(lines), type: 'activities' })).toMatchObject({ created: 2, updated: 0 });
    const { items } = await a.call('activities.list', { from: null, to: null });
    const workshop = items.find((i) => i.title === 'Atelier réparation')!;
    expect(workshop).toMatchObject({ date: '2026-03-14', kind: 'awareness', peopleReached: 35, campaign: 'Semaine du réemploi' });
    expect(workshop.leads.map((l) => l.id).sort()).toEqual([vezere.id, grenier.id].sort());
    expect(items.find((i) => i.title === 'Visite des élus')).toMatchObject({ kind: 'visit', visitorKind: 'local_authority', leads: [{ id: vezere.id }] });

    // The same date, kind and title again (case and accents aside) is a duplicate.
    const again = await a.call('data.import.analyze', { fileName: 'actions.csv', base64: excelCsv([lines[0]!, lines[1]!.replace('Atelier réparation', 'ATELIER REPARATION')]), type: 'activities' });
    expect(again.duplicates).toMatchObject([{ line: 2, reason: 'dateKindTitle' }]);
  });

  it('reports a visit without visitor and an unknown organisation by line and column, and writes nothing', async () => {
    const a = await app();
    await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    const lines = [
      'Date;Type;Intitulé;Structures porteuses;Visiteur',
      '05/05/2026;Visite;Visite de la ressourcerie;Ressourcerie A;',
      '06/05/2026;Animation;Stand au marché;"Ressourcerie A, Ressourcerie Inconnue";',
      '07/05/2026;Animation;Stand à la foire;Ressourcerie A;',
    ];
    const analysis = await a.call('data.import.analyze', { fileName: 'actions.csv', base64: excelCsv(lines), type: 'activities' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      'Ligne 2, colonne « Visiteur » : Visiteur : pour une visite, indiquez qui a visité (collectivité, porteur de projet ou autre).',
      'Ligne 3, colonne « Structures porteuses » : Structure inconnue : « Ressourcerie Inconnue ». Importez d’abord les structures, ou corrigez le nom.',
    ]);
    const error = await a.fail('data.import.commit', { fileName: 'actions.csv', base64: excelCsv(lines), type: 'activities' });
    expect(error.message).toContain('Ligne 2, colonne « Visiteur »');
    expect(await a.count('activities')).toBe(0);
  });

  it('imports a wide sheet of indicator values, matched by label or code, and updates existing ones', async () => {
    const a = await app();
    const vezere = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
    const grenier = await a.call('organisations.create', { name: 'Le Grenier à réemploi', kind: 'member' });
    const lines = ['Structure;Année;Tonnes collectées;tonnes_reused;Salariés;Chiffre d’affaires des ventes', 'Ressourcerie de la Vézère;2025;120,5;80,25;7;45 000,50', 'Le Grenier à réemploi;2025;60;;3;'];
    const analysis = await a.call('data.import.analyze', { fileName: 'observatoire.csv', base64: excelCsv(lines), type: 'indicators' });
    expect(analysis.mapping).toEqual(['organisation', 'year', 'indicator.tonnes_collected', 'indicator.tonnes_reused', 'indicator.employees', 'indicator.sales_revenue']);
    expect(analysis.fields?.some((f) => f.key === 'indicator.tonnes_collected' && f.label === 'Tonnes collectées')).toBe(true);
    expect(analysis.issues).toEqual([]);
    expect(await a.call('data.import.commit', { fileName: 'observatoire.csv', base64: excelCsv(lines), type: 'indicators' })).toMatchObject({ created: 2 });
    const { items: list } = await a.call('observatory.indicators.list', {});
    const idOf = (code: string) => String(list.find((i) => i.code === code)!.id);
    const form = await a.call('observatory.form', { organisationId: vezere.id, year: 2025 });
    expect(form.values).toMatchObject({ [idOf('tonnes_collected')]: 120.5, [idOf('tonnes_reused')]: 80.25, [idOf('employees')]: 7, [idOf('sales_revenue')]: 4500050 });

    // The same organisation and year again is a duplicate; "update" replaces the values given.
    const update = ['Structure;Année;Tonnes collectées', 'Le Grenier à réemploi;2025;65'];
    const again = await a.call('data.import.analyze', { fileName: 'o.csv', base64: excelCsv(update), type: 'indicators' });
    expect(again.duplicates).toMatchObject([{ line: 2, reason: 'organisationYear' }]);
    expect(await a.call('data.import.commit', { fileName: 'o.csv', base64: excelCsv(update), type: 'indicators', duplicates: { default: 'update' } })).toMatchObject({ updated: 1 });
    const after = await a.call('observatory.form', { organisationId: grenier.id, year: 2025 });
    expect(after.values).toMatchObject({ [idOf('tonnes_collected')]: 65, [idOf('employees')]: 3 });
  });

  it('refuses a negative tonnage and a decimal headcount by line and column, and writes nothing', async () => {
    const a = await app();
    await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    const lines = ['Structure;Année;Tonnes collectées;Salariés', 'Ressourcerie A;2025;-3,5;2', 'Ressourcerie A;2024;10;2,5'];
    const analysis = await a.call('data.import.analyze', { fileName: 'o.csv', base64: excelCsv(lines), type: 'indicators' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      'Ligne 2, colonne « Tonnes collectées » : Tonnes collectées : un tonnage ne peut pas être négatif.',
      'Ligne 3, colonne « Salariés » : Salariés : un nombre entier est attendu (c’est un effectif ou un nombre, pas une quantité décimale).',
    ]);
    expect((await a.fail('data.import.commit', { fileName: 'o.csv', base64: excelCsv(lines), type: 'indicators' })).code).toBe('VALIDATION');
    expect(await a.count('indicator_values')).toBe(0);
  });

  it('imports activities through the CLI, with --dry-run', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.sqlite');
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, now: () => FIXED_NOW };
    expect(await runCli(['init', '--db', db], io)).toBe(0);
    const orgs = path.join(dir, 'structures.csv');
    fs.writeFileSync(orgs, 'Nom\nRessourcerie A\n');
    expect(await runCli(['import', orgs, '--type', 'organisations', '--db', db], io)).toBe(0);
    const file = path.join(dir, 'actions.csv');
    fs.writeFileSync(file, 'Date;Type;Intitulé;Structure porteuse\n01/06/2026;Conférence;Colloque régional;Ressourcerie A\n');
    expect(await runCli(['import', file, '--type', 'activities', '--dry-run', '--db', db], io)).toBe(0);
    expect(out.join('')).toMatch(/1 serait créée,/);
    expect(await runCli(['import', file, '--type', 'activities', '--db', db], io)).toBe(0);
    expect(out.join('')).toMatch(/1 créée,/);
  });
});
