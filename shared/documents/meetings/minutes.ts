import { Paragraph, TextRun, type Document, type Table } from 'docx';
import type { MinutesData } from '../../features/meetings/documents';
import type { ActionItem, AgendaItem, Attendance, Decision, FollowUpItem } from '../../features/meetings/schemas';
import type { Language } from '../../i18n/index';
import { joinFr } from '../../format/french';
import { buildDocument, bullet, closing, heading, labelled, paragraph, signatures, table, text, title } from '../kit';
import { dateInText, kindLabel, markupParagraphs, placeText, scheduleText, timeText, toLetterhead, translator, type Translate, weekdayDate } from './common';
import { quorumStatement, voteStatement } from '../../features/meetings/statements';
import { officeNoun, sessionTitle } from '../signers';
import { customWording, type Wording } from '../wording';

/**
 * The minutes (compte rendu / procès-verbal) as a French association files them: who met, where and
 * when, on whose convocation; who was there; the quorum; each point with its discussion, decisions
 * and actions; the table of actions; the next meeting; the signatures of the chair and the secretary.
 */
export function buildMinutes(data: MinutesData, language: Language = 'fr', wording?: Wording): Document {
  const t = translator(language);
  const m = data.meeting;
  const date = (iso: string) => dateInText(iso, language);
  const children: (Paragraph | Table)[] = [];

  children.push(...title(t(`meetings.doc.minutesTitle.${m.kind}`), `${m.title} — ${weekdayDate(m.date, language)}`));

  // Who, where, when.
  children.push(labelled(t('meetings.doc.body'), kindLabel(m.kind, t)));
  const schedule = scheduleText(m, t, language);
  children.push(labelled(t('meetings.doc.date'), [weekdayDate(m.date, language), schedule].filter(Boolean).join(', ')));
  const place = placeText(m);
  if (place) children.push(labelled(t('meetings.doc.place'), place));
  if (m.convenedOn || m.convenedByName) {
    const parts = [
      m.convenedOn ? t('meetings.doc.convenedOn', { date: date(m.convenedOn) }) : null,
      m.convenedByName ? t('meetings.doc.convenedBy', { name: m.convenedByName }) : null,
      m.convenedHow ? t(`meetings.convenedHowDoc.${m.convenedHow}`) : null,
    ].filter(Boolean);
    children.push(labelled(t('meetings.doc.convened'), parts.join(' ')));
  }
  children.push(labelled(t('meetings.doc.chair'), m.chairName ?? t('meetings.doc.notRecorded')));
  children.push(labelled(t('meetings.doc.secretary'), m.secretaryName ?? t('meetings.doc.notRecorded')));
  if (m.approval) {
    children.push(labelled(t('meetings.doc.status'), t('meetings.doc.approvedOn', { date: date(m.approval.approvedOn), title: m.approval.approvedByTitle })));
  }

  // Attendance, grouped.
  children.push(heading(t('meetings.doc.attendance')));
  const group = (status: Attendance['status'] | Attendance['status'][]) =>
    data.attendances.filter((a) => (Array.isArray(status) ? status.includes(a.status) : a.status === status));
  const present = group('present');
  const represented = group('represented');
  const excused = group('excused');
  const absent = group(['absent', 'pending']).filter((a) => a.invited);
  const organisation = (a: Attendance) => a.organisationName ?? '';

  children.push(heading(t('meetings.doc.presentCount', { count: present.length }), 2));
  if (present.length) {
    children.push(
      table(
        [
          { header: t('meetings.doc.col.name'), width: 32 },
          { header: t('meetings.doc.col.organisation'), width: 40 },
          { header: t('meetings.doc.col.capacity'), width: 28 },
        ],
        present.map((a) => [a.personName, organisation(a), [a.capacity, a.voting ? null : t('meetings.doc.nonVoting')].filter(Boolean).join(' — ')]),
      ),
    );
  } else children.push(paragraph(t('docs.minutes.none')));

  children.push(heading(t('meetings.doc.representedCount', { count: represented.length }), 2));
  if (represented.length) {
    children.push(
      table(
        [
          { header: t('meetings.doc.col.name'), width: 32 },
          { header: t('meetings.doc.col.organisation'), width: 40 },
          { header: t('meetings.doc.col.holder'), width: 28 },
        ],
        represented.map((a) => [a.personName, organisation(a), a.proxyHolderName ?? '']),
      ),
    );
  } else children.push(paragraph(t('docs.minutes.none')));

  const personLine = (a: Attendance) => (a.organisationName ? `${a.personName} (${a.organisationName})` : a.personName);
  children.push(heading(t('meetings.doc.excusedCount', { count: excused.length }), 2));
  if (excused.length) children.push(...excused.map((a) => bullet(personLine(a))));
  else children.push(paragraph(t('docs.minutes.none')));
  if (absent.length) {
    children.push(heading(t('meetings.doc.absentCount', { count: absent.length }), 2));
    children.push(...absent.map((a) => bullet(personLine(a))));
  }

  children.push(heading(t('meetings.doc.quorum'), 2));
  children.push(paragraph(quorumStatement(data.quorum, m.kind, t)));

  // Agenda.
  children.push(heading(t('meetings.doc.agenda')));
  if (data.agenda.length === 0) children.push(paragraph(t('meetings.doc.noAgenda')));
  data.agenda.forEach((item, i) => children.push(paragraph([text(`${i + 1}. `, { bold: true }), text(item.title)])));

  // Earlier actions.
  if (data.followUps.length) {
    children.push(heading(t('meetings.doc.followUps')));
    children.push(
      table(
        [
          { header: t('meetings.doc.col.action'), width: 38 },
          { header: t('meetings.doc.col.owner'), width: 22 },
          { header: t('meetings.doc.col.decidedOn'), width: 16 },
          { header: t('meetings.doc.col.outcome'), width: 24 },
        ],
        data.followUps.map((f) => [f.action.text, f.action.ownerLabel, date(f.fromMeetingDate), followUpText(f, t, date)]),
      ),
    );
  }

  // Each point: discussion, decisions, actions.
  children.push(heading(t('meetings.doc.proceedings')));
  data.agenda.forEach((item, i) => {
    children.push(heading(`${i + 1}. ${item.title}`, 2));
    if (item.presenterName) children.push(paragraph([text(t('meetings.doc.presentedBy', { name: item.presenterName }), { italics: true, color: '555555' })]));
    if (item.approvesMeeting) children.push(paragraph(approvalSentence(item.approvesMeeting, t, date)));
    children.push(...markupParagraphs(item.discussion));
    for (const d of item.decisions) children.push(...decisionParagraphs(d, t));
    // The officers the meeting elected, named from the officers' records, under the election.
    if (data.electedOfficers.length && (ELECTION.test(item.title) || item.decisions.some((d) => ELECTION.test(d.text)))) children.push(paragraph(electedSentence(data.electedOfficers, t)));
    // Open actions are listed once, in the closing table of actions; the others (done, dropped) here.
    for (const a of item.actions.filter((x) => x.status !== 'open')) children.push(bullet([text(`${t('meetings.doc.actionLabel')} : `, { bold: true }), text(actionLine(a, t, date))]));
    if (!item.discussion && item.decisions.length === 0 && item.actions.length === 0 && !item.approvesMeeting) {
      children.push(paragraph([text(t('meetings.doc.nothingRecorded'), { italics: true, color: '777777' })]));
    }
  });
  const approvedWithoutItem = data.approvals.filter((a) => !data.agenda.some((i) => i.approvesMeeting?.id === a.id));
  for (const a of approvedWithoutItem) children.push(paragraph(t('meetings.doc.minutesApproved', { date: date(a.date), title: a.title })));

  // Closing table of actions: this meeting's open actions and those carried over.
  const openHere = data.agenda.flatMap((i) => i.actions).filter((a) => a.status === 'open');
  const carried = data.followUps.filter((f) => f.outcome === 'carried_over' || f.outcome === null);
  children.push(heading(t('meetings.doc.actionsTable')));
  // What comes last before the signatures is kept on their page, so that they never stand alone.
  const last = !data.next && !data.errata.length;
  if (openHere.length + carried.length === 0) children.push(paragraph(t('meetings.doc.noActions'), { keepNext: last }));
  else {
    children.push(
      table(
        [
          { header: t('meetings.doc.col.who'), width: 28 },
          { header: t('meetings.doc.col.what'), width: 52 },
          { header: t('meetings.doc.col.when'), width: 20 },
        ],
        [
          ...openHere.map((a) => [a.ownerLabel, a.text, a.dueDate ? date(a.dueDate) : t('meetings.doc.noDueDate')]),
          ...carried.map((f) => {
            const due = f.newDueDate ?? f.dueDate;
            return [f.action.ownerLabel, `${f.action.text} ${t('meetings.doc.carriedSuffix', { date: date(f.fromMeetingDate) })}`, due ? date(due) : t('meetings.doc.noDueDate')];
          }),
        ],
        { keepTogether: last && openHere.length + carried.length < 12 },
      ),
    );
  }

  // Next meeting.
  if (data.next) {
    const n = data.next;
    children.push(heading(t('meetings.doc.nextMeeting')));
    const when = [weekdayDate(n.date, language), scheduleText(n, t, language)].filter(Boolean).join(', ');
    const where = placeText(n);
    children.push(paragraph(t(where ? 'meetings.doc.nextMeetingAt' : 'meetings.doc.nextMeetingOn', { when, where, title: n.title }), { keepNext: !data.errata.length, keepLines: true }));
  }

  if (data.errata.length) {
    children.push(heading(t('meetings.doc.errata')));
    data.errata.forEach((e, i) => children.push(paragraph([text(`${date(e.date)} : `, { bold: true }), text(e.text)], { keepNext: i === data.errata.length - 1 })));
  }

  // The association's own closing, when it wrote one; « à {heure} » needs the closing hour, else the original sentence.
  const ownClosing = m.endTime || !/\{heure\}/.test(wording?.['minutes.closing'] ?? '')
    ? customWording(wording, 'minutes.closing', { heure: m.endTime ? timeText(m.endTime, language) : '', instance: kindLabel(m.kind, t), structure: data.letterhead.name, date: date(m.date) })
    : null;
  const closedAt = ownClosing ?? (m.endTime ? t('docs.minutes.closedAt', { time: timeText(m.endTime, language) }) : t('meetings.doc.signedIntro'));
  children.push(closing(closedAt, { spacing: { before: 360 } }));
  children.push(
    signatures([
      { role: sessionTitle('chair', m.chairCivility, t), name: m.chairName },
      { role: sessionTitle('secretary', m.secretaryCivility, t), name: m.secretaryName },
    ]),
  );

  return buildDocument({
    title: `${t(`meetings.doc.minutesTitle.${m.kind}`)} — ${m.title}`,
    description: t('meetings.doc.minutesDescription', { date: date(m.date) }),
    letterhead: toLetterhead(data.letterhead),
    footerText: `${t(`meetings.doc.minutesShort.${m.kind}`)} – ${date(m.date)}`,
    watermark: m.status === 'draft' ? t('meetings.doc.draftMark') : undefined,
    children,
  });
}

