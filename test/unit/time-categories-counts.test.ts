import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('the list of time categories', () => {
  it('counts the entries of each category only when asked: pickers and filters do not read every entry', async () => {
    const organisation = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie de Tulle' });
    const [first, second] = (await app.call('time.categories.list', {})).items;
    for (const date of ['2026-01-05', '2026-01-06']) {
      await app.call('time.entries.create', { organisationId: organisation.id, personId: null, date, minutes: '2h', categoryId: first!.id, nature: 'secondment' });
    }
    const plain = (await app.call('time.categories.list', { includeInactive: true })).items;
    expect(plain.every((c) => c.entryCount === null)).toBe(true);
    const counted = (await app.call('time.categories.list', { includeInactive: true, withCounts: true })).items;
    expect(counted.find((c) => c.id === first!.id)?.entryCount).toBe(2);
    expect(counted.find((c) => c.id === second!.id)?.entryCount).toBe(0);
    // A used category is still refused for deletion, with its count.
    const refused = await app.fail('time.categories.delete', { id: first!.id });
    expect(refused.code).toBe('CONFLICT');
  });
});
