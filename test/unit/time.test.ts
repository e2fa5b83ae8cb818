import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

async function setup() {
  const alpha = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie Alpha' });
  const beta = await app.call('organisations.create', { kind: 'member', name: 'Recyclerie Bêta' });
  const anne = await app.call('people.create', { firstName: 'Anne', lastName: 'Bernard' });
  const bruno = await app.call('people.create', { firstName: 'Bruno', lastName: 'Colas' });
  await app.call('people.addAffiliation', { personId: anne.id, organisationId: alpha.id, role: 'Coordinatrice', startDate: '2020-01-01' });
  await app.call('people.addAffiliation', { personId: bruno.id, organisationId: beta.id, role: 'Encadrant', startDate: '2020-01-01' });
  for (const year of [2024, 2025, 2026]) {
    await app.call('memberships.save', { organisationId: alpha.id, year, feeDueCents: 5000, amountPaidCents: 0 });
    await app.call('memberships.save', { organisationId: beta.id, year, feeDueCents: 5000, amountPaidCents: 0 });
  }
  const categories = (await app.call('time.categories.list', {})).items;
  const cat = (code: string) => categories.find((c) => c.code === code)!.id;
  return { alpha, beta, anne, bruno, cat };
}

describe('entries', () => {
  it('starts with the default categories and saves a duration typed as people type it, valued at the default rate', async () => {
    const { alpha, anne, cat } = await setup();
    const categories = (await app.call('time.categories.list', {})).items;
    expect(categories.map((c) => c.name)).toEqual([
      'Coordination',
      'Réunion de réseau',
      'Journée technique',
      'Sensibilisation et animation',
      'Accompagnement des porteurs de projet',
      'Observatoire',
      'Communication',
      'Représentation',
      'Administration',
      'Autre',
    ]);
    const saved = await app.call('time.entries.create', {
      organisationId: alpha.id,
      personId: anne.id,
      date: '2026-02-10',
      minutes: '1h30',
      categoryId: cat('coordination'),
      nature: 'secondment',
      note: 'Préparation du COPIL',
    });
    expect(saved.warnings).toEqual([]);
    expect(saved.entry).toMatchObject({ minutes: 90, hourlyRateCents: 2000, valueCents: 3000, personName: 'Anne Bernard', categoryName: 'Coordination', locked: false });
  });

  it('refuses a zero, negative or unreadable duration and more than 24 h a day, naming the field, writing nothing', async () => {
    const { alpha, beta, anne, cat } = await setup();
    const base = { organisationId: alpha.id, personId: anne.id, date: '2026-02-10', categoryId: cat('coordination'), nature: 'secondment' as const };
    for (const [minutes, key] of [
      ['0', 'error.time.durationZero'],
      [0, 'error.time.durationZero'],
      ['-2h', 'error.time.durationNegative'],
      [-30, 'error.time.durationNegative'],
      ['deux heures', 'error.time.durationInvalid'],
      ['25h', 'error.time.durationTooLong'],
    ] as const) {
      const error = await app.fail('time.entries.create', { ...base, minutes });
      expect(error.code).toBe('VALIDATION');
      expect(error.issues?.[0]).toMatchObject({ path: 'minutes', key });
    }
    await app.call('time.entries.create', { ...base, minutes: '20h' });
    // Another organisation, same person, same day: still one person, one day.
    const overflow = await app.fail('time.entries.create', { ...base, organisationId: beta.id, minutes: '4h30' });
    expect(overflow.issues?.[0]).toMatchObject({ path: 'minutes', key: 'error.time.dayOverflow', params: { person: 'Anne Bernard', date: '10 février 2026', already: '20 h' } });
    expect(overflow.message).toContain('Anne Bernard aurait plus de 24 heures le 10 février 2026');
    expect(await app.count('time_entries')).toBe(1);
    await app.call('time.entries.create', { ...base, organisationId: beta.id, minutes: '4h' });
  });

  it('warns, without refusing, when the organisation was not a member on that date', async () => {
    const { alpha, anne, cat } = await setup();
    const saved = await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2023-05-02', minutes: 60, categoryId: cat('other'), nature: 'volunteering' });
    expect(saved.warnings).toEqual([{ path: 'organisationId', key: 'time.warning.notMember', params: { organisation: 'Ressourcerie Alpha', date: '2 mai 2023' } }]);
    expect(await app.count('time_entries')).toBe(1);
    await app.call('memberships.save', { organisationId: alpha.id, year: 2023, feeDueCents: 5000, amountPaidCents: 0, startDate: '2023-06-01' });
    const early = await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2023-05-03', minutes: 60, categoryId: cat('other'), nature: 'volunteering' });
    expect(early.warnings.map((w) => w.key)).toEqual(['time.warning.notMember']);
    const inside = await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2023-06-03', minutes: 60, categoryId: cat('other'), nature: 'volunteering' });
    expect(inside.warnings).toEqual([]);
  });

  it('keeps categories that are used: renamed or deactivated, never deleted', async () => {
    const { alpha, cat } = await setup();
    await app.call('time.entries.create', { organisationId: alpha.id, date: '2026-01-05', minutes: 60, categoryId: cat('observatory'), nature: 'secondment' });
    const used = await app.fail('time.categories.delete', { id: cat('observatory') });
    expect(used).toMatchObject({ code: 'CONFLICT', key: 'error.time.categoryUsed' });
    const renamed = await app.call('time.categories.update', { id: cat('observatory'), name: 'Observatoire régional', active: false });
    expect(renamed).toMatchObject({ name: 'Observatoire régional', active: false, entryCount: 1 });
    expect((await app.call('time.categories.list', {})).items.some((c) => c.id === cat('observatory'))).toBe(false);
    const inactive = await app.fail('time.entries.create', { organisationId: alpha.id, date: '2026-01-06', minutes: 60, categoryId: cat('observatory'), nature: 'secondment' });
    expect(inactive.issues?.[0]).toMatchObject({ path: 'categoryId', key: 'error.time.categoryInactive' });
    const extra = await app.call('time.categories.create', { name: 'Formation' });
    expect(await app.call('time.categories.delete', { id: extra.id })).toEqual({ removed: true });
    const twin = await app.fail('time.categories.create', { name: 'communication' });
    expect(twin.issues?.[0]).toMatchObject({ path: 'name', key: 'error.time.categoryDuplicate' });
  });
});

