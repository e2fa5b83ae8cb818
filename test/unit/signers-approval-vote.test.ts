import { Packer, type Document } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAttendanceSheet } from '../../shared/documents/meetings/attendance-sheet';
import { buildMinutes } from '../../shared/documents/meetings/minutes';
import { receiptDocument } from '../../shared/documents/memberships/receipt';
import { plain, readDocx } from '../helpers/docx';
import { seedNetwork } from '../helpers/meetings';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;

const pack = async (doc: Document) => readDocx(new Uint8Array(await Packer.toBuffer(doc)));
const signatureRow = (content: Awaited<ReturnType<typeof pack>>) => plain(content.tables[content.tables.length - 1]![0]!.join(' | '));

beforeEach(async () => {
  app = await openTestApp();
  // Three member organisations whose representatives vote.
  await seedNetwork(app, 3);
});
afterEach(async () => {
  await app.close();
});

describe('civility', () => {
  it('is kept with the person, cleared by the form when not said, and refused when unknown', async () => {
    const anne = await app.call('people.create', { civility: 'madame', firstName: 'Anne', lastName: 'Brousse' });
    expect(anne.civility).toBe('madame');
    const cleared = await app.call('people.update', { id: anne.id, version: anne.version, civility: '' as never, firstName: 'Anne', lastName: 'Brousse' });
    expect(cleared.civility).toBeNull();
    await expect(app.call('people.create', { civility: 'docteur' as never, firstName: 'X', lastName: 'Y' })).rejects.toThrow(/VALIDATION civility/);
  });

  it('signs the minutes and the attendance sheet « La présidente de séance » and « Le secrétaire de séance »', async () => {
    const chair = await app.call('people.create', { civility: 'madame', firstName: 'Anne', lastName: 'Brousse' });
    const secretary = await app.call('people.create', { civility: 'monsieur', firstName: 'Rémi', lastName: 'Peyrat' });
    const meeting = await app.call('meetings.create', { kind: 'board', title: 'CA de juin', date: '2026-06-14', chairPersonId: chair.id, secretaryPersonId: secretary.id });
    const minutes = await pack(buildMinutes(await app.call('meetings.minutesData', { id: meeting.id })));
    expect(signatureRow(minutes)).toMatch(/La présidente de séance\nAnne Brousse[\s\S]*Le secrétaire de séance\nRémi Peyrat/);
    const sheet = await pack(buildAttendanceSheet(await app.call('meetings.attendanceSheetData', { id: meeting.id })));
    expect(signatureRow(sheet)).toMatch(/La présidente de séance[\s\S]*Le secrétaire de séance/);
  });

  it('names the officers elected with their title agreed: « Est élue : Anne Brousse (présidente) »', async () => {
    const anne = await app.call('people.create', { civility: 'madame', firstName: 'Anne', lastName: 'Brousse' });
    const meeting = await app.call('meetings.create', { kind: 'board', title: 'CA d’installation', date: '2026-06-14' });
    const item = await app.call('meetings.addAgendaItem', { meetingId: meeting.id, title: 'Élection de la présidence' });
    await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Le conseil élit sa présidente.', voteMode: 'consensus' });
    await app.call('people.addOffice', { personId: anne.id, office: 'president', startDate: '2026-06-14' });
    let text = (await pack(buildMinutes(await app.call('meetings.minutesData', { id: meeting.id })))).paragraphs.map(plain);
    expect(text).toContain('Est élue : Anne Brousse (présidente).');

    const remi = await app.call('people.create', { civility: 'monsieur', firstName: 'Rémi', lastName: 'Peyrat' });
    await app.call('people.addOffice', { personId: remi.id, office: 'treasurer', startDate: '2026-06-14' });
    text = (await pack(buildMinutes(await app.call('meetings.minutesData', { id: meeting.id })))).paragraphs.map(plain);
    expect(text).toContain('Sont élus : Anne Brousse (présidente) et Rémi Peyrat (trésorier).');
  });

  it('signs a membership receipt « La trésorière » when the treasurer is a woman and nobody presides', async () => {
    const claire = await app.call('people.create', { civility: 'madame', firstName: 'Claire', lastName: 'Faure' });
    await app.call('people.addOffice', { personId: claire.id, office: 'treasurer', startDate: '2020-01-01' });
    const org = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie du Pont', postcode: '87120', city: 'Eymoutiers' });
    const membership = await app.call('memberships.save', {
      organisationId: org.id,
      year: 2026,
      feeDueCents: 5000,
      amountPaidCents: 5000,
      paidOn: '2026-03-01',
      paymentMethod: 'transfer',
    });
    const receipt = await app.call('memberships.documents.receipt', { id: membership.id });
    expect(signatureRow(await pack(receiptDocument(receipt)))).toMatch(/^La trésorière\nClaire Faure/);
  });
});

