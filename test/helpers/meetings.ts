import type { TestApp } from './store';

/** A small network: `members` member organisations, each with a voting representative for 2026, and a partner. */
export async function seedNetwork(app: TestApp, members = 4) {
  const organisations: { id: number; name: string }[] = [];
  const representatives: { id: number; name: string }[] = [];
  for (let i = 1; i <= members; i++) {
    const o = await app.call('organisations.create', { kind: 'member', name: `Ressourcerie n° ${i}`, postcode: '87120', city: 'Eymoutiers', address: `${i} rue du Pont` });
    const p = await app.call('people.create', { firstName: `Prénom${i}`, lastName: `Nom${i}`, email: `p${i}@exemple.fr` });
    await app.call('people.addAffiliation', { personId: p.id, organisationId: o.id, role: 'Président·e', startDate: '2020-01-01' });
    await app.call('memberships.save', { organisationId: o.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: p.id });
    organisations.push({ id: o.id, name: o.name });
    representatives.push({ id: p.id, name: `Prénom${i} Nom${i}` });
  }
  const funder = await app.call('organisations.create', { kind: 'partner', partnerType: 'region', name: 'Région Nouvelle-Aquitaine' });
  const staff = await app.call('people.create', { firstName: 'Chloé', lastName: 'Coordinatrice', email: 'coordination@exemple.fr' });
  await app.call('people.addAffiliation', { personId: staff.id, organisationId: organisations[0]!.id, role: 'Coordinatrice du réseau', startDate: '2020-01-01' });
  return { organisations, representatives, funder, staff };
}