describe('dated rates', () => {
  it('values each entry at the most specific rate in force on its date; a new rate applies from its date on', async () => {
    const { alpha, beta, anne, bruno, cat } = await setup();
    const entry = (organisationId: number, personId: number | null, date: string) =>
      app.call('time.entries.create', { organisationId, personId, date, minutes: 120, categoryId: cat('coordination'), nature: 'secondment' });
    const e1 = (await entry(alpha.id, anne.id, '2025-03-01')).entry;
    const e2 = (await entry(alpha.id, anne.id, '2026-03-01')).entry;
    const e3 = (await entry(beta.id, bruno.id, '2026-03-01')).entry;
    const e4 = (await entry(alpha.id, null, '2026-03-02')).entry;
    expect([e1, e2, e3, e4].map((e) => e.valueCents)).toEqual([4000, 4000, 4000, 4000]);

    const orgRate = await app.call('time.rates.save', { scope: 'organisation', organisationId: alpha.id, validFrom: '2026-01-01', hourlyCents: 2500 });
    expect(orgRate.revalued).toBe(2);
    const personRate = await app.call('time.rates.save', { scope: 'person', personId: anne.id, validFrom: '2026-02-01', hourlyCents: 3000 });
    expect(personRate.revalued).toBe(1);
    const defaultRate = await app.call('time.rates.save', { scope: 'default', validFrom: '2026-01-01', hourlyCents: 1800 });
    expect(defaultRate.revalued).toBe(1);

    const value = async (id: number) => (await app.call('time.entries.get', { id })).valueCents;
    expect(await value(e1.id)).toBe(4000); // before every dated rate: the settings' default it was valued at
    expect(await value(e2.id)).toBe(6000); // the person's rate beats the organisation's
    expect(await value(e3.id)).toBe(3600); // Bêta has no rate: the dated network default
    expect(await value(e4.id)).toBe(5000); // no person: the organisation's rate

    // A later entry of Anne's uses the rate in force on its own date.
    const later = (await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-01-15', minutes: 20, categoryId: cat('other'), nature: 'secondment' })).entry;
    expect(later.hourlyRateCents).toBe(2500);
    expect(later.valueCents).toBe(833); // 20 min × 25 € = 8,333… € → 8,33 €

    const removed = await app.call('time.rates.delete', { id: personRate.rate!.id });
    expect(removed.revalued).toBe(1);
    expect(await value(e2.id)).toBe(5000);

    const rates = await app.call('time.rates.list', {});
    expect(rates.settingsDefaultCents).toBe(2000);
    expect(rates.items.map((r) => [r.scope, r.organisationName, r.validFrom, r.hourlyCents])).toEqual([
      ['default', null, '2026-01-01', 1800],
      ['organisation', 'Ressourcerie Alpha', '2026-01-01', 2500],
    ]);
  });

  it('refuses a rate with no start date, or a person rate without its person', async () => {
    const noDate = await app.fail('time.rates.save', { scope: 'default', validFrom: '', hourlyCents: 2000 });
    expect(noDate.issues?.[0]).toMatchObject({ path: 'validFrom', key: 'error.time.rateStartRequired' });
    const missing = await app.fail('time.rates.save', { scope: 'default', hourlyCents: 2000 } as never);
    expect(missing.issues?.[0]).toMatchObject({ path: 'validFrom', key: 'error.time.rateStartRequired' });
    const noPerson = await app.fail('time.rates.save', { scope: 'person', validFrom: '2026-01-01', hourlyCents: 2000 });
    expect(noPerson.issues?.[0]).toMatchObject({ path: 'personId', key: 'error.time.ratePersonRequired' });
    expect(await app.count('time_rates')).toBe(0);
  });
});

describe('closed periods', () => {
  it('locks every write of their entries in the service, until an explicit, logged reopening', async () => {
    const { alpha, anne, cat } = await setup();
    const base = { organisationId: alpha.id, personId: anne.id, categoryId: cat('coordination'), nature: 'secondment' as const };
    const inside = (await app.call('time.entries.create', { ...base, date: '2025-06-10', minutes: 60 })).entry;
    const outside = (await app.call('time.entries.create', { ...base, date: '2026-01-10', minutes: 60 })).entry;
    const period = await app.call('time.periods.close', { from: '2025-01-01', to: '2025-12-31', label: 'Exercice 2025' });
    expect(period).toMatchObject({ entryCount: 1, minutes: 60, reopenedAt: null });
    expect((await app.call('time.entries.get', { id: inside.id })).locked).toBe(true);

    const expectLocked = async (error: Promise<{ code: string; key: string; message: string }>) => {
      const e = await error;
      expect(e.code).toBe('LOCKED');
      expect(e.key).toBe('error.time.locked');
      expect(e.message).toContain('Exercice 2025');
    };
    await expectLocked(app.fail('time.entries.create', { ...base, date: '2025-06-11', minutes: 60 }));
    await expectLocked(app.fail('time.entries.update', { ...base, id: inside.id, date: '2025-06-10', minutes: 90 }));
    await expectLocked(app.fail('time.entries.update', { ...base, id: inside.id, date: '2026-02-10', minutes: 60 }));
    await expectLocked(app.fail('time.entries.update', { ...base, id: outside.id, date: '2025-03-10', minutes: 60 }));
    await expectLocked(app.fail('time.entries.delete', { id: inside.id }));
    await expectLocked(
      app.fail('time.grid.save', {
        organisationId: alpha.id,
        month: '2025-06',
        nature: 'secondment',
        rows: [{ personId: anne.id, categoryId: cat('coordination'), cells: [{ from: '2025-06-10', to: '2025-06-10', minutes: 120 }] }],
      }),
    );
    const rate = await app.fail('time.rates.save', { scope: 'organisation', organisationId: alpha.id, validFrom: '2025-01-01', hourlyCents: 3000 });
    expect(rate).toMatchObject({ code: 'LOCKED', key: 'error.time.rateLocked' });
    // A rate from after the period leaves the closed entries as they were.
    expect((await app.call('time.rates.save', { scope: 'organisation', organisationId: alpha.id, validFrom: '2026-01-01', hourlyCents: 3000 })).revalued).toBe(1);
    const overlap = await app.fail('time.periods.close', { from: '2025-12-01', to: '2026-01-31', label: 'Chevauchement' });
    expect(overlap.issues?.[0]).toMatchObject({ path: 'from', key: 'error.time.periodOverlap' });
    expect((await app.call('time.entries.get', { id: inside.id })).minutes).toBe(60);
    expect(await app.count('time_entries')).toBe(2);

    const noReason = await app.fail('time.periods.reopen', { id: period.id, reason: ' ' });
    expect(noReason.issues?.[0]).toMatchObject({ path: 'reason', key: 'error.time.reasonRequired' });
    const reopened = await app.call('time.periods.reopen', { id: period.id, reason: 'Erreur de saisie signalée par Alpha' });
    expect(reopened.reopenedAt).not.toBeNull();
    await app.call('time.entries.update', { ...base, id: inside.id, date: '2025-06-10', minutes: 90 });
    const { log } = await app.call('time.periods.list', {});
    expect(log.map((l) => [l.action, l.reason, l.periodLabel])).toEqual([
      ['reopen', 'Erreur de saisie signalée par Alpha', 'Exercice 2025'],
      ['close', null, 'Exercice 2025'],
    ]);
    expect(log.every((l) => l.by.length > 0)).toBe(true);
  });
});

describe('pledges', () => {
  it('gives progress and what remains, in hours or in ETP over the pledge period', async () => {
    const { alpha, beta, anne, cat } = await setup();
    const hours = await app.call('time.pledges.save', {
      organisationId: alpha.id,
      from: '2026-01-01',
      to: '2026-12-31',
      unit: 'hours',
      amount: 100,
      agreementReference: 'CMD-2026-01',
      agreementDate: '2025-12-15',
    });
    expect(hours).toMatchObject({ pledgedMinutes: 6000, givenMinutes: 0, remainingMinutes: 6000, progress: 0 });
    await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-02-03', minutes: '7h30', categoryId: cat('coordination'), nature: 'secondment' });
    await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2025-12-31', minutes: '5h', categoryId: cat('coordination'), nature: 'secondment' });
    await app.call('time.entries.create', { organisationId: alpha.id, date: '2026-03-03', minutes: '17h30', categoryId: cat('awareness'), nature: 'volunteering' });
    const etp = await app.call('time.pledges.save', { organisationId: beta.id, from: '2024-01-01', to: '2026-06-30', unit: 'etp', amount: 1 });
    expect(etp.pledgedMinutes).toBe(241_050);
    const [alphaPledge] = (await app.call('time.pledges.list', { organisationId: alpha.id })).items;
    expect(alphaPledge).toMatchObject({ givenMinutes: 1500, remainingMinutes: 4500, progress: 0.25, agreementReference: 'CMD-2026-01', givenValueCents: 50000 });
    const bad = await app.fail('time.pledges.save', { organisationId: alpha.id, from: '2026-12-31', to: '2026-01-01', unit: 'hours', amount: 0 });
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['amount', 'to']);
  });
});