describe('the vote approving earlier minutes', () => {
  async function twoMeetings() {
    const first = await app.call('meetings.create', { kind: 'board', title: 'CA de mars', date: '2026-03-10' });
    await app.call('meetings.finalize', { id: first.id });
    const second = await app.call('meetings.create', { kind: 'board', title: 'CA de juin', date: '2026-06-14' });
    await app.call('meetings.inviteVotingRepresentatives', { meetingId: second.id });
    const detail = await app.call('meetings.get', { id: second.id });
    for (const a of detail.attendances) {
      await app.call('meetings.updateAttendance', { id: a.id, status: 'present', proxyHolderPersonId: null, organisationId: a.organisationId, capacity: a.capacity, voting: true });
    }
    return { first, second };
  }
  const approvalText = async (meetingId: number) =>
    (await pack(buildMinutes(await app.call('meetings.minutesData', { id: meetingId })))).paragraphs.map(plain).find((p) => p.startsWith('Le compte rendu de la réunion du'));

  it('is printed in the approving meeting’s minutes: unanimity, or the votes', async () => {
    const { first, second } = await twoMeetings();
    await app.call('meetings.approveMinutes', { meetingId: first.id, approvedByMeetingId: second.id, voteMode: 'vote', votesFor: 2, votesAgainst: 0, votesAbstain: 1 });
    expect(await approvalText(second.id)).toBe('Le compte rendu de la réunion du 10 mars 2026 (« CA de mars ») est approuvé : pour 2, contre 0, 1 abstention.');
    const item = (await app.call('meetings.get', { id: second.id })).agenda.find((i) => i.approvesMeeting)!;
    expect(item.approvesMeeting!.vote).toEqual({ voteMode: 'vote', votesFor: 2, votesAgainst: 0, votesAbstain: 1 });
  });

  it('says « à l’unanimité des 3 voix exprimées » when nobody votes against or abstains', async () => {
    const { first, second } = await twoMeetings();
    await app.call('meetings.approveMinutes', { meetingId: first.id, approvedByMeetingId: second.id, voteMode: 'vote', votesFor: 3, votesAgainst: 0, votesAbstain: 0 });
    expect(await approvalText(second.id)).toBe('Le compte rendu de la réunion du 10 mars 2026 (« CA de mars ») est approuvé à l’unanimité des 3 voix exprimées.');
  });

  it('refuses more votes than voters, and minutes that are not adopted, writing nothing', async () => {
    const { first, second } = await twoMeetings();
    await expect(
      app.call('meetings.approveMinutes', { meetingId: first.id, approvedByMeetingId: second.id, voteMode: 'vote', votesFor: 4, votesAgainst: 0, votesAbstain: 0 }),
    ).rejects.toThrow(/VALIDATION votesFor : Les voix exprimées \(4\) dépassent/);
    await expect(
      app.call('meetings.approveMinutes', { meetingId: first.id, approvedByMeetingId: second.id, voteMode: 'vote', votesFor: 1, votesAgainst: 2, votesAbstain: 0 }),
    ).rejects.toThrow(/VALIDATION votesFor : Le compte rendu ne peut pas être approuvé/);
    expect((await app.call('meetings.get', { id: first.id })).meeting.status).toBe('finalized');
    expect(await app.count('minutes_approvals')).toBe(0);
  });

  it('keeps a consensus as before when no vote is given', async () => {
    const { first, second } = await twoMeetings();
    await app.call('meetings.approveMinutes', { meetingId: first.id, approvedByMeetingId: second.id });
    expect(await approvalText(second.id)).toBe('Le compte rendu de la réunion du 10 mars 2026 (« CA de mars ») est approuvé par consensus, sans opposition.');
  });
});
