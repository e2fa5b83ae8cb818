import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNetwork } from '../helpers/meetings';
import { openTestApp, type TestApp } from '../helpers/store';

/** Everything entered can be corrected until what holds it is locked; deletes never orphan; each change is logged. */

let app: TestApp;
let net: Awaited<ReturnType<typeof seedNetwork>>;

beforeAll(async () => {
  app = await openTestApp();
  net = await seedNetwork(app, 3);
});
afterAll(() => app.close());

const history = async (entity: string, entityId: number) => (await app.call('audit.list', { entity, entityId })).items;

async function meetingWithDecision(date: string) {
  const m = await app.call('meetings.create', { kind: 'coordination', title: `Coordination ${date}`, date, startTime: '14:00', endTime: '17:00' });
  await app.call('meetings.inviteVotingRepresentatives', { meetingId: m.id });
  const detail = await app.call('meetings.get', { id: m.id });
  for (const a of detail.attendances) await app.call('meetings.updateAttendance', { id: a.id, status: 'present', proxyHolderPersonId: null, organisationId: a.organisationId, capacity: a.capacity, voting: true });
  const first = await app.call('meetings.addAgendaItem', { meetingId: m.id, title: 'Budget' });
  const second = await app.call('meetings.addAgendaItem', { meetingId: m.id, title: 'Questions diverses' });
  const decision = await app.call('meetings.addDecision', { agendaItemId: first.id, text: 'Le budget est adopté.', voteMode: 'vote', votesFor: 3, votesAgainst: 0, votesAbstain: 0 });
  const action = await app.call('meetings.addAction', { meetingId: m.id, agendaItemId: first.id, text: 'Envoyer le budget', ownerPersonId: net.staff.id });
  return { meeting: m, first, second, decision, action };
}

describe('minutes', () => {
  it('corrects a decision (text, vote, place) and an action, keeping the number, and logs each change', async () => {
    const { meeting, second, decision, action } = await meetingWithDecision('2026-04-02');
    const edited = await app.call('meetings.updateDecision', { id: decision.id, agendaItemId: second.id, text: 'Le budget 2026 est adopté.', voteMode: 'vote', votesFor: 2, votesAgainst: 1, votesAbstain: 0 });
    expect(edited).toMatchObject({ reference: decision.reference, agendaItemId: second.id, text: 'Le budget 2026 est adopté.', votesFor: 2, votesAgainst: 1 });
    await app.call('meetings.updateAction', { id: action.id, agendaItemId: action.agendaItemId, text: 'Envoyer le budget voté', ownerPersonId: null, ownerOrganisationId: net.organisations[1]!.id, dueDate: '2026-05-01' });
    const lines = await history('meeting', meeting.id);
    const decisionLine = lines.find((l) => l.entity === 'decision' && l.action === 'update')!;
    expect(decisionLine.summary).toMatchObject({ reference: decision.reference, changes: { text: ['Le budget est adopté.', 'Le budget 2026 est adopté.'], votesFor: [3, 2] } });
    expect(lines.find((l) => l.entity === 'action' && l.action === 'update')?.summary).toMatchObject({ changes: { dueDate: [null, '2026-05-01'] } });
  });

  it('corrects an attendee’s organisation, role and status, and logs it', async () => {
    const { meeting } = await meetingWithDecision('2026-04-09');
    const a = (await app.call('meetings.get', { id: meeting.id })).attendances[0]!;
    const edited = await app.call('meetings.updateAttendance', { id: a.id, status: 'excused', proxyHolderPersonId: null, organisationId: net.organisations[2]!.id, capacity: 'Trésorière', voting: false });
    expect(edited).toMatchObject({ status: 'excused', organisationId: net.organisations[2]!.id, capacity: 'Trésorière', voting: false });
    const line = (await history('meeting', meeting.id)).find((l) => l.entity === 'attendance')!;
    expect(line.summary).toMatchObject({ changes: { status: ['present', 'excused'], capacity: [a.capacity, 'Trésorière'] } });
  });

  it('refuses every correction once the minutes are approved, and writes nothing', async () => {
    const { meeting, decision, action } = await meetingWithDecision('2026-04-16');
    const later = await app.call('meetings.create', { kind: 'coordination', title: 'Coordination suivante', date: '2026-05-14', startTime: '14:00', endTime: '17:00' });
    await app.call('meetings.finalize', { id: meeting.id });
    expect((await app.fail('meetings.updateDecision', { id: decision.id, text: 'Autre texte', voteMode: 'consensus' })).key).toBe('error.meetings.finalized');
    await app.call('meetings.approveMinutes', { meetingId: meeting.id, approvedByMeetingId: later.id });
    const logged = (await history('meeting', meeting.id)).length;
    const refused = await app.fail('meetings.updateDecision', { id: decision.id, text: 'Autre texte', voteMode: 'consensus' });
    expect(refused.code).toBe('LOCKED');
    expect(refused.message).toContain('approuvé');
    expect((await app.fail('meetings.removeDecision', { id: decision.id })).code).toBe('LOCKED');
    expect((await app.fail('meetings.removeAction', { id: action.id })).code).toBe('LOCKED');
    const a = (await app.call('meetings.get', { id: meeting.id })).attendances[0]!;
    expect((await app.fail('meetings.updateAttendance', { id: a.id, status: 'absent', proxyHolderPersonId: null, organisationId: null, capacity: null, voting: true })).code).toBe('LOCKED');
    expect((await app.call('meetings.get', { id: meeting.id })).agenda.find((i) => i.title === 'Budget')!.decisions[0]!.text).toBe('Le budget est adopté.');
    expect((await history('meeting', meeting.id)).length).toBe(logged);
  });

  it('refuses to move a decision to a point of another meeting', async () => {
    const { decision } = await meetingWithDecision('2026-04-23');
    const other = await meetingWithDecision('2026-04-30');
    const error = await app.fail('meetings.updateDecision', { id: decision.id, agendaItemId: other.first.id, text: 'Déplacée', voteMode: 'consensus' });
    expect(error.issues?.[0]).toMatchObject({ path: 'agendaItemId', key: 'error.notFound' });
  });

  it('logs the deletion of a decision', async () => {
    const { meeting, decision } = await meetingWithDecision('2026-05-07');
    await app.call('meetings.removeDecision', { id: decision.id });
    expect((await history('meeting', meeting.id)).some((l) => l.entity === 'decision' && l.action === 'delete' && l.summary.reference === decision.reference)).toBe(true);
  });
});