describe('summaries', () => {
  it('groups hours, ETP and euros any way, and every total opens exactly its entries', async () => {
    const { alpha, beta, anne, bruno, cat } = await setup();
    const add = (organisationId: number, personId: number | null, date: string, minutes: string, code: string, nature: 'secondment' | 'volunteering' = 'secondment') =>
      app.call('time.entries.create', { organisationId, personId, date, minutes, categoryId: cat(code), nature });
    await add(alpha.id, anne.id, '2026-01-05', '3h', 'coordination');
    await add(alpha.id, anne.id, '2026-02-05', '2h30', 'network_meeting');
    await add(alpha.id, null, '2026-04-05', '1h', 'awareness', 'volunteering');
    await add(beta.id, bruno.id, '2026-02-06', '4h', 'coordination');
    await add(beta.id, bruno.id, '2027-01-06', '4h', 'coordination');

    const byOrg = await app.call('time.summary', { from: '2026-01-01', to: '2026-12-31', by: 'organisation' });
    expect(byOrg.groups.map((g) => [g.label, g.minutes, g.valueCents])).toEqual([
      ['Recyclerie Bêta', 240, 8000],
      ['Ressourcerie Alpha', 390, 13000],
    ]);
    expect(byOrg.total).toMatchObject({ minutes: 630, valueCents: 21000, count: 4 });
    expect(byOrg.total.etp).toBeCloseTo(10.5 / 1607, 12);
    for (const group of byOrg.groups) {
      const list = await app.call('time.entries.list', group.filter);
      expect(list.totals).toEqual({ count: group.count, minutes: group.minutes, valueCents: group.valueCents });
    }

    const byMonth = await app.call('time.summary', { from: '2026-01-01', to: '2026-12-31', by: 'month' });
    expect(byMonth.groups.map((g) => [g.key, g.label, g.minutes])).toEqual([
      ['month:2026-01', 'janvier 2026', 180],
      ['month:2026-02', 'février 2026', 390],
      ['month:2026-04', 'avril 2026', 60],
    ]);
    // A month line is the ETP of that month.
    expect(byMonth.groups[0]!.etp).toBeCloseTo(3 / (1607 / 12), 12);
    expect(byMonth.groups[1]!.filter).toEqual({ from: '2026-02-01', to: '2026-02-28' });

    const byQuarter = await app.call('time.summary', { from: '2026-01-01', to: '2026-12-31', by: 'quarter' });
    expect(byQuarter.groups.map((g) => [g.label, g.minutes])).toEqual([
      ['T1 2026', 570],
      ['T2 2026', 60],
    ]);
    const byNature = await app.call('time.summary', { from: '2026-01-01', to: '2026-12-31', by: 'nature', organisationId: alpha.id });
    expect(byNature.groups.map((g) => [g.label, g.minutes])).toEqual([
      ['Mise à disposition', 330],
      ['Bénévolat', 60],
    ]);
    const byPerson = await app.call('time.summary', { from: '2026-01-01', to: '2026-12-31', by: 'person' });
    expect(byPerson.groups.map((g) => [g.label, g.minutes])).toEqual([
      ['Anne Bernard', 330],
      ['Bruno Colas', 240],
      ['Sans personne désignée', 60],
    ]);
    const none = await app.call('time.entries.list', byPerson.groups[2]!.filter);
    expect(none.totals.minutes).toBe(60);
    const byYear = await app.call('time.summary', { from: '2026-01-01', to: '2027-12-31', by: 'year' });
    expect(byYear.groups.map((g) => [g.label, g.minutes, g.etp])).toEqual([
      ['2026', 630, 10.5 / 1607],
      ['2027', 240, 4 / 1607],
    ]);
    const byCategory = await app.call('time.summary', { from: '2026-01-01', to: '2026-12-31', by: 'category' });
    expect(byCategory.groups.map((g) => g.label)).toEqual(['Coordination', 'Réunion de réseau', 'Sensibilisation et animation']);
  });
});

