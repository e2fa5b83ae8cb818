import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('the open actions list', () => {
  it('comes a page at a time, filtered by owner on the server, with the counts and owners of every page', async () => {
    const person = await app.call('people.create', { firstName: 'Hélène', lastName: 'Martin' });
    const organisation = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie de Tulle' });
    const meeting = await app.call('meetings.create', { kind: 'coordination', title: 'Coordination', date: '2026-01-10' });
    const item = await app.call('meetings.addAgendaItem', { meetingId: meeting.id, title: 'Suivi', presenterPersonId: null, plannedMinutes: null });
    for (let i = 1; i <= 5; i++) {
      await app.call('meetings.addAction', {
        meetingId: meeting.id,
        agendaItemId: item.id,
        text: `Action ${i}`,
        ...(i % 2 ? { ownerPersonId: person.id } : { ownerOrganisationId: organisation.id }),
        dueDate: `2026-0${i}-01`,
      });
    }
    const first = await app.call('meetings.openActions', { offset: 0, limit: 2 });
    expect(first.items.map((a) => a.text)).toEqual(['Action 1', 'Action 2']);
    expect(first.total).toBe(5);
    expect(first.owners).toEqual(['Hélène Martin', 'Ressourcerie de Tulle']);
    const last = await app.call('meetings.openActions', { offset: 4, limit: 2 });
    expect(last.items.map((a) => a.text)).toEqual(['Action 5']);
    const hers = await app.call('meetings.openActions', { ownerLabel: 'Hélène Martin', limit: 2 });
    expect(hers.total).toBe(3);
    expect(hers.items.map((a) => a.text)).toEqual(['Action 1', 'Action 3']);
    // Today is 12 March 2026: January's and March 1st's are late, May's is not.
    expect(hers.overdue).toBe(2);
  });
});
