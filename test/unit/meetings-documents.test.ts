import { Packer } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAttendanceSheet } from '../../shared/documents/meetings/attendance-sheet';
import { meetingFileName } from '../../shared/documents/meetings/common';
import { buildIcs, foldLine } from '../../shared/documents/meetings/ics';
import { buildMinutes } from '../../shared/documents/meetings/minutes';
import { buildNotice } from '../../shared/documents/meetings/notice';
import { NBSP, NNBSP } from '../../shared/documents/typography';
import { plain, readDocx } from '../helpers/docx';
import { seedNetwork } from '../helpers/meetings';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
let net: Awaited<ReturnType<typeof seedNetwork>>;
let meetingId: number;

/** A general assembly as it happened: 4 members, one represented, one excused; two points, decisions, actions. */
beforeEach(async () => {
  app = await openTestApp();
  net = await seedNetwork(app, 4);
  await app.call('settings.update', {
    associationName: 'Réseau des ressourceries du Limousin',
    address: '2 avenue Foch',
    postcode: '87120',
    city: 'Eymoutiers',
    email: 'contact@ressourceries-limousin.example',
    logoDataUrl: null,
    etpHours: 1607,
    defaultHourlyValueCents: 2000,
    financialYearStartMonth: 1,
    defaultFeeCents: 5000,
  });
  const m = await app.call('meetings.create', {
    kind: 'general_assembly',
    title: 'Assemblée générale ordinaire',
    date: '2026-06-14',
    startTime: '14:00',
    endTime: '17:30',
    hostOrganisationId: net.organisations[0]!.id,
    convenedOn: '2026-05-20',
    convenedByPersonId: net.staff.id,
    convenedHow: 'email_and_post',
    chairPersonId: net.representatives[0]!.id,
    secretaryPersonId: net.staff.id,
  });
  meetingId = m.id;
  await app.call('meetings.inviteVotingRepresentatives', { meetingId });
  await app.call('meetings.addAttendee', { meetingId, personId: net.staff.id, invited: true, voting: false, status: 'present' });
  const detail = await app.call('meetings.get', { id: meetingId });
  const row = (i: number) => detail.attendances.find((a) => a.personId === net.representatives[i]!.id)!;
  const set = (i: number, status: 'present' | 'excused' | 'represented', holder: number | null = null) =>
    app.call('meetings.updateAttendance', { id: row(i).id, status, proxyHolderPersonId: holder, organisationId: row(i).organisationId, capacity: row(i).capacity, voting: true });
  await set(0, 'present');
  await set(1, 'present');
  await set(2, 'represented', net.representatives[0]!.id);
  await set(3, 'excused');
  const moral = await app.call('meetings.addAgendaItem', { meetingId, title: 'Rapport moral', presenterPersonId: net.representatives[0]!.id, plannedMinutes: 30 });
  const budget = await app.call('meetings.addAgendaItem', { meetingId, title: 'Budget: cotisations', presenterPersonId: null, plannedMinutes: 20 });
  await app.call('meetings.saveDiscussion', { id: moral.id, discussion: 'La présidente présente le "rapport moral".\n\n- **quinze** structures\n- une *nouvelle* adhérente' });
  await app.call('meetings.addDecision', { agendaItemId: moral.id, text: 'Le rapport moral est approuvé.', voteMode: 'vote', votesFor: 2, votesAgainst: 0, votesAbstain: 1 });
  await app.call('meetings.addDecision', { agendaItemId: budget.id, text: 'Les cotisations sont maintenues.', voteMode: 'consensus' });
  await app.call('meetings.addAction', { meetingId, agendaItemId: budget.id, text: 'Envoyer les appels de cotisation', ownerPersonId: net.staff.id, dueDate: '2026-07-01' });
});
afterEach(async () => {
  await app.close();
});

const pack = async (doc: Parameters<typeof Packer.toBuffer>[0]) => readDocx(await Packer.toBuffer(doc));

