import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('the activities list', () => {
  it('comes a page at a time, and filtered on an organisation it keeps only what that organisation led', async () => {
    const tulle = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie de Tulle' });
    const brive = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie de Brive' });
    for (let day = 1; day <= 5; day++) {
      await app.call('activities.create', { kind: 'awareness', date: `2026-02-0${day}`, title: `Atelier ${day}`, leadOrganisationIds: [tulle.id] });
    }
    await app.call('activities.create', { kind: 'awareness', date: '2026-02-06', title: 'Stand de Brive', leadOrganisationIds: [brive.id], partnerOrganisationIds: [tulle.id] });

    const year = { from: '2026-01-01', to: '2026-12-31' };
    const second = await app.call('activities.list', { ...year, offset: 2, limit: 2 });
    expect(second.total).toBe(6);
    expect(second.items.map((a) => a.title)).toEqual(['Atelier 4', 'Atelier 3']);

    const led = await app.call('activities.list', { ...year, organisationId: tulle.id, leadOnly: true, offset: 0, limit: 2 });
    expect(led.total).toBe(5);
    expect(led.items.map((a) => a.title)).toEqual(['Atelier 5', 'Atelier 4']);
    // Without leadOnly, its partnerships count too (as the reports need).
    expect((await app.call('activities.list', { ...year, organisationId: tulle.id })).total).toBe(6);
  });
});