describe('month grid', () => {
  it('writes the whole grid in one transaction, diffed against its entries', async () => {
    const { alpha, anne, cat } = await setup();
    const coordination = cat('coordination');
    const meeting = cat('network_meeting');
    const first = await app.call('time.grid.save', {
      organisationId: alpha.id,
      month: '2026-02',
      nature: 'secondment',
      rows: [
        { personId: anne.id, categoryId: coordination, cells: [{ from: '2026-02-02', to: '2026-02-02', minutes: 120 }, { from: '2026-02-03', to: '2026-02-03', minutes: 90 }] },
        { personId: null, categoryId: meeting, cells: [{ from: '2026-02-04', to: '2026-02-04', minutes: 60 }] },
      ],
    });
    expect(first).toEqual({ created: 3, updated: 0, deleted: 0, warnings: [] });
    const grid = await app.call('time.grid.get', { organisationId: alpha.id, month: '2026-02', nature: 'secondment' });
    expect(grid.rows.map((r) => [r.personName, r.categoryName])).toEqual([
      ['Anne Bernard', 'Coordination'],
      [null, 'Réunion de réseau'],
    ]);
    expect(grid.people.map((p) => p.name)).toEqual(['Anne Bernard']);
    expect(grid.entries.reduce((s, e) => s + e.minutes, 0)).toBe(270);

    const second = await app.call('time.grid.save', {
      organisationId: alpha.id,
      month: '2026-02',
      nature: 'secondment',
      rows: [
        { personId: anne.id, categoryId: coordination, cells: [{ from: '2026-02-02', to: '2026-02-02', minutes: 150 }, { from: '2026-02-03', to: '2026-02-03', minutes: 0 }] },
        { personId: null, categoryId: meeting, cells: [{ from: '2026-02-04', to: '2026-02-04', minutes: 60 }, { from: '2026-02-05', to: '2026-02-05', minutes: 45 }] },
      ],
    });
    expect(second).toEqual({ created: 1, updated: 1, deleted: 1, warnings: [] });
    expect(await app.count('time_entries')).toBe(3);

    // Weeks: a week holding two entries can only be left as it is.
    await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-02-06', minutes: 60, categoryId: coordination, nature: 'secondment' });
    const several = await app.fail('time.grid.save', {
      organisationId: alpha.id,
      month: '2026-02',
      nature: 'secondment',
      rows: [{ personId: anne.id, categoryId: coordination, cells: [{ from: '2026-02-02', to: '2026-02-08', minutes: 300 }] }],
    });
    expect(several.issues?.[0]).toMatchObject({ path: 'rows[0].cells[0].minutes', key: 'error.time.gridSeveralEntries', params: { line: 'Anne Bernard · Coordination', count: 2 } });
    const unchanged = await app.call('time.grid.save', {
      organisationId: alpha.id,
      month: '2026-02',
      nature: 'secondment',
      rows: [{ personId: anne.id, categoryId: coordination, cells: [{ from: '2026-02-02', to: '2026-02-08', minutes: 210 }] }],
    });
    expect(unchanged).toEqual({ created: 0, updated: 0, deleted: 0, warnings: [] });
  });

  it('reports every bad cell by its line and day and writes nothing', async () => {
    const { alpha, beta, anne, cat } = await setup();
    await app.call('time.entries.create', { organisationId: beta.id, personId: anne.id, date: '2026-02-03', minutes: '20h', categoryId: cat('other'), nature: 'volunteering' });
    const error = await app.fail('time.grid.save', {
      organisationId: alpha.id,
      month: '2026-02',
      nature: 'secondment',
      rows: [
        { personId: anne.id, categoryId: cat('coordination'), cells: [{ from: '2026-02-02', to: '2026-02-02', minutes: 120 }, { from: '2026-02-03', to: '2026-02-03', minutes: 300 }] },
        { personId: anne.id, categoryId: cat('observatory'), cells: [{ from: '2026-03-01', to: '2026-03-01', minutes: 60 }] },
      ],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => [i.path, i.key])).toEqual([
      ['rows[1].cells[0].minutes', 'error.time.gridOutsideMonth'],
      ['rows[0].cells[1].minutes', 'error.time.gridDayOverflow'],
    ]);
    expect(error.message).toContain('Ligne « Anne Bernard · Coordination », 3 février 2026 : cette personne aurait 25 h ce jour-là');
    expect(await app.count('time_entries')).toBe(1);
  });
});

