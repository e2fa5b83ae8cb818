import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { recordChange } from '../../electron/features/data/audit';
import { readXlsx } from '../../electron/features/data/sheets/xlsx';
import { base64ToBytes } from '../../shared/api/files';
import { defaultExportColumns, EXPORT_COLUMNS } from '../../shared/features/data/export-columns';
import { completeSiret } from '../../shared/validation/identifiers';
import { FIXED_NOW, openTestApp, type TestApp } from '../helpers/store';

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

describe('change log', () => {
  it('records who changed a membership, what and when, in the organisation’s history', async () => {
    const a = await app();
    const org = await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    const m = await a.call('memberships.save', { organisationId: org.id, year: 2025, feeDueCents: 5000, amountPaidCents: 0 });
    await a.call('memberships.save', { id: m.id, organisationId: org.id, year: 2025, feeDueCents: 5000, amountPaidCents: 5000, paidOn: '2025-02-01', paymentMethod: 'transfer' });
    // Saving without a change writes no line.
    await a.call('memberships.save', { id: m.id, organisationId: org.id, year: 2025, feeDueCents: 5000, amountPaidCents: 5000, paidOn: '2025-02-01', paymentMethod: 'transfer' });
    await a.call('memberships.renew', { fromYear: 2025 });
    const next = (await a.call('memberships.year', { year: 2026 })).items[0]!;
    await a.call('memberships.delete', { id: next.id });

    const { items } = await a.call('audit.list', { entity: 'organisation', entityId: org.id });
    expect(items.map((i) => [i.entity, i.action])).toEqual([
      ['membership', 'delete'],
      ['membership', 'renew'],
      ['membership', 'update'],
      ['membership', 'create'],
      ['organisation', 'create'],
    ]);
    const update = items[2]!;
    expect(update.summary).toEqual({ year: 2025, changes: { amount_paid_cents: [0, 5000], paid_on: [null, '2025-02-01'], payment_method: [null, 'transfer'] } });
    expect(update.at).toBe('2026-03-12T10:00:00.000Z');
    expect(update.actor).toMatch(/test/);
    // The membership's own history too.
    expect((await a.call('audit.list', { entity: 'membership', entityId: m.id })).items).toHaveLength(2);
  });

  it('writes nothing when the change it belongs to is rolled back', async () => {
    const a = await app();
    await expect(
      a.store.db.transaction().execute(async (trx) => {
        await recordChange({ db: trx, now: () => FIXED_NOW, runtime: 'test' }, { entity: 'membership', entityId: 1, action: 'update' });
        throw new Error('échec de l’écriture');
      }),
    ).rejects.toThrow();
    expect(await a.count('audit_log')).toBe(0);
    const org = await a.call('organisations.create', { name: 'B', kind: 'member' });
    // A refused save (duplicate year) leaves no line either.
    await a.call('memberships.save', { organisationId: org.id, year: 2025, feeDueCents: 0, amountPaidCents: 0 });
    await a.fail('memberships.save', { organisationId: org.id, year: 2025, feeDueCents: 0, amountPaidCents: 0 });
    // The structure's creation and the first save.
    expect(await a.count('audit_log')).toBe(2);
  });
});

