import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { parseMarkup } from '../../shared/features/meetings/markup';
import { seedNetwork } from '../helpers/meetings';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
let net: Awaited<ReturnType<typeof seedNetwork>>;
beforeEach(async () => {
  app = await openTestApp();
  net = await seedNetwork(app, 4);
});
afterEach(async () => {
  await app.close();
});

const MEETING_TABLES = ['meetings', 'attendances', 'agenda_items', 'decisions', 'decision_counters', 'action_items', 'action_follow_ups', 'minutes_approvals', 'minutes_errata'];
const counts = async () => Object.fromEntries(await Promise.all(MEETING_TABLES.map(async (t) => [t, await app.count(t)] as const)));

async function meeting(kind: 'general_assembly' | 'coordination' | 'board' = 'general_assembly', date = '2026-06-14', title = 'Réunion') {
  return app.call('meetings.create', { kind, title, date, startTime: '14:00', endTime: '17:00', hostOrganisationId: net.organisations[0]!.id });
}

/** Everyone invited as voting representatives, the given statuses by representative index. */
async function attend(meetingId: number, statuses: ('present' | 'excused' | 'absent')[]) {
  await app.call('meetings.inviteVotingRepresentatives', { meetingId });
  const detail = await app.call('meetings.get', { id: meetingId });
  for (const [i, status] of statuses.entries()) {
    const a = detail.attendances.find((x) => x.personId === net.representatives[i]!.id)!;
    await app.call('meetings.updateAttendance', { id: a.id, status, proxyHolderPersonId: null, organisationId: a.organisationId, capacity: a.capacity, voting: true });
  }
  return app.call('meetings.get', { id: meetingId });
}

const attendanceOf = async (meetingId: number, personId: number) => (await app.call('meetings.get', { id: meetingId })).attendances.find((a) => a.personId === personId)!;

