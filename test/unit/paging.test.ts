import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('list screens page through their rows ({ offset, limit } → { items, total })', () => {
  it('people: a page of the French order, the total of every match, a search by prefix through the index', async () => {
    const names = ['Zoé Abel', 'Élodie Bernard', 'Marc Éluard', 'Anne Durand', 'Paul Durandal', 'Lucie Martin', 'Hugo Petit'];
    for (const n of names) {
      const [firstName, lastName] = n.split(' ');
      await app.call('people.create', { firstName: firstName!, lastName: lastName! });
    }
    const page = (q: Record<string, unknown>) => app.call('people.list', q);
    const all = await page({});
    expect(all.total).toBe(7);
    expect(all.items.map((p) => p.lastName)).toEqual(['Abel', 'Bernard', 'Durand', 'Durandal', 'Éluard', 'Martin', 'Petit']);
    const second = await page({ offset: 2, limit: 2 });
    expect([second.total, second.items.map((p) => p.lastName)]).toEqual([7, ['Durand', 'Durandal']]);
    expect((await page({ offset: 6, limit: 2 })).items.map((p) => p.lastName)).toEqual(['Petit']);
    expect(await page({ offset: 50, limit: 2 })).toEqual({ items: [], total: 7 });

    const durand = await page({ search: 'DURAND', limit: 1 });
    expect([durand.total, durand.items.map((p) => p.lastName)]).toEqual([2, ['Durand']]);
    expect((await page({ search: 'elu' })).items.map((p) => p.lastName)).toEqual(['Éluard']);
    expect(await page({ search: '%' })).toEqual({ items: [], total: 0 });
    // A page is at most what the contract allows.
    expect((await app.fail('people.list', { limit: 5000 })).code).toBe('VALIDATION');
  });

  it('organisations: sorted by the server, cut into pages with the total', async () => {
    for (const name of ['Recyclerie C', 'Ressourcerie A', 'Atelier B', 'Écocyclerie D']) await app.call('organisations.create', { name, kind: 'member' });
    const first = await app.call('organisations.list', { limit: 3 });
    expect([first.total, first.items.map((o) => o.name)]).toEqual([4, ['Atelier B', 'Écocyclerie D', 'Recyclerie C']]);
    const next = await app.call('organisations.list', { offset: 3, limit: 3 });
    expect([next.total, next.items.map((o) => o.name)]).toEqual([4, ['Ressourcerie A']]);
  });

  it('meetings: series by series, newest first within each, paged, with the total of the filter', async () => {
    const create = (kind: 'coordination' | 'board' | 'general_assembly', date: string) => app.call('meetings.create', { kind, title: `${kind} ${date}`, date });
    await create('board', '2026-01-10');
    await create('coordination', '2026-02-01');
    await create('general_assembly', '2026-06-14');
    await create('coordination', '2026-09-01');
    await create('coordination', '2025-09-01');
    const titles = (r: { items: { title: string }[] }) => r.items.map((m) => m.title);
    const page1 = await app.call('meetings.list', { bySeries: true, limit: 2 });
    expect([page1.total, titles(page1)]).toEqual([5, ['coordination 2026-09-01', 'coordination 2026-02-01']]);
    const page2 = await app.call('meetings.list', { bySeries: true, offset: 2, limit: 2 });
    expect(titles(page2)).toEqual(['coordination 2025-09-01', 'board 2026-01-10']);
    const year = await app.call('meetings.list', { year: 2026, limit: 10 });
    expect([year.total, titles(year)]).toEqual([4, ['coordination 2026-09-01', 'general_assembly 2026-06-14', 'coordination 2026-02-01', 'board 2026-01-10']]);
    expect((await app.call('meetings.list', { year: 2026, offset: 10, limit: 10 })).total).toBe(4);
    // Without a limit, every meeting (pickers and the demo use it so).
    expect((await app.call('meetings.list', {})).items).toHaveLength(5);
  });

  it('decisions register: pages through every decision, newest first', async () => {
    const m = await app.call('meetings.create', { kind: 'general_assembly', title: 'AG', date: '2026-06-14' });
    const item = await app.call('meetings.addAgendaItem', { meetingId: m.id, title: 'Votes', presenterPersonId: null, plannedMinutes: null });
    for (let i = 1; i <= 5; i++) await app.call('meetings.addDecision', { agendaItemId: item.id, text: `Délibération ${i}`, voteMode: 'consensus' });
    const refs = (r: { items: { reference: string }[] }) => r.items.map((d) => d.reference);
    const second = await app.call('meetings.decisions', { offset: 2, limit: 2 });
    expect([second.total, refs(second)]).toEqual([5, ['2026-03', '2026-02']]);
    expect((await app.call('meetings.decisions', { offset: 9, limit: 2 })).total).toBe(5);
    expect(refs(await app.call('meetings.decisions', { search: 'deliberation', limit: 2 }))).toEqual(['2026-05', '2026-04']);
  });

  it('time entries: every page in the ledger’s order (date, organisation, person), pages joined give the whole list', async () => {
    const a = await app.call('organisations.create', { name: 'Atelier A', kind: 'member' });
    const b = await app.call('organisations.create', { name: 'Boutique B', kind: 'member' });
    const category = (await app.call('time.categories.list', {})).items[0]!;
    const dates = ['2026-03-02', '2026-03-02', '2026-03-02', '2026-03-05', '2026-03-05', '2026-02-27', '2026-03-09'];
    for (const [i, date] of dates.entries()) {
      await app.call('time.entries.create', { organisationId: (i % 2 ? a : b).id, personId: null, date, minutes: 60 + i, categoryId: category.id, nature: 'volunteering', meetingId: null, activityId: null, note: `n${i}` });
    }
    const key = (e: { date: string; organisationName: string; note: string | null }) => `${e.date} ${e.organisationName} ${e.note}`;
    const whole = (await app.call('time.entries.list', {})).items.map(key);
    expect(whole).toHaveLength(7);
    const pages: string[] = [];
    for (let offset = 0; offset < 7; offset += 2) {
      const page = await app.call('time.entries.list', { offset, limit: 2 });
      expect(page.totals.count).toBe(7);
      pages.push(...page.items.map(key));
    }
    expect(pages).toEqual(whole);
    expect(whole.slice(0, 3)).toEqual(['2026-03-09 Boutique B n6', '2026-03-05 Atelier A n3', '2026-03-05 Boutique B n4']);
  });
});