describe('from a held meeting', () => {
  async function heldMeeting(kind: string, date: string) {
    const now = FIXED_NOW.toISOString();
    return (
      await app.store.db
        .insertInto('meetings')
        .values({ kind, title: 'Réunion de coordination', date, start_time: '09:30', end_time: '12:30', status: 'draft', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  async function attend(meetingId: number, personId: number, status: string, organisationId: number | null = null) {
    await app.store.db.insertInto('attendances').values({ meeting_id: meetingId, person_id: personId, organisation_id: organisationId, status, invited: 1, voting: 0 }).execute();
  }

  it('creates one entry per person present, in their organisation on that date, and never counts anyone twice', async () => {
    const { alpha, beta, anne, bruno, cat } = await setup();
    const claire = await app.call('people.create', { firstName: 'Claire', lastName: 'Dumas' });
    const denis = await app.call('people.create', { firstName: 'Denis', lastName: 'Etienne' });
    const eve = await app.call('people.create', { firstName: 'Ève', lastName: 'Faure' });
    // Claire left Alpha for Bêta before the meeting: her affiliation on that date counts.
    await app.call('people.addAffiliation', { personId: claire.id, organisationId: alpha.id, role: 'Vendeuse', startDate: '2020-01-01', endDate: '2025-12-31' });
    await app.call('people.addAffiliation', { personId: claire.id, organisationId: beta.id, role: 'Vendeuse', startDate: '2026-01-01' });
    const id = await heldMeeting('coordination', '2026-02-12');
    await attend(id, anne.id, 'present');
    await attend(id, bruno.id, 'present');
    await attend(id, claire.id, 'present');
    await attend(id, denis.id, 'excused');
    await attend(id, eve.id, 'present');

    const first = await app.call('time.fromMeeting', { meetingId: id, travelMinutes: 60 });
    expect(first).toMatchObject({ created: 3, alreadyCounted: 0, withoutOrganisation: ['Ève Faure'], minutesEach: 240 });
    const entries = (await app.call('time.entries.list', { meetingId: id })).items;
    expect(entries.map((e) => [e.personName, e.organisationName, e.date, e.minutes, e.categoryId]).sort()).toEqual([
      ['Anne Bernard', 'Ressourcerie Alpha', '2026-02-12', 240, cat('network_meeting')],
      ['Bruno Colas', 'Recyclerie Bêta', '2026-02-12', 240, cat('network_meeting')],
      ['Claire Dumas', 'Recyclerie Bêta', '2026-02-12', 240, cat('network_meeting')],
    ]);

    const again = await app.call('time.fromMeeting', { meetingId: id, travelMinutes: 60 });
    expect(again).toMatchObject({ created: 0, alreadyCounted: 3 });
    expect(await app.count('time_entries')).toBe(3);
    // Nor by hand: the (meeting, person) key holds.
    const byHand = await app.fail('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-02-12', minutes: 60, categoryId: cat('other'), nature: 'secondment', meetingId: id });
    expect(byHand.issues?.[0]).toMatchObject({ path: 'meetingId', key: 'error.time.meetingAlreadyCounted' });

    // Someone marked present afterwards is added, the others stay counted once.
    await app.store.db.updateTable('attendances').set({ status: 'present' }).where('person_id', '=', denis.id).execute();
    await app.call('people.addAffiliation', { personId: denis.id, organisationId: alpha.id, role: 'Bénévole', startDate: '2024-01-01' });
    expect(await app.call('time.fromMeeting', { meetingId: id })).toMatchObject({ created: 1, alreadyCounted: 3, minutesEach: 180 });

    const technical = await heldMeeting('technical_day', '2026-03-05');
    await attend(technical, anne.id, 'present');
    await app.call('time.fromMeeting', { meetingId: technical });
    expect((await app.call('time.entries.list', { meetingId: technical })).items[0]!.categoryId).toBe(cat('technical_day'));

    const future = await heldMeeting('coordination', '2026-09-10');
    const notHeld = await app.fail('time.fromMeeting', { meetingId: future });
    expect(notHeld.issues?.[0]).toMatchObject({ key: 'error.time.meetingNotHeld' });

    await app.call('time.periods.close', { from: '2026-01-01', to: '2026-03-31', label: 'T1 2026' });
    await app.store.db.updateTable('attendances').set({ status: 'present' }).where('person_id', '=', eve.id).execute();
    const locked = await app.fail('time.fromMeeting', { meetingId: id });
    expect(locked.code).toBe('LOCKED');
  });
});
