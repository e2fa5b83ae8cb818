import { afterEach, describe, expect, it } from 'vitest';
import { encodeWindows1252 } from '../../electron/features/data/sheets/encoding';
import { bytesToBase64 } from '../../shared/api/files';
import { formatImportIssue } from '../../shared/features/data/messages';
import { completeSiret } from '../../shared/validation/identifiers';
import { openTestApp, type TestApp } from '../helpers/store';

let a: TestApp | null = null;
afterEach(async () => {
  await a?.close();
  a = null;
});

const LINES = [
  'Raison sociale;N° SIRET;CP;Commune;Courriel',
  `Ressourcerie de la Vézère;${completeSiret('4123456780001')};19240;Allassac;contact@vezere.fr`,
  'Conseil départemental de la Creuse;12345678901234;23000;Guéret;',
  'Le Grenier à réemploi;;87000;Limoges;',
  'Recyclerie « Œuvre commune »;;23200;Aubusson;pas-un-mail',
];
const base64 = bytesToBase64(encodeWindows1252(LINES.join('\r\n') + '\r\n'));

describe('import of the valid lines only, asked explicitly', () => {
  it('stays all or nothing by default, and on request imports the valid lines and hands back the refused ones with their errors', async () => {
    a = await openTestApp();
    const refusedByDefault = await a.fail('data.import.commit', { fileName: 'structures.csv', base64, type: 'organisations' });
    expect(refusedByDefault.code).toBe('VALIDATION');
    expect(await a.count('organisations')).toBe(0);

    const result = await a.call('data.import.commit', { fileName: 'structures.csv', base64, type: 'organisations', validOnly: true });
    expect(result).toMatchObject({ created: 2, updated: 0, skipped: 0, dryRun: false });
    expect(await a.count('organisations')).toBe(2);
    expect(result.refused!.headers).toEqual(['Raison sociale', 'N° SIRET', 'CP', 'Commune', 'Courriel']);
    expect(result.refused!.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [3, 'Conseil départemental de la Creuse'],
      [5, 'Recyclerie « Œuvre commune »'],
    ]);
    expect(result.refused!.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      'Ligne 3, colonne « N° SIRET » : SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.',
      'Ligne 5, colonne « Courriel » : Adresse e-mail invalide (exemple : nom@exemple.fr).',
    ]);
  });

  it('still refuses everything when a column itself is missing', async () => {
    a = await openTestApp();
    const noName = bytesToBase64(encodeWindows1252(['Commune;CP', 'Limoges;87000'].join('\r\n')));
    const error = await a.fail('data.import.commit', { fileName: 'sans-nom.csv', base64: noName, type: 'organisations', validOnly: true });
    expect(error.code).toBe('VALIDATION');
    expect(await a.count('organisations')).toBe(0);
  });
});

describe('refusedLinesCsv', () => {
  it('writes the refused lines with their errors in a last column, as Excel reads a French CSV', async () => {
    const { refusedLinesCsv, refusedFileName } = await import('../../shared/features/data/refused-lines');
    const csv = refusedLinesCsv(
      {
        headers: ['Raison sociale', 'N° SIRET'],
        rows: [{ line: 3, cells: ['Le « Grenier » ; atelier', '123'] }],
        issues: [
          { line: 3, column: 'N° SIRET', field: 'siret', key: 'error.siret', params: {} },
          { line: 3, column: null, field: null, key: 'autre', params: {} },
        ],
      },
      'Erreurs',
      (issue) => `${issue.column ?? 'ligne'} : ${issue.key}`,
    );
    expect(csv).toBe('\uFEFFRaison sociale;N° SIRET;Erreurs\r\n"Le « Grenier » ; atelier";123;"N° SIRET : error.siret ; ligne : autre"\r\n');
    expect(refusedFileName('structures.csv', 'lignes-refusees')).toBe('structures-lignes-refusees.csv');
  });
});

// A copy of the SQLite file, or on PostgreSQL an archive (test/unit/data-backup-engines.test.ts undoes an import on both).
describe('the copy taken before an import', () => {
  it('is named as such, so that the list of backups says what it is for', async () => {
    a = await openTestApp();
    const backup = await a.call('data.backups.create', { kind: 'avant-import' });
    expect(backup.kind).toBe('avant-import');
    expect(backup.name).toMatch(/-avant-import-\d{4}-\d{2}-\d{2}T/);
    expect((await a.call('data.backups.create', {})).kind).toBe('manuel');
  });
});