describe('meetings', () => {
  it('refuses an end before the start and a notice after the meeting, naming the field, writing nothing', async () => {
    const error = await app.fail('meetings.create', { kind: 'coordination', title: 'Coordination', date: '2026-03-12', startTime: '17:00', endTime: '09:30', convenedOn: '2026-03-20' });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => [i.path, i.key])).toEqual([
      ['endTime', 'error.meetings.endBeforeStart'],
      ['convenedOn', 'error.meetings.convenedAfterMeeting'],
    ]);
    expect(error.message).toContain('L’heure de fin doit être après l’heure de début');
    const bad = await app.fail('meetings.create', { kind: 'coordination', title: 'Coordination', date: '2026-03-12', startTime: '25:00' });
    expect(bad.issues?.[0]).toMatchObject({ path: 'startTime', key: 'error.meetings.time' });
    expect(await app.count('meetings')).toBe(0);
  });

  it('invites every member organisation’s voting representative of the meeting’s year, once', async () => {
    const m = await meeting();
    expect(await app.call('meetings.inviteVotingRepresentatives', { meetingId: m.id })).toEqual({ added: 4, skipped: 0 });
    expect(await app.call('meetings.inviteVotingRepresentatives', { meetingId: m.id })).toEqual({ added: 0, skipped: 4 });
    const detail = await app.call('meetings.get', { id: m.id });
    expect(detail.attendances.map((a) => [a.organisationName, a.capacity, a.status, a.voting, a.invited])).toContainEqual(['Ressourcerie n° 1', 'Président·e', 'pending', true, true]);
    // An uninvited person is added present, with the organisation of their affiliation.
    const extra = await app.call('meetings.addAttendee', { meetingId: m.id, personId: net.staff.id, invited: false, voting: false });
    expect(extra).toMatchObject({ status: 'present', invited: false, organisationName: 'Ressourcerie n° 1', capacity: 'Coordinatrice du réseau' });
    expect((await app.fail('meetings.addAttendee', { meetingId: m.id, personId: net.staff.id, invited: false, voting: false })).issues?.[0]).toMatchObject({
      path: 'personId',
      key: 'error.meetings.alreadyAttendee',
    });
  });

  it('states the quorum as attendance is recorded, by the rule of the kind of meeting', async () => {
    const ag = await meeting('general_assembly');
    let detail = await attend(ag.id, ['present']);
    expect(detail.quorum).toEqual({ base: 'member_organisations', percent: 50, total: 4, counted: 1, needed: 2, reached: false });
    // Represented counts like present.
    const second = await attendanceOf(ag.id, net.representatives[1]!.id);
    await app.call('meetings.updateAttendance', { id: second.id, status: 'represented', proxyHolderPersonId: net.representatives[0]!.id, organisationId: second.organisationId, capacity: null, voting: true });
    detail = await app.call('meetings.get', { id: ag.id });
    expect(detail.quorum).toMatchObject({ counted: 2, needed: 2, reached: true });
    expect(detail.voters).toBe(2);

    // A coordination meeting has no quorum by default; a setting per kind changes that.
    const coordination = await meeting('coordination', '2026-03-12');
    expect((await app.call('meetings.get', { id: coordination.id })).quorum.reached).toBeNull();
    const kinds = await app.call('meetings.kinds', {});
    expect(kinds.items.find((k) => k.kind === 'general_assembly')).toMatchObject({ quorumBase: 'member_organisations', quorumPercent: 50, proxiesPerHolder: 1, isDefault: true });
    await app.call('meetings.saveKindSettings', { kind: 'coordination', quorumBase: 'member_organisations', quorumPercent: 75, proxiesPerHolder: 2 });
    detail = await attend(coordination.id, ['present', 'present']);
    expect(detail.quorum).toMatchObject({ total: 4, counted: 2, needed: 3, reached: false });
    detail = await attend(coordination.id, ['present', 'present', 'present']);
    expect(detail.quorum.reached).toBe(true);

    // A board counts its voting invitees.
    const board = await meeting('board', '2026-04-02');
    detail = await attend(board.id, ['present', 'excused', 'absent', 'absent']);
    expect(detail.quorum).toEqual({ base: 'voting_invitees', percent: 50, total: 4, counted: 1, needed: 2, reached: false });
  });

  it('accepts a proxy only for a holder who is present, within the cap, and keeps the holder present', async () => {
    const ag = await meeting();
    await attend(ag.id, ['present', 'excused', 'excused', 'absent']);
    const [holder, a, b] = net.representatives;
    const second = await attendanceOf(ag.id, a!.id);
    const third = await attendanceOf(ag.id, b!.id);
    const before = await counts();

    // The holder is absent.
    const absent = await app.fail('meetings.updateAttendance', { id: second.id, status: 'represented', proxyHolderPersonId: net.representatives[3]!.id, organisationId: null, capacity: null, voting: true });
    expect(absent.issues?.[0]).toMatchObject({ path: 'proxyHolderPersonId', key: 'error.meetings.holderNotPresent', params: { name: 'Prénom4 Nom4' } });
    expect(absent.message).toContain('Prénom4 Nom4 n’est pas indiqué·e comme présent·e');
    expect((await attendanceOf(ag.id, a!.id)).status).toBe('excused');

    // No holder, or oneself.
    expect((await app.fail('meetings.updateAttendance', { id: second.id, status: 'represented', proxyHolderPersonId: null, organisationId: null, capacity: null, voting: true })).issues?.[0]?.key).toBe(
      'error.meetings.holderRequired',
    );
    expect((await app.fail('meetings.updateAttendance', { id: second.id, status: 'represented', proxyHolderPersonId: a!.id, organisationId: null, capacity: null, voting: true })).issues?.[0]?.key).toBe(
      'error.meetings.holderSelf',
    );

    // One proxy per holder by default.
    await app.call('meetings.updateAttendance', { id: second.id, status: 'represented', proxyHolderPersonId: holder!.id, organisationId: second.organisationId, capacity: null, voting: true });
    const capped = await app.fail('meetings.updateAttendance', { id: third.id, status: 'represented', proxyHolderPersonId: holder!.id, organisationId: null, capacity: null, voting: true });
    expect(capped.issues?.[0]).toMatchObject({ path: 'proxyHolderPersonId', key: 'error.meetings.proxyCap', params: { name: 'Prénom1 Nom1', max: 1 } });
    expect((await attendanceOf(ag.id, b!.id)).status).toBe('excused');
    await app.call('meetings.saveKindSettings', { kind: 'general_assembly', quorumBase: 'member_organisations', quorumPercent: 50, proxiesPerHolder: 2 });
    await app.call('meetings.updateAttendance', { id: third.id, status: 'represented', proxyHolderPersonId: holder!.id, organisationId: null, capacity: null, voting: true });

    // The holder cannot leave, nor be removed, while holding proxies.
    const holderRow = await attendanceOf(ag.id, holder!.id);
    const leaving = await app.fail('meetings.updateAttendance', { id: holderRow.id, status: 'absent', proxyHolderPersonId: null, organisationId: null, capacity: null, voting: true });
    expect(leaving.issues?.[0]).toMatchObject({ path: 'status', key: 'error.meetings.holdsProxies', params: { count: 2 } });
    expect((await app.fail('meetings.removeAttendee', { id: holderRow.id })).key).toBe('error.meetings.removeHolder');
    expect(await counts()).toEqual(before);
  });

  it('numbers decisions per year on creation and never gives a number twice', async () => {
    const ag = await meeting('general_assembly', '2026-06-14');
    await attend(ag.id, ['present', 'present', 'present', 'excused']);
    const item = await app.call('meetings.addAgendaItem', { meetingId: ag.id, title: 'Rapport moral', presenterPersonId: null, plannedMinutes: 30 });
    const d1 = await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Le rapport moral est approuvé.', voteMode: 'vote', votesFor: 3, votesAgainst: 0, votesAbstain: 0 });
    const d2 = await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Élection du conseil d’administration', voteMode: 'consensus' });
    expect([d1.reference, d2.reference]).toEqual(['2026-01', '2026-02']);
    expect(d2).toMatchObject({ votesFor: null, votesAgainst: null, votesAbstain: null, adopted: true });
    await app.call('meetings.removeDecision', { id: d2.id });
    const d3 = await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Cotisations inchangées', voteMode: 'vote', votesFor: 1, votesAgainst: 2, votesAbstain: 0 });
    expect(d3.reference).toBe('2026-03');
    expect(d3.adopted).toBe(false);

    const next = await meeting('coordination', '2027-01-14');
    const nextItem = await app.call('meetings.addAgendaItem', { meetingId: next.id, title: 'Calendrier', presenterPersonId: null, plannedMinutes: null });
    expect((await app.call('meetings.addDecision', { agendaItemId: nextItem.id, text: 'Calendrier adopté', voteMode: 'consensus' })).reference).toBe('2027-01');

    // A meeting with numbered decisions keeps its year.
    const moved = await app.fail('meetings.update', { id: ag.id, kind: 'general_assembly', title: 'AG', date: '2027-06-14' });
    expect(moved.issues?.[0]).toMatchObject({ path: 'date', key: 'error.meetings.dateYearHasDecisions' });
  });

  it('refuses votes beyond the voters present and represented, writing nothing', async () => {
    const ag = await meeting();
    await attend(ag.id, ['present', 'present', 'excused', 'absent']);
    const item = await app.call('meetings.addAgendaItem', { meetingId: ag.id, title: 'Budget', presenterPersonId: null, plannedMinutes: null });
    const error = await app.fail('meetings.addDecision', { agendaItemId: item.id, text: 'Budget adopté', voteMode: 'vote', votesFor: 2, votesAgainst: 0, votesAbstain: 1 });
    expect(error.issues?.[0]).toMatchObject({ path: 'votesFor', key: 'error.meetings.votesExceedVoters', params: { votes: 3, voters: 2 } });
    expect(error.message).toContain('Les voix exprimées (3) dépassent le nombre de votants présents ou représentés (2)');
    expect((await app.fail('meetings.addDecision', { agendaItemId: item.id, text: 'x', voteMode: 'vote' })).issues?.[0]).toMatchObject({ path: 'votesFor', key: 'error.meetings.votesRequired' });
    expect(await app.count('decisions')).toBe(0);
    expect(await app.count('decision_counters')).toBe(0);
    const ok = await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Budget adopté', voteMode: 'vote', votesFor: 2, votesAgainst: 0, votesAbstain: 0 });
    expect((await app.fail('meetings.updateDecision', { id: ok.id, text: 'Budget adopté', voteMode: 'vote', votesFor: 3, votesAgainst: 0, votesAbstain: 0 })).issues?.[0]?.key).toBe(
      'error.meetings.votesExceedVoters',
    );
  });

  it('finds decisions in the register ignoring accents and case, by year and by kind', async () => {
    const ag = await meeting('general_assembly', '2026-06-14', 'AG 2026');
    const item = await app.call('meetings.addAgendaItem', { meetingId: ag.id, title: 'Élections', presenterPersonId: null, plannedMinutes: null });
    await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Élection du conseil d’administration', voteMode: 'consensus' });
    await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Adhésion à la fédération régionale', voteMode: 'consensus' });
    const coordination = await meeting('coordination', '2027-02-04', 'Coordination');
    const item2 = await app.call('meetings.addAgendaItem', { meetingId: coordination.id, title: 'Textile', presenterPersonId: null, plannedMinutes: null });
    await app.call('meetings.addDecision', { agendaItemId: item2.id, text: 'Étude de la filière textile', voteMode: 'consensus' });

    const texts = async (q: Record<string, unknown>) => (await app.call('meetings.decisions', q)).items.map((d) => d.reference);
    expect(await texts({ search: 'ELECTION' })).toEqual(['2026-01']);
    expect(await texts({ search: 'etude filiere' })).toEqual(['2027-01']);
    expect(await texts({ search: '2026-02' })).toEqual(['2026-02']);
    expect(await texts({ year: 2026 })).toEqual(['2026-02', '2026-01']);
    expect(await texts({ kind: 'coordination' })).toEqual(['2027-01']);
    // Words and a kind together: the words found by the index, kept to that kind's meetings.
    expect(await texts({ search: 'federation regionale', kind: 'general_assembly' })).toEqual(['2026-02']);
    expect(await texts({ search: 'etude', kind: 'general_assembly' })).toEqual([]);
    expect(await texts({ search: 'etude', kind: 'coordination', year: 2027 })).toEqual(['2027-01']);
    expect(await texts({ search: '%' })).toEqual([]);
    const register = await app.call('meetings.decisions', {});
    expect(register).toMatchObject({ total: 3, years: [2027, 2026] });
    expect(register.items[0]).toMatchObject({ meetingTitle: 'Coordination', meetingKind: 'coordination', itemTitle: 'Textile' });
  });

  it('lists the open actions of earlier meetings of the series for follow-up, and carries them over', async () => {
    const m1 = await meeting('coordination', '2026-03-12', 'Coordination de mars');
    const item = await app.call('meetings.addAgendaItem', { meetingId: m1.id, title: 'Textile', presenterPersonId: null, plannedMinutes: null });
    const owner = { ownerPersonId: net.staff.id };
    const done = await app.call('meetings.addAction', { meetingId: m1.id, agendaItemId: item.id, text: 'Recenser les volumes', ...owner, dueDate: '2026-04-30' });
    const carried = await app.call('meetings.addAction', { meetingId: m1.id, agendaItemId: item.id, text: 'Rédiger le cahier des charges', ownerOrganisationId: net.organisations[2]!.id, dueDate: '2026-03-01' });
    const dropped = await app.call('meetings.addAction', { meetingId: m1.id, agendaItemId: null, text: 'Visiter l’opérateur', ...owner, dueDate: null });
    expect(carried.ownerLabel).toBe('Ressourcerie n° 3');
    const noOwner = await app.fail('meetings.addAction', { meetingId: m1.id, agendaItemId: null, text: 'Sans responsable' });
    expect(noOwner.issues?.[0]).toMatchObject({ path: 'ownerPersonId', key: 'error.meetings.ownerRequired' });

    // Another series does not see them.
    const board = await meeting('board', '2026-05-01');
    expect((await app.call('meetings.get', { id: board.id })).followUps).toEqual([]);

    const m2 = await meeting('coordination', '2026-06-11', 'Coordination de juin');
    let detail = await app.call('meetings.get', { id: m2.id });
    expect(detail.followUps.map((f) => [f.action.text, f.outcome])).toEqual([
      ['Recenser les volumes', null],
      ['Rédiger le cahier des charges', null],
      ['Visiter l’opérateur', null],
    ]);
    await app.call('meetings.recordFollowUp', { meetingId: m2.id, actionId: done.id, outcome: 'done' });
    await app.call('meetings.recordFollowUp', { meetingId: m2.id, actionId: carried.id, outcome: 'carried_over', newDueDate: '2026-09-30', note: 'Attente des chiffres' });
    await app.call('meetings.recordFollowUp', { meetingId: m2.id, actionId: dropped.id, outcome: 'dropped' });
    detail = await app.call('meetings.get', { id: m2.id });
    expect(detail.followUps.map((f) => f.outcome)).toEqual(['done', 'carried_over', 'dropped']);
    await app.call('meetings.addAction', { meetingId: m2.id, agendaItemId: null, text: 'Préparer la SERD', ...owner, dueDate: '2026-10-15' });

    // The next meeting sees only what is still open, with its new due date; the original row is untouched.
    const m3 = await meeting('coordination', '2026-10-08', 'Coordination d’octobre');
    detail = await app.call('meetings.get', { id: m3.id });
    expect(detail.followUps.map((f) => [f.action.text, f.dueDate, f.fromMeetingTitle])).toEqual([
      ['Rédiger le cahier des charges', '2026-09-30', 'Coordination de mars'],
      ['Préparer la SERD', '2026-10-15', 'Coordination de juin'],
    ]);
    expect(detail.followUps[0]!.action.dueDate).toBe('2026-03-01');

    // Across meetings: overdue first (today is 12 March 2026 in tests).
    const open = await app.call('meetings.openActions', {});
    expect(open.items.map((a) => [a.text, a.currentDueDate, a.overdue, a.carriedOver])).toEqual([
      ['Rédiger le cahier des charges', '2026-09-30', false, 1],
      ['Préparer la SERD', '2026-10-15', false, 0],
    ]);
    expect((await app.call('meetings.openActions', { ownerOrganisationId: net.organisations[2]!.id })).items).toHaveLength(1);
    expect((await app.fail('meetings.recordFollowUp', { meetingId: m3.id, actionId: done.id, outcome: 'done' })).issues?.[0]?.key).toBe('error.meetings.notForFollowUp');
    expect((await app.fail('meetings.removeAction', { id: carried.id })).key).toBe('error.meetings.actionFollowedUp');
  });

  it('puts unapproved minutes of the previous meeting on the next agenda, approves them and locks them', async () => {
    const m1 = await meeting('coordination', '2026-03-12', 'Coordination de mars');
    expect((await app.call('meetings.get', { id: m1.id })).agenda).toEqual([]);
    const m2 = await meeting('coordination', '2026-06-11', 'Coordination de juin');
    const detail = await app.call('meetings.get', { id: m2.id });
    expect(detail.agenda.map((i) => [i.position, i.title, i.approvesMeeting?.id])).toEqual([[1, 'Approbation du compte rendu de la réunion du 12 mars 2026', m1.id]]);
    expect(detail.previous?.id).toBe(m1.id);
    expect(detail.pendingApprovals).toEqual([]);

    expect((await app.fail('meetings.approveMinutes', { meetingId: m1.id, approvedByMeetingId: m2.id })).key).toBe('error.meetings.approveDraft');
    await app.call('meetings.finalize', { id: m1.id });
    expect((await app.fail('meetings.addAgendaItem', { meetingId: m1.id, title: 'Oubli', presenterPersonId: null, plannedMinutes: null })).key).toBe('error.meetings.finalized');
    await app.call('meetings.reopen', { id: m1.id });
    await app.call('meetings.addAgendaItem', { meetingId: m1.id, title: 'Oubli', presenterPersonId: null, plannedMinutes: null });
    await app.call('meetings.finalize', { id: m1.id });
    expect((await app.fail('meetings.approveMinutes', { meetingId: m2.id, approvedByMeetingId: m1.id })).key).toBe('error.meetings.approveDraft');

    const approved = await app.call('meetings.approveMinutes', { meetingId: m1.id, approvedByMeetingId: m2.id });
    expect(approved.status).toBe('approved');
    expect(approved.approval).toMatchObject({ approvedByMeetingId: m2.id, approvedOn: '2026-06-11', approvedByTitle: 'Coordination de juin' });
    const after = await app.call('meetings.get', { id: m2.id });
    expect(after.agenda[0]!.approvesMeeting).toMatchObject({ approvedHere: true, status: 'approved' });
    expect(after.approvals.map((a) => a.id)).toEqual([m1.id]);
    expect((await app.call('meetings.get', { id: m1.id })).next?.id).toBe(m2.id);
    // The approving meeting cannot go away.
    expect((await app.fail('meetings.delete', { id: m2.id })).key).toBe('error.meetings.deleteApprover');
  });

  it('refuses every write to approved minutes, through every write method, and accepts a dated erratum', async () => {
    const m1 = await meeting('coordination', '2026-03-12', 'Coordination de mars');
    const detail1 = await attend(m1.id, ['present', 'present', 'excused', 'absent']);
    const item = await app.call('meetings.addAgendaItem', { meetingId: m1.id, title: 'Textile', presenterPersonId: null, plannedMinutes: 20 });
    const item2 = await app.call('meetings.addAgendaItem', { meetingId: m1.id, title: 'Divers', presenterPersonId: null, plannedMinutes: 5 });
    const decision = await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Étude lancée', voteMode: 'consensus' });
    const action = await app.call('meetings.addAction', { meetingId: m1.id, agendaItemId: item.id, text: 'Cahier des charges', ownerPersonId: net.staff.id, dueDate: '2026-05-01' });
    // m1 follows up an action of an earlier meeting of its series.
    const m0 = await meeting('coordination', '2026-01-08', 'Coordination de janvier');
    const old = await app.call('meetings.addAction', { meetingId: m0.id, agendaItemId: null, text: 'Ancienne action', ownerPersonId: net.staff.id, dueDate: null });
    await app.call('meetings.recordFollowUp', { meetingId: m1.id, actionId: old.id, outcome: 'carried_over', newDueDate: '2026-06-30' });
    const m2 = await meeting('coordination', '2026-06-11', 'Coordination de juin');
    await app.call('meetings.finalize', { id: m1.id });
    await app.call('meetings.approveMinutes', { meetingId: m1.id, approvedByMeetingId: m2.id });

    const attendee = detail1.attendances[0]!;
    const writes: Partial<Record<MethodName, unknown>> = {
      'meetings.update': { id: m1.id, kind: 'coordination', title: 'Autre titre', date: '2026-03-12' },
      'meetings.delete': { id: m1.id },
      'meetings.inviteVotingRepresentatives': { meetingId: m1.id },
      'meetings.addAttendee': { meetingId: m1.id, personId: net.staff.id, invited: false, voting: false },
      'meetings.updateAttendance': { id: attendee.id, status: 'absent', proxyHolderPersonId: null, organisationId: null, capacity: null, voting: true },
      'meetings.removeAttendee': { id: attendee.id },
      'meetings.addAgendaItem': { meetingId: m1.id, title: 'Ajout', presenterPersonId: null, plannedMinutes: null },
      'meetings.addApprovalItem': { meetingId: m1.id, approvesMeetingId: m0.id },
      'meetings.updateAgendaItem': { id: item.id, title: 'Changé', presenterPersonId: null, plannedMinutes: null },
      'meetings.saveDiscussion': { id: item.id, discussion: 'Réécrit' },
      'meetings.removeAgendaItem': { id: item2.id },
      'meetings.reorderAgenda': { meetingId: m1.id, itemIds: [item2.id, item.id] },
      'meetings.addDecision': { agendaItemId: item.id, text: 'Ajout', voteMode: 'consensus' },
      'meetings.updateDecision': { id: decision.id, text: 'Changé', voteMode: 'consensus' },
      'meetings.removeDecision': { id: decision.id },
      'meetings.addAction': { meetingId: m1.id, agendaItemId: null, text: 'Ajout', ownerPersonId: net.staff.id },
      'meetings.updateAction': { id: action.id, agendaItemId: null, text: 'Changé', ownerPersonId: net.staff.id },
      'meetings.removeAction': { id: action.id },
      'meetings.recordFollowUp': { meetingId: m1.id, actionId: old.id, outcome: 'done' },
      'meetings.clearFollowUp': { meetingId: m1.id, actionId: old.id },
      'meetings.finalize': { id: m1.id },
      'meetings.reopen': { id: m1.id },
      'meetings.approveMinutes': { meetingId: m1.id, approvedByMeetingId: m2.id },
    };
    // Every write method of the contract is tried: a new one without a lock check fails this test.
    const reads = ['meetings.kinds', 'meetings.list', 'meetings.get', 'meetings.decisions', 'meetings.openActions', 'meetings.minutesData', 'meetings.attendanceSheetData', 'meetings.noticeData'];
    const notAboutOneMeeting = ['meetings.saveKindSettings', 'meetings.create', 'meetings.addErratum'];
    const writeMethods = METHOD_NAMES.filter((m) => m.startsWith('meetings.') && !reads.includes(m) && !notAboutOneMeeting.includes(m));
    expect(Object.keys(writes).sort()).toEqual([...writeMethods].sort());

    const before = await counts();
    const snapshot = JSON.stringify(await app.call('meetings.get', { id: m1.id }));
    for (const [method, input] of Object.entries(writes)) {
      const error = await app.fail(method as MethodName, input as Record<string, unknown>);
      expect([method, error.code, error.key]).toEqual([method, 'LOCKED', 'error.meetings.locked']);
    }
    expect(await counts()).toEqual(before);
    expect(JSON.stringify(await app.call('meetings.get', { id: m1.id }))).toBe(snapshot);
    const error = await app.fail('meetings.saveDiscussion', { id: item.id, discussion: 'x' });
    expect(error.message).toBe('Ce compte rendu a été approuvé le 11 juin 2026 : il ne peut plus être modifié. Ajoutez un erratum pour le corriger.');

    // The erratum is the one write it takes, dated, and appended.
    expect((await app.fail('meetings.addErratum', { meetingId: m2.id, date: '2026-07-01', text: 'x' })).key).toBe('error.meetings.erratumBeforeApproval');
    expect((await app.fail('meetings.addErratum', { meetingId: m1.id, date: '2026-05-01', text: 'x' })).issues?.[0]?.key).toBe('error.meetings.erratumDate');
    await app.call('meetings.addErratum', { meetingId: m1.id, date: '2026-07-01', text: 'Lire « 12 structures » au lieu de « 11 ».' });
    expect((await app.call('meetings.get', { id: m1.id })).errata.map((e) => [e.date, e.text])).toEqual([['2026-07-01', 'Lire « 12 structures » au lieu de « 11 ».']]);
  });

  it('reorders the agenda and removes items, keeping positions 1…n', async () => {
    const m = await meeting('coordination', '2026-03-12');
    const ids: number[] = [];
    for (const title of ['Accueil', 'Textile', 'SERD', 'Divers']) ids.push((await app.call('meetings.addAgendaItem', { meetingId: m.id, title, presenterPersonId: net.staff.id, plannedMinutes: 15 })).id);
    const reordered = await app.call('meetings.reorderAgenda', { meetingId: m.id, itemIds: [ids[2]!, ids[0]!, ids[1]!, ids[3]!] });
    expect(reordered.items.map((i) => [i.position, i.title])).toEqual([
      [1, 'SERD'],
      [2, 'Accueil'],
      [3, 'Textile'],
      [4, 'Divers'],
    ]);
    expect((await app.fail('meetings.reorderAgenda', { meetingId: m.id, itemIds: [ids[0]!, ids[1]!] })).issues?.[0]?.key).toBe('error.meetings.reorderMismatch');
    await app.call('meetings.removeAgendaItem', { id: ids[0]! });
    expect((await app.call('meetings.get', { id: m.id })).agenda.map((i) => [i.position, i.title])).toEqual([
      [1, 'SERD'],
      [2, 'Textile'],
      [3, 'Divers'],
    ]);
    await app.call('meetings.addDecision', { agendaItemId: ids[1]!, text: 'Étude', voteMode: 'consensus' });
    expect((await app.fail('meetings.removeAgendaItem', { id: ids[1]! })).key).toBe('error.meetings.itemNotEmpty');
  });

  it('deletes a draft meeting with all it holds, unless another meeting refers to it', async () => {
    const m1 = await meeting('coordination', '2026-03-12');
    await attend(m1.id, ['present']);
    const item = await app.call('meetings.addAgendaItem', { meetingId: m1.id, title: 'Textile', presenterPersonId: null, plannedMinutes: null });
    await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Étude', voteMode: 'consensus' });
    const m2 = await meeting('coordination', '2026-06-11');
    expect((await app.fail('meetings.delete', { id: m1.id })).key).toBe('error.meetings.deleteReferenced');
    await app.call('meetings.delete', { id: m2.id });
    await app.call('meetings.delete', { id: m1.id });
    expect(await counts()).toMatchObject({ meetings: 0, attendances: 0, agenda_items: 0, decisions: 0, decision_counters: 1 });
  });

  it('lists meetings per kind and year with their status', async () => {
    await meeting('coordination', '2026-03-12', 'A');
    const b = await meeting('general_assembly', '2026-06-14', 'B');
    await meeting('coordination', '2027-03-11', 'C');
    await app.call('meetings.finalize', { id: b.id });
    const list = await app.call('meetings.list', {});
    expect(list.items.map((m) => [m.title, m.status])).toEqual([
      ['C', 'draft'],
      ['B', 'finalized'],
      ['A', 'draft'],
    ]);
    expect(list.years).toEqual([2027, 2026]);
    expect((await app.call('meetings.list', { kind: 'coordination', year: 2026 })).items.map((m) => m.title)).toEqual(['A']);
    expect(list.items[0]!.hostOrganisationName).toBe('Ressourcerie n° 1');
  });
});

describe('discussion markup', () => {
  it('parses paragraphs, bullet lists, bold and italic, leaving unmatched markers as typed', () => {
    expect(parseMarkup('Premier **point** et *nuance*.\nSuite.\n\n- un\n- **deux**\nFin 2 * 3')).toEqual([
      {
        type: 'paragraph',
        lines: [
          [
            { text: 'Premier ', bold: false, italic: false },
            { text: 'point', bold: true, italic: false },
            { text: ' et ', bold: false, italic: false },
            { text: 'nuance', bold: false, italic: true },
            { text: '.', bold: false, italic: false },
          ],
          [{ text: 'Suite.', bold: false, italic: false }],
        ],
      },
      {
        type: 'bullets',
        items: [[{ text: 'un', bold: false, italic: false }], [{ text: 'deux', bold: true, italic: false }]],
      },
      { type: 'paragraph', lines: [[{ text: 'Fin 2 * 3', bold: false, italic: false }]] },
    ]);
    expect(parseMarkup('<script>alert(1)</script>')).toEqual([{ type: 'paragraph', lines: [[{ text: '<script>alert(1)</script>', bold: false, italic: false }]] }]);
  });
});
