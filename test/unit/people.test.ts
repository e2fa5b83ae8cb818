import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('people', () => {
  it('creates, searches by any word order without accents, and edits', async () => {
    const p = await app.call('people.create', { firstName: 'Hélène', lastName: 'Dupré', email: 'helene@exemple.fr', consentDate: '2026-01-15', consentNote: 'Bulletin d’adhésion signé' });
    expect(p.consentDate).toBe('2026-01-15');
    expect((await app.call('people.list', { search: 'dupre helene' })).items).toHaveLength(1);
    expect((await app.call('people.list', { search: 'HELENE@' })).items).toHaveLength(1);
    expect((await app.call('people.list', { search: 'martin' })).items).toHaveLength(0);
    const edited = await app.call('people.update', { id: p.id, firstName: 'Hélène', lastName: 'Dupré-Martin' });
    expect(edited.email).toBeNull();
    expect((await app.call('people.list', { search: 'martin' })).items).toHaveLength(1);
  });

  it('refuses a bad e-mail, postcode or consent date, writing nothing', async () => {
    const error = await app.fail('people.create', { firstName: '', lastName: 'X', email: 'x@', postcode: 'abc', consentDate: '2026-02-30' });
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['consentDate', 'email', 'firstName', 'postcode']);
    expect(await app.count('people')).toBe(0);
  });

  it('keeps the history of affiliations: ending one keeps it on record', async () => {
    const o1 = await app.call('organisations.create', { kind: 'member', name: 'Alpha' });
    const o2 = await app.call('organisations.create', { kind: 'member', name: 'Bêta' });
    const p = await app.call('people.create', { firstName: 'Paul', lastName: 'Lemoine' });
    const a1 = await app.call('people.addAffiliation', { personId: p.id, organisationId: o1.id, role: 'Salarié', startDate: '2019-05-01' });
    await app.call('people.endAffiliation', { id: a1.id, endDate: '2024-12-31' });
    await app.call('people.addAffiliation', { personId: p.id, organisationId: o2.id, role: 'Directeur', startDate: '2025-01-01' });
    const detail = await app.call('people.get', { id: p.id });
    expect(detail.affiliations.map((a) => [a.organisationName, a.role, a.endDate])).toEqual([
      ['Bêta', 'Directeur', null],
      ['Alpha', 'Salarié', '2024-12-31'],
    ]);
    const list = await app.call('people.list', {});
    expect(list.items[0]!.organisations).toEqual([{ id: o2.id, name: 'Bêta', role: 'Directeur' }]);
    const ended = await app.fail('people.endAffiliation', { id: a1.id, endDate: '2010-01-01' });
    expect(ended.issues?.[0]).toMatchObject({ path: 'endDate', key: 'error.endBeforeStart' });
    const bad = await app.fail('people.addAffiliation', { personId: p.id, organisationId: o1.id, role: 'X', startDate: '2020-01-01', endDate: '2019-01-01' });
    expect(bad.issues?.[0]?.path).toBe('endDate');
    expect(await app.count('affiliations')).toBe(2);
  });

  it('lists the association’s current officers in protocol order', async () => {
    const a = await app.call('people.create', { firstName: 'Anne', lastName: 'Bernard' });
    const b = await app.call('people.create', { firstName: 'Bruno', lastName: 'Colas' });
    const c = await app.call('people.create', { firstName: 'Chloé', lastName: 'Dumas' });
    await app.call('people.addOffice', { personId: b.id, office: 'treasurer', startDate: '2024-06-01' });
    await app.call('people.addOffice', { personId: a.id, office: 'president', startDate: '2024-06-01' });
    const old = await app.call('people.addOffice', { personId: c.id, office: 'secretary', startDate: '2020-06-01' });
    await app.call('people.endOffice', { id: old.id, endDate: '2024-06-01' });
    const officers = await app.call('people.officers', {});
    expect(officers.items.map((o) => [o.office, o.personName])).toEqual([
      ['president', 'Anne Bernard'],
      ['treasurer', 'Bruno Colas'],
    ]);
  });

  it('refuses to remove an affiliation that a membership’s voting representative relies on', async () => {
    const o = await app.call('organisations.create', { kind: 'member', name: 'Alpha' });
    const p = await app.call('people.create', { firstName: 'Paul', lastName: 'Lemoine' });
    const a = await app.call('people.addAffiliation', { personId: p.id, organisationId: o.id, role: 'Président', startDate: '2019-05-01' });
    await app.call('memberships.save', { organisationId: o.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: p.id });
    expect((await app.fail('people.removeAffiliation', { id: a.id })).code).toBe('CONFLICT');
    expect(await app.count('affiliations')).toBe(1);
  });
});

describe('people order', () => {
  it('sorts names the French way, accents alongside their letter', async () => {
    const app = await openTestApp();
    for (const [firstName, lastName] of [['Zoé', 'Aubrun'], ['Élodie', 'Aubrun'], ['Nicolas', 'Aubrun'], ['Anne', 'Éluard'], ['Paul', 'Zola']]) {
      await app.call('people.create', { firstName: firstName!, lastName: lastName! });
    }
    const names = (await app.call('people.list', {})).items.map((p) => `${p.firstName} ${p.lastName}`);
    expect(names).toEqual(['Élodie Aubrun', 'Nicolas Aubrun', 'Zoé Aubrun', 'Anne Éluard', 'Paul Zola']);
    await app.close();
  });
});
