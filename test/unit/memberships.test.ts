import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

async function member(name: string) {
  return app.call('organisations.create', { kind: 'member', name });
}

describe('memberships', () => {
  it('records a paid membership and totals the year', async () => {
    const a = await member('Alpha');
    const b = await member('Bêta');
    await app.call('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 10000, amountPaidCents: 10000, paidOn: '2026-02-10', paymentMethod: 'transfer' });
    await app.call('memberships.save', { organisationId: b.id, year: 2026, feeDueCents: 5000, amountPaidCents: 2000, paidOn: '2026-02-11', paymentMethod: 'cheque' });
    const year = await app.call('memberships.year', { year: 2026 });
    expect(year.totals).toEqual({ count: 2, paidCount: 1, unpaidCount: 1, feeDueCents: 15000, amountPaidCents: 12000, outstandingCents: 3000 });
    expect(year.years).toEqual([2026]);
  });

  it('refuses an exit before the start, a payment without a date, a duplicate year, a voter from elsewhere', async () => {
    const a = await member('Alpha');
    const exit = await app.fail('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, startDate: '2026-03-01', exitDate: '2026-01-01', exitReason: 'Cessation' });
    expect(exit.issues?.[0]).toMatchObject({ path: 'exitDate', key: 'error.exitBeforeStart' });
    const noDate = await app.fail('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 5000, amountPaidCents: 5000 });
    expect(noDate.issues?.[0]).toMatchObject({ path: 'paidOn', key: 'error.paidOnRequired' });
    const negative = await app.fail('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: -1, amountPaidCents: 0 });
    expect(negative.issues?.[0]).toMatchObject({ path: 'feeDueCents', key: 'error.moneyNegative' });
    await app.call('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
    const twice = await app.fail('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
    expect(twice.issues?.[0]).toMatchObject({ path: 'year', key: 'error.duplicateMembership' });
    const stranger = await app.call('people.create', { firstName: 'Jean', lastName: 'Inconnu' });
    const voter = await app.fail('memberships.save', { organisationId: a.id, year: 2027, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: stranger.id });
    expect(voter.issues?.[0]).toMatchObject({ path: 'votingPersonId', key: 'error.votingNotAffiliated' });
    expect(await app.count('memberships')).toBe(1);
  });

  it('updates an existing membership in place', async () => {
    const a = await member('Alpha');
    const m = await app.call('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
    const paid = await app.call('memberships.save', { id: m.id, organisationId: a.id, year: 2026, feeDueCents: 5000, amountPaidCents: 5000, paidOn: '2026-04-01', paymentMethod: 'cash' });
    expect(paid.id).toBe(m.id);
    expect(paid.paymentMethod).toBe('cash');
    expect(await app.count('memberships')).toBe(1);
  });

  it('renews active members for next year, once, skipping leavers and archived organisations', async () => {
    const a = await member('Alpha');
    const b = await member('Bêta');
    const c = await member('Gamma');
    const d = await member('Delta');
    const p = await app.call('people.create', { firstName: 'Anne', lastName: 'Bernard' });
    await app.call('people.addAffiliation', { personId: p.id, organisationId: a.id, role: 'Présidente', startDate: '2020-01-01' });
    await app.call('memberships.save', { organisationId: a.id, year: 2026, feeDueCents: 12000, amountPaidCents: 12000, paidOn: '2026-01-20', votingPersonId: p.id });
    await app.call('memberships.save', { organisationId: b.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
    await app.call('memberships.save', { organisationId: c.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, startDate: '2026-01-01', exitDate: '2026-06-30', exitReason: 'Fermeture de la structure' });
    await app.call('memberships.save', { organisationId: d.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
    await app.call('organisations.archive', { id: d.id });
    expect(await app.call('memberships.renew', { fromYear: 2026 })).toEqual({ created: 2, skipped: 0, year: 2027 });
    const next = await app.call('memberships.year', { year: 2027 });
    expect(next.items.map((m) => [m.organisationName, m.feeDueCents, m.amountPaidCents, m.votingPersonName])).toEqual([
      ['Alpha', 12000, 0, 'Anne Bernard'],
      ['Bêta', 5000, 0, null],
    ]);
    expect(await app.call('memberships.renew', { fromYear: 2026 })).toEqual({ created: 0, skipped: 2, year: 2027 });
  });
});