const ELECTION = /(?<!\p{L})(élection|élit|élu|elect)/iu;

/** "Sont élus : Anne Brousse (présidente), Émilie Peyronnet (secrétaire)." */
function electedSentence(officers: MinutesData['electedOfficers'], t: Translate): string {
  const list = joinFr(officers.map((o) => `${o.name} (${officeNoun(o.office, o.civility, t)})`));
  // « Sont élues » only when every one of them is a woman; « Est élu·e » when not said.
  const civility = officers.every((o) => o.civility === 'madame') ? 'madame' : officers.length === 1 ? (officers[0]!.civility ?? 'none') : 'mixed';
  return t('signer.elected', { count: officers.length, civility, list });
}

/** « … est approuvé à l’unanimité des 12 voix exprimées. », with the vote when it was kept. */
function approvalSentence(a: NonNullable<AgendaItem['approvesMeeting']>, t: Translate, date: (iso: string) => string): string {
  const params = { date: date(a.date), title: a.title };
  if (!a.approvedHere) return t('meetings.doc.minutesNotApproved', params);
  const v = a.vote;
  if (!v) return t('meetings.doc.minutesApproved', params);
  if (v.voteMode === 'consensus') return t('approval.approvedConsensus', params);
  const against = v.votesAgainst ?? 0;
  const abstain = v.votesAbstain ?? 0;
  if (against === 0 && abstain === 0) return t('approval.approvedUnanimous', { ...params, for: v.votesFor ?? 0 });
  return t('approval.approvedVote', { ...params, for: v.votesFor ?? 0, against, abstain });
}