describe('list export', () => {
  async function seed(a: TestApp) {
    const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère; Allassac', kind: 'member', siret: completeSiret('4123456780001'), postcode: '19240', city: 'Allassac' });
    await a.call('organisations.create', { name: 'Région Nouvelle-Aquitaine', kind: 'partner', city: 'Bordeaux' });
    await a.call('memberships.save', { organisationId: org.id, year: 2026, feeDueCents: 125050, amountPaidCents: 50000, paidOn: '2026-03-02', paymentMethod: 'cheque' });
    const person = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont', email: 'marie@exemple.fr' });
    await a.call('people.addAffiliation', { personId: person.id, organisationId: org.id, role: 'Directrice', startDate: '2020-01-01' });
    return org;
  }

  it('writes a CSV for French Excel: BOM, ";", decimal commas, dd/mm/yyyy, chosen columns in order', async () => {
    const a = await app();
    await seed(a);
    const result = await a.call('data.export', { list: 'memberships', columns: ['organisation', 'feeDue', 'amountPaid', 'outstanding', 'paidOn', 'paymentMethod'], format: 'csv', filter: { year: 2026 } });
    expect(result.fileName).toBe('adhesions-2026-2026-03-12.csv');
    const bytes = base64ToBytes(result.base64);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text).toBe(
      'Structure;Cotisation due (€);Montant payé (€);Reste dû (€);Date du paiement;Moyen de paiement\r\n' +
        '"Ressourcerie de la Vézère; Allassac";1250,50;500,00;750,50;02/03/2026;Chèque\r\n',
    );
    const people = await a.call('data.export', { list: 'people', columns: ['lastName', 'firstName', 'organisations'], format: 'csv', filter: { search: 'dupont' } });
    expect(new TextDecoder().decode(base64ToBytes(people.base64))).toContain('Dupont;Marie;"Ressourcerie de la Vézère; Allassac (Directrice)"');
  });

  it('writes an XLSX with real numbers and dates, the list filtered as on screen', async () => {
    const a = await app();
    await seed(a);
    const result = await a.call('data.export', { list: 'organisations', columns: ['name', 'kind', 'siret', 'postcode', 'feeDue', 'createdAt'], format: 'xlsx', filter: { year: 2026 } });
    expect(result.rows).toBe(2);
    const bytes = base64ToBytes(result.base64);
    expect(strFromU8(unzipSync(bytes)['[Content_Types].xml']!)).toContain('spreadsheetml.sheet.main+xml');
    const sheet = readXlsx(bytes);
    expect(sheet.rows[0]).toEqual(['Nom de la structure', 'Type', 'SIRET', 'Code postal', 'Cotisation due (€)', 'Créée le']);
    expect(sheet.rows[1]).toEqual(['Région Nouvelle-Aquitaine', 'Partenaire', null, null, null, { date: '2026-03-12' }]);
    expect(sheet.rows[2]).toEqual(['Ressourcerie de la Vézère; Allassac', 'Adhérente', completeSiret('4123456780001'), '19240', 1250.5, { date: '2026-03-12' }]);
    const partners = await a.call('data.export', { list: 'organisations', columns: ['name'], format: 'xlsx', filter: { search: 'region' } });
    expect(partners.rows).toBe(1);
  });

  it('refuses an unknown column, and saves column presets', async () => {
    const a = await app();
    expect((await a.fail('data.export', { list: 'people', columns: ['password'], format: 'csv' })).message).toMatch(/Colonne inconnue : password/);
    expect((await a.fail('data.export', { list: 'people', columns: [], format: 'csv' })).issues?.[0]?.key).toBe('error.data.noColumns');
    const saved = await a.call('data.presets.save', { kind: 'export', target: 'people', name: 'Annuaire', config: { fields: ['lastName', 'email'], format: 'xlsx' } });
    // Same name: replaced, not duplicated.
    await a.call('data.presets.save', { kind: 'export', target: 'people', name: 'Annuaire', config: { fields: ['lastName', 'phone'], format: 'csv' } });
    const list = await a.call('data.presets.list', { kind: 'export', target: 'people' });
    expect(list).toMatchObject([{ id: saved.id, name: 'Annuaire', config: { fields: ['lastName', 'phone'], format: 'csv' } }]);
    await a.call('data.presets.delete', { id: saved.id });
    expect(await a.call('data.presets.list', { kind: 'export', target: 'people' })).toEqual([]);
    for (const list of ['organisations', 'people', 'memberships'] as const) {
      expect(defaultExportColumns(list).every((k) => EXPORT_COLUMNS[list].some((c) => c.key === k))).toBe(true);
    }
  });
});
