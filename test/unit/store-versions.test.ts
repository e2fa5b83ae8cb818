import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

describe('a record changed by someone else since it was opened is not overwritten', () => {
  it('refuses the stale save of an organisation, saying by whom and when, and keeps the other save', async () => {
    const a = await openTestApp(undefined, new Date('2026-03-12T10:05:00Z'));
    apps.push(a);
    const created = await a.call('organisations.create', { name: 'Ressourcerie du Causse', kind: 'member' });
    expect(created.version).toBe(1);
    // Two people open the same form at version 1; the first save wins and moves the version on.
    const first = await a.call('organisations.update', { id: created.id, version: 1, name: 'Ressourcerie du Causse', kind: 'member', city: 'Cahors' });
    expect(first.version).toBe(2);
    const stale = await a.fail('organisations.update', { id: created.id, version: 1, name: 'Ressourcerie du Causse', kind: 'member', city: 'Figeac' });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toBe(
      'Enregistrement modifié entre-temps par un test à 11:05 le 12 mars 2026 : rechargez-le pour voir ses nouvelles valeurs, puis refaites votre modification.',
    );
    const detail = await a.call('organisations.get', { id: created.id });
    expect(detail.organisation).toMatchObject({ city: 'Cahors', version: 2 });
    // Reloaded, the save goes through.
    const again = await a.call('organisations.update', { id: created.id, version: 2, name: 'Ressourcerie du Causse', kind: 'member', city: 'Figeac' });
    expect(again).toMatchObject({ city: 'Figeac', version: 3 });
    // A caller that names no version (CLI, imports) is not checked, but still moves it on.
    const unchecked = await a.call('organisations.update', { id: created.id, name: 'Ressourcerie du Causse', kind: 'member', city: 'Gourdon' });
    expect(unchecked.version).toBe(4);
  });

  it('does the same for a person', async () => {
    const a = await openTestApp();
    apps.push(a);
    const p = await a.call('people.create', { firstName: 'Lucie', lastName: 'Roux' });
    await a.call('people.update', { id: p.id, version: p.version, firstName: 'Lucie', lastName: 'Roux', city: 'Albi' });
    const stale = await a.fail('people.update', { id: p.id, version: p.version, firstName: 'Lucie', lastName: 'Roux-Martin' });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/^Enregistrement modifié entre-temps par un test à /);
    expect((await a.call('people.get', { id: p.id })).person).toMatchObject({ lastName: 'Roux', city: 'Albi', version: 2 });
  });
});
