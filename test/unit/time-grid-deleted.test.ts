import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

/**
 * The month grid, opened by two people: one deletes an entry, the other types in the cell that
 * showed it. Her save is refused (« supprimée entre-temps par … à … ») and writes nothing, rather
 * than creating the entry again; a cell that was empty when she opened the grid still creates.
 */

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

async function setUp() {
  const a = await openTestApp(undefined, new Date('2026-03-12T10:05:00Z'));
  apps.push(a);
  const org = await a.call('organisations.create', { name: 'Ressourcerie du Causse', kind: 'member' });
  const person = await a.call('people.create', { firstName: 'Lucie', lastName: 'Roux' });
  await a.call('people.addAffiliation', { personId: person.id, organisationId: org.id, role: 'Directrice', startDate: '2020-01-01' });
  const category = (await a.call('time.categories.list', {})).items[0]!;
  const query = { organisationId: org.id, month: '2026-02', nature: 'volunteering' as const };
  const row = (cells: Record<string, number>) => ({
    personId: person.id,
    categoryId: category.id,
    cells: Object.entries(cells).map(([date, minutes]) => ({ from: date, to: date, minutes })),
  });
  await a.call('time.grid.save', { ...query, rows: [row({ '2026-02-02': 60, '2026-02-03': 60 })] });
  // The grid as the second person opens it, each entry with its cell (what the screen sends back).
  const grid = await a.call('time.grid.get', query);
  const opened = grid.entries.map((e) => ({ id: e.id, version: e.version, personId: e.personId, categoryId: e.categoryId, date: e.date }));
  const entryOn = (date: string) => grid.entries.find((e) => e.date === date)!;
  const days = async () => (await a.call('time.grid.get', query)).entries.map((e) => [e.date, e.minutes]);
  return { a, query, row, opened, entryOn, days };
}

describe('month grid: an entry deleted by someone else since the grid was opened', () => {
  it('refuses a new value typed in its cell, says who deleted it and when, and writes nothing of the batch', async () => {
    const { a, query, row, opened, entryOn, days } = await setUp();
    const gone = entryOn('2026-02-02');
    await a.call('time.entries.delete', { id: gone.id, version: gone.version });

    const refused = await a.fail('time.grid.save', { ...query, rows: [row({ '2026-02-02': 90, '2026-02-03': 75, '2026-02-04': 30 })], opened });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.key).toBe('time.error.gridDeletedMeanwhileBy');
    expect(refused.message).toMatch(/^Ligne « Lucie Roux · .+ », 2 février 2026 : cette saisie a été supprimée entre-temps par .+ à 11:05 le 12 mars 2026\. Rien n’a été enregistré/);
    // Nothing of the batch: neither the change of the 3rd nor the new 4th.
    expect(await days()).toEqual([['2026-02-03', 60]]);

    // Left as it was (unchanged in her grid), the cell is refused too: it would bring the entry back.
    expect((await a.fail('time.grid.save', { ...query, rows: [row({ '2026-02-02': 60, '2026-02-03': 60 })], opened })).code).toBe('CONFLICT');

    // Emptied, or empty when she opened the grid: the save goes through.
    const saved = await a.call('time.grid.save', { ...query, rows: [row({ '2026-02-02': 0, '2026-02-03': 60, '2026-02-04': 30 })], opened });
    expect(saved).toMatchObject({ created: 1, updated: 0, deleted: 0 });
    expect(await days()).toEqual([
      ['2026-02-03', 60],
      ['2026-02-04', 30],
    ]);
  });

  it('names the change log’s author when the entry was deleted from another grid, and says « modifié » for an entry moved since', async () => {
    const { a, query, row, opened, entryOn, days } = await setUp();
    // The first person empties the 2nd from her own grid; another moves the 3rd to the 10th.
    await a.call('time.grid.save', { ...query, rows: [row({ '2026-02-02': 0 })], opened: opened.filter((o) => o.date === '2026-02-02') });
    const moved = entryOn('2026-02-03');
    const full = await a.call('time.entries.get', { id: moved.id });
    await a.call('time.entries.update', {
      id: moved.id,
      version: moved.version,
      organisationId: full.organisationId,
      personId: full.personId,
      date: '2026-02-10',
      minutes: full.minutes,
      categoryId: full.categoryId,
      nature: 'secondment',
      meetingId: null,
      activityId: null,
      note: null,
    });

    const deleted = await a.fail('time.grid.save', { ...query, rows: [row({ '2026-02-02': 45 })], opened });
    expect(deleted.key).toBe('time.error.gridDeletedMeanwhileBy');
    const elsewhere = await a.fail('time.grid.save', { ...query, rows: [row({ '2026-02-03': 45 })], opened });
    expect(elsewhere.code).toBe('CONFLICT');
    expect(elsewhere.key).toBe('pg.error.modifiedMeanwhile');
    expect(await days()).toEqual([]);
  });
});