describe('funding', () => {
  async function grant(amountCents = 1_000_000) {
    return app.call('funding.grants.create', { funderOrganisationId: net.funder.id, programme: 'Réemploi', startDate: '2026-01-01', endDate: '2026-12-31', amountCents });
  }

  it('corrects a payment within the amount granted and logs the change', async () => {
    const g = await grant();
    const withPayments = await app.call('funding.payments.add', { grantId: g.id, date: '2026-02-01', amountCents: 600_000 });
    await app.call('funding.payments.add', { grantId: g.id, date: '2026-03-01', amountCents: 300_000 });
    const payment = withPayments.payments[0]!;
    const over = await app.fail('funding.payments.update', { id: payment.id, date: '2026-02-01', amountCents: 800_000 });
    expect(over.issues?.[0]).toMatchObject({ path: 'amountCents', key: 'error.activity.paymentBeyondGrant' });
    const edited = await app.call('funding.payments.update', { id: payment.id, date: '2026-02-03', amountCents: 700_000, note: 'Premier acompte' });
    expect(edited.paidCents).toBe(1_000_000);
    const line = (await history('grant', g.id)).find((l) => l.entity === 'payment' && l.action === 'update')!;
    expect(line.summary).toMatchObject({ changes: { date: ['2026-02-01', '2026-02-03'], amount_cents: [600_000, 700_000] } });
  });

  it('refuses to delete a grant that has payments or a budget, then deletes it once they are gone', async () => {
    const g = await grant();
    const paid = await app.call('funding.payments.add', { grantId: g.id, date: '2026-02-01', amountCents: 100_000 });
    const refused = await app.fail('funding.grants.delete', { id: g.id });
    expect(refused).toMatchObject({ code: 'CONFLICT', key: 'error.edit.grantHasPayment' });
    await app.call('funding.payments.delete', { id: paid.payments[0]!.id });
    const budget = await app.call('funding.budgets.save', { label: 'Budget réemploi', startDate: '2026-01-01', endDate: '2026-12-31', grantId: g.id, lines: [] });
    expect((await app.fail('funding.grants.delete', { id: g.id })).message).toContain('Budget réemploi');
    await app.call('funding.budgets.delete', { id: budget.id });
    expect(await app.call('funding.grants.delete', { id: g.id })).toEqual({ removed: true });
    expect((await app.fail('funding.grants.get', { id: g.id })).code).toBe('NOT_FOUND');
    const lines = await history('organisation', net.funder.id);
    expect(lines.some((l) => l.entity === 'grant' && l.action === 'delete' && l.entityId === g.id)).toBe(true);
    expect((await history('grant', g.id)).some((l) => l.entity === 'budget' && l.action === 'delete')).toBe(true);
  });

  it('refuses to delete a project founder an activity refers to', async () => {
    const founder = await app.call('activities.founders.create', { name: 'Recyclerie de Felletin', stage: 'idea' });
    const activity = await app.call('activities.create', { kind: 'visit', date: '2026-02-10', title: 'Visite du porteur', leadOrganisationIds: [net.organisations[0]!.id], visitorKind: 'project_founder', projectFounderId: founder.id });
    const refused = await app.fail('activities.founders.delete', { id: founder.id });
    expect(refused).toMatchObject({ code: 'CONFLICT', key: 'error.edit.founderHasActivity' });
    expect(refused.message).toContain('Recyclerie de Felletin');
    await app.call('activities.delete', { id: activity.id });
    expect(await app.call('activities.founders.delete', { id: founder.id })).toEqual({ removed: true });
    expect((await history('founder', founder.id)).map((l) => l.action)).toEqual(['delete', 'create']);
  });
});

