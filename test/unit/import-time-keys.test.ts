import { afterEach, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../shared/api/files';
import { rateResolver, resolveRate, type DatedRate } from '../../shared/features/time/valuation';
import { openTestApp, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

const utf8 = (lines: string[]) => bytesToBase64(new TextEncoder().encode(lines.join('\r\n') + '\r\n'));

/** The import keys its checks by numbers (person, organisation, date, category): the same answers as by name. */
describe('time import: duplicates, the 24 h rule and valuation', () => {
  it('tells an organisation’s own entries from a person’s, counts every category of a day, and values each line at its rate', async () => {
    const a = await openTestApp();
    apps.push(a);
    const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
    const other = await a.call('organisations.create', { name: 'Recyclerie du Pays de Tulle', kind: 'member' });
    const marie = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont' });
    const [coordination, reunion] = (await a.call('time.categories.list', {})).items;
    const entry = (organisationId: number, personId: number | null, date: string, minutes: string, categoryId: number) =>
      a.call('time.entries.create', { organisationId, personId, date, minutes, categoryId, nature: 'secondment', meetingId: null, activityId: null, note: null });
    await entry(org.id, null, '2026-01-12', '2h', coordination!.id);
    await entry(org.id, marie.id, '2026-01-14', '20h', reunion!.id);
    // Outside the file's days, and another organisation's own entry on a day of the file: neither is a twin.
    await entry(org.id, marie.id, '2026-03-01', '23h', coordination!.id);
    await entry(other.id, null, '2026-01-13', '1h', coordination!.id);
    await a.call('time.rates.save', { scope: 'organisation', organisationId: org.id, validFrom: '2026-01-01', hourlyCents: 2500 });
    await a.call('time.rates.save', { scope: 'person', personId: marie.id, validFrom: '2026-01-15', hourlyCents: 3000 });

    const lines = [
      'Structure;Personne;Date;Heures;Catégorie',
      `Ressourcerie de la Vézère;;12/01/2026;3;${coordination!.name}`,
      `Ressourcerie de la Vézère;;13/01/2026;1;${coordination!.name}`,
      `Ressourcerie de la Vézère;;13/01/2026;2;${coordination!.name}`,
      `Ressourcerie de la Vézère;Marie Dupont;14/01/2026;5;${coordination!.name}`,
      `Ressourcerie de la Vézère;Marie Dupont;12/01/2026;2;${coordination!.name}`,
      `Ressourcerie de la Vézère;Marie Dupont;14/01/2026;3;${reunion!.name}`,
      `Ressourcerie de la Vézère;Marie Dupont;15/01/2026;1;${coordination!.name}`,
    ];
    const analysis = await a.call('data.import.analyze', { fileName: 'temps.csv', base64: utf8(lines), type: 'time' });
    expect(analysis.issues.map((i) => [i.line, i.key, i.params])).toEqual([
      [4, 'data.import.sameInFile', { line: 3 }],
      [5, 'error.time.dayOverflow', { person: 'Marie Dupont', date: '14 janvier 2026', already: '20 h' }],
    ]);
    expect(analysis.duplicates.map((d) => [d.line, d.existingLabel])).toEqual([
      [2, 'Ressourcerie de la Vézère — 12 janvier 2026 (2 h)'],
      [7, 'Marie Dupont — 14 janvier 2026 (20 h)'],
    ]);

    const result = await a.call('data.import.commit', { fileName: 'temps.csv', base64: utf8(lines), type: 'time', validOnly: true, duplicates: { default: 'skip' } });
    expect(result).toMatchObject({ created: 3, skipped: 2 });
    const saved = await a.call('time.entries.list', { from: '2026-01-01', to: '2026-01-31' });
    const order = (x: unknown[], y: unknown[]) => `${x[2]}|${x[1]}|${x[0]}`.localeCompare(`${y[2]}|${y[1]}|${y[0]}`);
    expect(saved.items.map((e) => [e.organisationId, e.personId, e.date, e.minutes, e.valueCents]).sort(order)).toEqual(
      [
        [org.id, null, '2026-01-12', 120, expect.any(Number)],
        [org.id, null, '2026-01-13', 60, 2500],
        [org.id, marie.id, '2026-01-14', 1200, expect.any(Number)],
        [org.id, marie.id, '2026-01-12', 120, 5000],
        [org.id, marie.id, '2026-01-15', 60, 3000],
        [other.id, null, '2026-01-13', 60, expect.any(Number)],
      ].sort(order),
    );
  });
});

describe('rateResolver', () => {
  it('gives what resolveRate gives, for every kind of rate and date', () => {
    const rates: DatedRate[] = [
      { id: 1, scope: 'default', personId: null, organisationId: null, validFrom: '2020-01-01', hourlyCents: 1500 },
      { id: 2, scope: 'default', personId: null, organisationId: null, validFrom: '2024-01-01', hourlyCents: 1800 },
      { id: 3, scope: 'organisation', personId: null, organisationId: 10, validFrom: '2022-06-01', hourlyCents: 2200 },
      { id: 4, scope: 'organisation', personId: null, organisationId: 10, validFrom: '2025-01-01', hourlyCents: 2400 },
      { id: 5, scope: 'person', personId: 7, organisationId: null, validFrom: '2023-03-01', hourlyCents: 3100 },
      { id: 6, scope: 'person', personId: 8, organisationId: null, validFrom: '2021-01-01', hourlyCents: 2900 },
      { id: 7, scope: 'organisation', personId: null, organisationId: 11, validFrom: '2019-01-01', hourlyCents: 2000 },
    ];
    const resolve = rateResolver(rates, 1234);
    const none = rateResolver([], 1234);
    for (const date of ['2018-05-05', '2019-01-01', '2021-06-30', '2022-06-01', '2023-03-01', '2024-12-31', '2025-01-01', '2030-01-01']) {
      for (const personId of [null, 7, 8, 9]) {
        for (const organisationId of [10, 11, 12]) {
          const entry = { date, personId, organisationId };
          expect(resolve(entry)).toEqual(resolveRate(rates, entry, 1234));
          expect(none(entry)).toEqual(resolveRate([], entry, 1234));
        }
      }
    }
  });
});
