import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

const base = { kind: 'member' as const };

describe('organisations', () => {
  it('creates an organisation, derives its département and finds it ignoring case and accents', async () => {
    const created = await app.call('organisations.create', {
      ...base,
      name: 'Recyclerie de la Vézère',
      siret: '732 829 320 00074',
      postcode: '19240',
      city: 'Allassac',
      email: '',
    });
    expect(created.siret).toBe('73282932000074');
    expect(created.department).toBe('19');
    expect(created.email).toBeNull();
    const found = await app.call('organisations.list', { search: 'VEZERE' });
    expect(found.items.map((o) => o.name)).toEqual(['Recyclerie de la Vézère']);
    expect((await app.call('organisations.list', { search: 'allassac' })).items).toHaveLength(1);
    expect((await app.call('organisations.list', { search: '7328' })).items).toHaveLength(1);
    expect((await app.call('organisations.list', { search: '%' })).items).toHaveLength(0);
  });

  it('refuses an invalid SIRET, e-mail and postcode with field errors, writing nothing', async () => {
    const error = await app.fail('organisations.create', {
      ...base,
      name: 'Ressourcerie X',
      siret: '12345678901234',
      email: 'pas-un-email',
      postcode: '8712',
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => [i.path, i.key])).toEqual([
      ['siret', 'error.siret'],
      ['postcode', 'error.postcode'],
      ['email', 'error.email'],
    ]);
    expect(error.message).toContain('SIRET invalide');
    expect(await app.count('organisations')).toBe(0);
  });

  it('refuses a duplicate by SIRET or by name ignoring case and accents', async () => {
    await app.call('organisations.create', { ...base, name: 'Le Monde Allant Vers', siret: '73282932000074' });
    const bySiret = await app.fail('organisations.create', { ...base, name: 'Autre nom', siret: '73282932000074' });
    expect(bySiret.issues?.[0]).toMatchObject({ path: 'siret', key: 'error.duplicateSiret', params: { name: 'Le Monde Allant Vers' } });
    const byName = await app.fail('organisations.create', { ...base, name: '  le monde  allant vérs ' });
    expect(byName.issues?.[0]).toMatchObject({ path: 'name', key: 'error.duplicateName' });
    expect(await app.count('organisations')).toBe(1);
  });

  it('edits, archives and restores; archived ones leave the default list', async () => {
    const o = await app.call('organisations.create', { ...base, name: 'La Trocante' });
    const edited = await app.call('organisations.update', { ...base, id: o.id, name: 'La Trocante de Guéret', postcode: '23000' });
    expect(edited.department).toBe('23');
    await app.call('organisations.archive', { id: o.id });
    expect((await app.call('organisations.list', {})).items).toHaveLength(0);
    expect((await app.call('organisations.list', { includeArchived: true })).items).toHaveLength(1);
    await app.call('organisations.restore', { id: o.id });
    expect((await app.call('organisations.list', {})).items).toHaveLength(1);
    expect((await app.fail('organisations.get', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it('filters by kind, département and membership status of a year, and sorts', async () => {
    const a = await app.call('organisations.create', { ...base, name: 'Alpha', postcode: '87000', city: 'Limoges' });
    const b = await app.call('organisations.create', { ...base, name: 'Bêta', postcode: '23000', city: 'Guéret' });
    await app.call('organisations.create', { kind: 'partner', partnerType: 'region', name: 'Région', postcode: '33000', city: 'Bordeaux' });
    await app.call('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 5000, amountPaidCents: 5000, paidOn: '2026-02-01' });
    await app.call('memberships.save', { organisationId: b.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
    const names = async (q: Parameters<TestApp['call']>[1]) =>
      (await app.call('organisations.list', q as never)).items.map((o) => o.name);
    expect(await names({ kind: 'member' })).toEqual(['Alpha', 'Bêta']);
    expect(await names({ department: '23' })).toEqual(['Bêta']);
    expect(await names({ year: 2026, membershipStatus: 'paid' })).toEqual(['Alpha']);
    expect(await names({ year: 2026, membershipStatus: 'unpaid' })).toEqual(['Bêta']);
    expect(await names({ year: 2026, membershipStatus: 'none' })).toEqual(['Région']);
    expect(await names({ year: 2025, membershipStatus: 'member' })).toEqual([]);
    expect(await names({ sort: 'city', direction: 'asc' })).toEqual(['Région', 'Bêta', 'Alpha']);
    expect(await names({ sort: 'name', direction: 'desc' })).toEqual(['Région', 'Bêta', 'Alpha']);
    const list = await app.call('organisations.list', { year: 2026 });
    expect(list.departments).toEqual(['23', '33', '87']);
    expect(list.items[0]!.membership).toMatchObject({ year: 2026, feeDueCents: 5000, amountPaidCents: 5000 });
  });

  it('gives a detail page with people and membership history', async () => {
    const o = await app.call('organisations.create', { ...base, name: 'Alpha' });
    const p = await app.call('people.create', { firstName: 'Marie', lastName: 'Viquesnel' });
    await app.call('people.addAffiliation', { personId: p.id, organisationId: o.id, role: 'Coordinatrice', startDate: '2020-01-01' });
    await app.call('memberships.save', { organisationId: o.id, year: 2025, feeDueCents: 5000, amountPaidCents: 5000, paidOn: '2025-03-01', votingPersonId: p.id });
    await app.call('memberships.save', { organisationId: o.id, year: 2026, feeDueCents: 6000, amountPaidCents: 0 });
    const detail = await app.call('organisations.get', { id: o.id });
    expect(detail.affiliations.map((a) => a.personName)).toEqual(['Marie Viquesnel']);
    expect(detail.memberships.map((m) => [m.year, m.votingPersonName])).toEqual([
      [2026, null],
      [2025, 'Marie Viquesnel'],
    ]);
  });
});