describe('people and structures', () => {
  it('logs the creation of a structure and of a person', async () => {
    const o = await app.call('organisations.create', { kind: 'member', name: 'La Glanerie' });
    const p = await app.call('people.create', { firstName: 'Inès', lastName: 'Martin' });
    expect((await history('organisation', o.id)).map((l) => l.action)).toEqual(['create']);
    expect((await history('person', p.id)).map((l) => l.action)).toEqual(['create']);
  });

  it('adds a person from a structure’s page with their role, both or neither', async () => {
    const people = await app.count('people');
    const refused = await app.fail('people.createWithAffiliation', { person: { firstName: 'Zoé', lastName: 'Petit' }, affiliation: { organisationId: 99_999, role: 'Salariée', startDate: '2026-01-05' } });
    expect(refused.issues?.[0]).toMatchObject({ path: 'organisationId', key: 'error.notFound' });
    expect(await app.count('people')).toBe(people);
    const a = await app.call('people.createWithAffiliation', { person: { firstName: 'Zoé', lastName: 'Petit', email: 'zoe@exemple.fr' }, affiliation: { organisationId: net.organisations[0]!.id, role: 'Salariée', startDate: '2026-01-05' } });
    expect(a).toMatchObject({ personName: 'Zoé Petit', role: 'Salariée', organisationId: net.organisations[0]!.id });
    expect((await history('person', a.personId)).map((l) => `${l.entity} ${l.action}`)).toEqual(['affiliation create', 'person create']);
  });

  it('corrects an affiliation’s role and dates, refuses an end before the start, and logs it', async () => {
    const p = await app.call('people.create', { firstName: 'Luc', lastName: 'Bernard' });
    const a = await app.call('people.addAffiliation', { personId: p.id, organisationId: net.organisations[0]!.id, role: 'Bénévole', startDate: '2024-01-01' });
    const bad = await app.fail('people.updateAffiliation', { id: a.id, organisationId: a.organisationId, role: 'Bénévole', startDate: '2024-01-01', endDate: '2023-01-01' });
    expect(bad.issues?.[0]).toMatchObject({ path: 'endDate', key: 'error.endBeforeStart' });
    const edited = await app.call('people.updateAffiliation', { id: a.id, organisationId: net.organisations[1]!.id, role: 'Trésorier', startDate: '2024-03-01', endDate: null });
    expect(edited).toMatchObject({ organisationId: net.organisations[1]!.id, role: 'Trésorier', startDate: '2024-03-01' });
    const line = (await history('person', p.id)).find((l) => l.entity === 'affiliation' && l.action === 'update')!;
    expect(line.summary).toMatchObject({ changes: { role: ['Bénévole', 'Trésorier'], startDate: ['2024-01-01', '2024-03-01'] } });
  });

  it('refuses to move a voting representative’s affiliation to another structure', async () => {
    const rep = net.representatives[0]!;
    const affiliation = (await app.call('people.get', { id: rep.id })).affiliations[0]!;
    const error = await app.fail('people.updateAffiliation', { id: affiliation.id, organisationId: net.organisations[2]!.id, role: affiliation.role, startDate: affiliation.startDate, endDate: null });
    expect(error.issues?.[0]).toMatchObject({ path: 'organisationId', key: 'error.edit.affiliationVoting' });
    // Role and dates may still be corrected.
    expect((await app.call('people.updateAffiliation', { id: affiliation.id, organisationId: affiliation.organisationId, role: 'Co-président·e', startDate: affiliation.startDate, endDate: null })).role).toBe('Co-président·e');
  });
});

describe('first open', () => {
  it('tells the home page the base is empty, so that it asks for first steps instead of reassuring', async () => {
    const empty = await openTestApp();
    try {
      expect((await empty.call('dashboard.get', {})).setup).toEqual({ settingsSaved: false, organisations: 0, memberships: 0 });
      await empty.call('organisations.create', { kind: 'member', name: 'La Glanerie' });
      expect((await empty.call('dashboard.get', {})).setup).toMatchObject({ organisations: 1, memberships: 0 });
    } finally {
      await empty.close();
    }
  });
});