describe('minutes', () => {
  it('reads back with headings, attendance tables, quorum, decisions with votes, actions, signatures and page numbers', async () => {
    const content = await pack(buildMinutes(await app.call('meetings.minutesData', { id: meetingId })));
    const headings = content.headings.map((h) => [h.level, plain(h.text)]);
    expect(headings.slice(0, 3)).toEqual([
      [0, 'Procès-verbal de l’assemblée générale'],
      [1, 'Présences'],
      [2, 'Présents (3)'],
    ]);
    expect(headings).toEqual(
      expect.arrayContaining([
        [2, 'Représentés (1)'],
        [2, 'Excusés (1)'],
        [2, 'Quorum'],
        [1, 'Ordre du jour'],
        [1, 'Déroulement de la réunion'],
        [2, '1. Rapport moral'],
        [2, '2. Budget : cotisations'],
        [1, 'Relevé des actions'],
      ]),
    );
    const text = content.paragraphs.map(plain);
    expect(text).toContain('Date : dimanche 14 juin 2026, de 14 h à 17 h 30');
    expect(text).toContain('Convocation : envoyée le 20 mai 2026 par Chloé Coordinatrice, par courriel et par courrier');
    expect(text).toContain('Présidence de séance : Prénom1 Nom1');
    expect(text).toContain(
      'Le quorum est atteint : 3 structures adhérentes sur 4 sont présentes ou représentées (il en faut au moins 2, soit 50 %).',
    );
    // Each decision is one framed paragraph: number, text, vote, on three lines.
    expect(text).toContain('Décision n° 2026-01Le rapport moral est approuvé.Adoptée : 2 voix pour, 0 contre, 1 abstention.');
    expect(text).toContain('Décision n° 2026-02Les cotisations sont maintenues.Adoptée par consensus.');
    // n° is followed by a non-breaking space, so the number never starts a line on its own.
    expect(content.xml).toMatch(/Décision n°\u00A02026-01<\/w:t><\/w:r><w:r><w:br\/>/);
    expect(text).toContain('quinze structures');
    expect(content.xml).toMatch(/<w:b\/>[\s\S]{0,200}quinze/);

    // Attendance: a table with a header row repeated on each page, grouped by status, with organisations and holders.
    const [present, represented] = content.tables;
    expect(content.repeatedHeaderRows[0]).toBe(1);
    expect(present![0]).toEqual(['Nom', 'Structure', 'Qualité']);
    expect(present!.slice(1).map((r) => r[0])).toEqual(['Chloé Coordinatrice', 'Prénom1 Nom1', 'Prénom2 Nom2']);
    expect(present![1]![2]).toBe('Coordinatrice du réseau — sans voix délibérative');
    expect(represented!.map((r) => r.map(plain))).toEqual([
      ['Nom', 'Structure', 'Pouvoir donné à'],
      ['Prénom3 Nom3', 'Ressourcerie n° 3', 'Prénom1 Nom1'],
    ]);
    expect(text).toContain('Prénom4 Nom4 (Ressourcerie n° 4)');
    const actions = content.tables.find((t) => t[0]![0] === 'Qui')!;
    expect(actions).toEqual([
      ['Qui', 'Quoi', 'Pour quand'],
      ['Chloé Coordinatrice', 'Envoyer les appels de cotisation', '1er juillet 2026'],
    ]);
    const signatures = content.tables[content.tables.length - 1]!;
    expect(plain(signatures[0]!.join(' '))).toMatch(/Présidence de séance\nPrénom1 Nom1[\s\S]*Secrétariat de séance\nChloé Coordinatrice/);

    // Page X / Y, a draft marked as such, French typography.
    expect(content.footers.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
    expect(content.headers.join('')).toContain('PROJET');
    expect(content.paragraphs).toContain(`Instance${NBSP}: Assemblée générale`);
    expect(content.paragraphs.some((p) => p.includes(`«${NNBSP}rapport moral${NNBSP}»`))).toBe(true);
    expect(content.headings.some((h) => h.text === `2. Budget${NBSP}: cotisations`)).toBe(true);
  });

  it('is no longer a draft once finalized, and says when and by whom it was approved', async () => {
    await app.call('meetings.finalize', { id: meetingId });
    const next = await app.call('meetings.create', { kind: 'general_assembly', title: 'AG 2027', date: '2027-06-13', startTime: '10:00', hostOrganisationId: net.organisations[1]!.id });
    let content = await pack(buildMinutes(await app.call('meetings.minutesData', { id: meetingId })));
    expect(content.headers.join('')).not.toContain('PROJET');
    expect(content.paragraphs.map(plain)).toContain(
      'La prochaine réunion (« AG 2027 ») aura lieu le dimanche 13 juin 2027, à partir de 10 h, Ressourcerie n° 2, 2 rue du Pont, 87120 Eymoutiers.',
    );
    await app.call('meetings.approveMinutes', { meetingId, approvedByMeetingId: next.id });
    await app.call('meetings.addErratum', { meetingId, date: '2027-07-01', text: 'Lire 3 voix pour.' });
    content = await pack(buildMinutes(await app.call('meetings.minutesData', { id: meetingId })));
    const text = content.paragraphs.map(plain);
    expect(text).toContain('Approbation : compte rendu approuvé le 13 juin 2027 (« AG 2027 »)');
    expect(text).toContain('1er juillet 2027 : Lire 3 voix pour.');
    const following = await pack(buildMinutes(await app.call('meetings.minutesData', { id: next.id })));
    expect(following.paragraphs.map(plain)).toContain('Le compte rendu de la réunion du 14 juin 2026 (« Assemblée générale ordinaire ») est approuvé par consensus, sans opposition.');
  });
});

describe('attendance sheet', () => {
  it('has one row per invitee with a box tall enough to sign, room for walk-ins, and the proxies', async () => {
    const content = await pack(buildAttendanceSheet(await app.call('meetings.attendanceSheetData', { id: meetingId })));
    expect(content.headings.map((h) => plain(h.text))).toEqual(['Feuille d’émargement', 'Participants', 'Pouvoirs']);
    const [sheet, proxies] = content.tables;
    expect(sheet![0]).toEqual(['Nom et prénom', 'Structure', 'Qualité', 'Signature']);
    expect(content.repeatedHeaderRows.slice(0, 2)).toEqual([1, 1]);
    const rows = sheet!.slice(1).filter((r) => r[0] !== '');
    expect(rows.map((r) => r[0])).toEqual(['COORDINATRICE Chloé', 'NOM1 Prénom1', 'NOM2 Prénom2', 'NOM3 Prénom3', 'NOM4 Prénom4']);
    expect(rows[3]![3]).toBe('Représenté·e par Prénom1 Nom1 (pouvoir)');
    expect(rows[4]![3]).toBe('Excusé·e');
    expect(sheet!.length - 1 - rows.length).toBe(4);
    expect(content.xml).toMatch(/<w:trHeight w:val="740" w:hRule="atLeast"\/>/);
    expect(proxies![1]!.slice(0, 3).map(plain)).toEqual(['Prénom3 Nom3', 'Ressourcerie n° 3', 'Prénom1 Nom1']);
    expect(content.footers.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });
});

describe('notice of meeting', () => {
  it('gives date, place, the agenda, how to send a proxy, and a proxy form on its own page', async () => {
    const data = await app.call('meetings.noticeData', { id: meetingId });
    const content = await pack(buildNotice(data));
    expect(content.headings.map((h) => plain(h.text))).toEqual(['Convocation', 'Ordre du jour', 'Si vous ne pouvez pas venir', 'Pouvoir']);
    const text = content.paragraphs.map(plain);
    expect(text).toContain('Eymoutiers, le 20 mai 2026');
    expect(text).toContain('Lieu : Ressourcerie n° 1, 1 rue du Pont, 87120 Eymoutiers');
    expect(text).toContain('Rapport moral (présenté par Prénom1 Nom1, 30 min)');
    expect(text.some((p) => p.includes('au plus 1 pouvoir'))).toBe(true);
    expect(text).toContain('La réunion ne pourra délibérer valablement que si au moins 50 % des structures adhérentes sont présentes ou représentées.');
    expect(content.xml).toContain('<w:pageBreakBefore/>');
    expect(content.xml).toMatch(/<w:numPr>/);
    expect(meetingFileName('notice', data.meeting)).toBe('convocation-ag-2026-06-14.docx');
    expect(meetingFileName('calendar', data.meeting)).toBe('convocation-ag-2026-06-14.ics');
  });

  it('comes with an iCalendar file: CRLF, folded lines, Europe/Paris times and a UID that survives edits', async () => {
    const data = await app.call('meetings.noticeData', { id: meetingId });
    const ics = buildIcs(data);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n');
    expect(unfolded).toContain('TZID:Europe/Paris');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Paris:20260614T140000\r\n');
    expect(unfolded).toContain('DTEND;TZID=Europe/Paris:20260614T173000\r\n');
    expect(unfolded).toContain('SUMMARY:Assemblée générale ordinaire\r\n');
    expect(unfolded).toContain('LOCATION:Ressourcerie n° 1\\, 1 rue du Pont\\, 87120 Eymoutiers\r\n');
    expect(unfolded).toMatch(/DESCRIPTION:Réseau des ressourceries du Limousin\\n\\nOrdre du jour :\\n1\. Rapport moral\\n2\. Budget: cotisations/);
    const uid = /UID:(\S+)\r\n/.exec(unfolded)![1]!;
    expect(uid).toMatch(/^maillage-meeting-\d+-\d{8}T\d{6}Z@ressourceries-limousin\.example$/);
    await app.call('meetings.update', { id: meetingId, kind: 'general_assembly', title: 'Réunion déplacée', date: '2026-06-21', startTime: '09:00' });
    const moved = buildIcs(await app.call('meetings.noticeData', { id: meetingId })).replace(/\r\n /g, '');
    expect(moved).toContain(`UID:${uid}\r\n`);
    expect(moved).toContain('SUMMARY:Assemblée générale — Réunion déplacée\r\n');
    expect(moved).toContain('DTSTART;TZID=Europe/Paris:20260621T090000\r\n');
    expect(moved).toContain('DTEND;TZID=Europe/Paris:20260621T110000\r\n');
    // Folding never cuts a character in two.
    const long = foldLine(`DESCRIPTION:${'é'.repeat(100)}`);
    for (const part of long.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(long.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(100)}`);
  });
});
