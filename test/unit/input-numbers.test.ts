import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bytesToBase64 } from '../../shared/api/files';
import { formatImportIssue } from '../../shared/features/data/messages';
import { isFarFuture } from '../../shared/features/time/period';
import { formatDate } from '../../shared/format/fr';
import { translate } from '../../shared/i18n/index';
import { issuesFromZod } from '../../shared/validation/zod-issues';
import { openTestApp, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});
async function app() {
  const a = await openTestApp();
  apps.push(a);
  return a;
}
const utf8 = (lines: string[]) => bytesToBase64(new TextEncoder().encode(lines.join('\r\n') + '\r\n'));

describe('numbers get messages about numbers', () => {
  it('answers « doit être un entier positif » for id -1, 1e308, 0 and 1,5, and « obligatoire » only when the id is missing', async () => {
    const a = await app();
    for (const bad of [-1, 1e308, 0, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      const error = await a.fail('organisations.get', { id: bad });
      expect(error.issues, String(bad)).toEqual([{ path: 'id', key: 'error.id' }]);
      expect(error.message).toBe('id : Identifiant invalide : doit être un entier positif.');
    }
    expect((await a.fail('organisations.get', {})).issues).toEqual([{ path: 'id', key: 'error.required' }]);
    expect((await a.fail('time.entries.create', { organisationId: -1, personId: null, date: '2026-01-01', minutes: 60, categoryId: 1e308, nature: 'volunteering' })).issues).toEqual(
      expect.arrayContaining([
        { path: 'organisationId', key: 'error.id' },
        { path: 'categoryId', key: 'error.id' },
      ]),
    );
  });

  it('says « trop petit » / « trop grand » for a number out of range, not « obligatoire » / « trop long »', () => {
    const schema = z.object({ count: z.number().int().min(1).max(10) });
    expect(issuesFromZod(schema.safeParse({ count: -1 }).error!)).toEqual([{ path: 'count', key: 'error.numberTooSmall' }]);
    expect(issuesFromZod(schema.safeParse({ count: 1e308 }).error!).map((i) => i.key)).toContain('error.numberTooBig');
    expect(translate('fr', 'error.numberTooSmall')).toBe('Ce nombre est trop petit.');
    // Text keeps its own words.
    expect(issuesFromZod(z.object({ s: z.string().min(1).max(2) }).safeParse({ s: 'abc' }).error!)).toEqual([{ path: 's', key: 'error.tooLong' }]);
  });
});

describe('a header row with the same title twice', () => {
  it('is refused, naming the title and both columns', async () => {
    const a = await app();
    const analysis = await a.call('data.import.analyze', { fileName: 's.csv', base64: utf8(['Nom;Ville;nom', 'Ressourcerie A;Tulle;Ressourcerie B']), type: 'organisations' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      'Ligne 1, colonne « nom » : Deux colonnes portent le même titre « nom » (colonnes A et C) : renommez l’une d’elles.',
    ]);
    const refused = await a.fail('data.import.commit', { fileName: 's.csv', base64: utf8(['Nom;Ville;nom', 'Ressourcerie A;Tulle;Ressourcerie B']), type: 'organisations' });
    expect(refused.message).toMatch(/même titre « nom »/);
    expect(await a.count('organisations')).toBe(0);
  });
});

describe('time entries more than a year ahead', () => {
  it('knows « more than a year » from today', () => {
    expect(isFarFuture('2027-03-12', '2026-03-12')).toBe(false);
    expect(isFarFuture('2027-03-13', '2026-03-12')).toBe(true);
    expect(isFarFuture('2062-01-01', '2026-03-12')).toBe(true);
  });

  it('are refused at import, naming the line', async () => {
    const a = await app();
    await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    // FIXED_NOW is 12 March 2026.
    const lines = ['Structure;Date;Heures', 'Ressourcerie A;12/03/2027;2', 'Ressourcerie A;13/03/2027;2', 'Ressourcerie A;01/01/2062;2'];
    const analysis = await a.call('data.import.analyze', { fileName: 't.csv', base64: utf8(lines), type: 'time' });
    expect(analysis.issues.map((i) => formatImportIssue('fr', i))).toEqual([
      `Ligne 3, colonne « Date » : Date à plus d’un an (${formatDate('2027-03-13')}) : une saisie de temps si loin dans l’avenir est sans doute une faute de frappe.`,
      `Ligne 4, colonne « Date » : Date à plus d’un an (${formatDate('2062-01-01')}) : une saisie de temps si loin dans l’avenir est sans doute une faute de frappe.`,
    ]);
  });

  it('need the explicit confirmation of the form in the service', async () => {
    const a = await app();
    const org = await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    const categoryId = (await a.call('time.categories.list', {})).items[0]!.id;
    const input = { organisationId: org.id, personId: null, date: '2062-01-01', minutes: '2h', categoryId, nature: 'volunteering' as const, meetingId: null, activityId: null, note: null };
    const refused = await a.fail('time.entries.create', input);
    expect(refused.issues).toEqual([{ path: 'date', key: 'error.time.farFuture', params: { date: formatDate('2062-01-01') } }]);
    expect(await a.count('time_entries')).toBe(0);
    const saved = await a.call('time.entries.create', { ...input, confirmFarFuture: true });
    expect(saved.entry.date).toBe('2062-01-01');
    // Changing something else keeps the date without asking again; moving it elsewhere far ahead asks again.
    await a.call('time.entries.update', { ...input, id: saved.entry.id, minutes: '3h' });
    expect((await a.fail('time.entries.update', { ...input, id: saved.entry.id, date: '2063-01-01' })).issues?.[0]?.key).toBe('error.time.farFuture');
  });
});