function followUpText(f: FollowUpItem, t: Translate, date: (iso: string) => string): string {
  if (f.outcome === 'carried_over') return f.newDueDate ? t('meetings.doc.outcome.carriedTo', { date: date(f.newDueDate) }) : t('meetings.doc.outcome.carried_over');
  if (f.outcome) return [t(`meetings.doc.outcome.${f.outcome}`), f.note].filter(Boolean).join(' — ');
  return t('meetings.doc.outcome.none');
}

function actionLine(a: ActionItem, t: Translate, date: (iso: string) => string): string {
  const parts = [a.text, a.ownerLabel];
  if (a.dueDate) parts.push(t('meetings.doc.dueBy', { date: date(a.dueDate) }));
  if (a.status !== 'open') parts.push(t(`meetings.actionStatus.${a.status}`));
  return parts.join(' — ');
}

/** One framed paragraph per decision: its number, its text, its vote. */
function decisionParagraphs(d: Decision, t: Translate): Paragraph[] {
  return [
    new Paragraph({
      keepLines: true,
      spacing: { before: 160, after: 160 },
      border: { left: { style: 'single', size: 18, color: '1F5F4A', space: 8 } },
      indent: { left: 200 },
      children: [
        text(t('meetings.doc.decisionNumber', { reference: d.reference }), { bold: true }),
        new TextRun({ break: 1 }),
        text(d.text),
        new TextRun({ break: 1 }),
        text(voteStatement(d, t), { italics: true }),
      ],
    }),
  ];
}
