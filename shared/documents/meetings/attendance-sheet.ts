import { sessionTitle } from '../signers';
import { Paragraph, type Document, type Table } from 'docx';
import type { AttendanceSheetData } from '../../features/meetings/documents';
import type { Attendance } from '../../features/meetings/schemas';
import type { Language } from '../../i18n/index';
import { buildDocument, heading, labelled, paragraph, signatures, table, text, title } from '../kit';
import { dateInText, kindLabel, meetingHeading, placeText, scheduleText, toLetterhead, translator, weekdayDate } from './common';

/** Rows tall enough to sign in: 1.3 cm. */
const SIGNING_ROW = 740;
const BLANK_ROWS = 4;

/**
 * The attendance sheet (feuille d'émargement) signed on the day: one row per invitee with a
 * signature box, room for people who come uninvited, and the proxies received.
 */
export function buildAttendanceSheet(data: AttendanceSheetData, language: Language = 'fr'): Document {
  const t = translator(language);
  const m = data.meeting;
  const children: (Paragraph | Table)[] = [];
  children.push(...title(t('meetings.doc.attendanceTitle'), meetingHeading(m, t)));
  children.push(labelled(t('meetings.doc.date'), [weekdayDate(m.date, language), scheduleText(m, t, language)].filter(Boolean).join(', ')));
  const place = placeText(m);
  if (place) children.push(labelled(t('meetings.doc.place'), place));
  if (m.chairName) children.push(labelled(t('meetings.doc.chair'), m.chairName));

  // Already known on the day: say it in the box rather than leave it blank.
  const signatureCell = (a: Attendance) =>
    a.status === 'represented'
      ? t('meetings.doc.sheet.represented', { name: a.proxyHolderName ?? '' })
      : a.status === 'excused'
        ? t('meetings.doc.sheet.excused')
        : '';
  const capacity = (a: Attendance) => [a.capacity, a.invited ? null : t('meetings.doc.sheet.notInvited')].filter(Boolean).join(' — ');

  children.push(heading(t('meetings.doc.sheet.signatures')));
  children.push(
    table(
      [
        { header: t('meetings.doc.col.fullName'), width: 26 },
        { header: t('meetings.doc.col.organisation'), width: 28 },
        { header: t('meetings.doc.col.capacity'), width: 20 },
        { header: t('meetings.doc.col.signature'), width: 26 },
      ],
      [
        ...data.attendances.map((a) => [a.sortName, a.organisationName ?? '', capacity(a), signatureCell(a)]),
        ...Array.from({ length: BLANK_ROWS }, () => ['', '', '', '']),
      ],
      { rowHeight: SIGNING_ROW },
    ),
  );

  const proxies = data.attendances.filter((a) => a.status === 'represented');
  children.push(heading(t('meetings.doc.sheet.proxies')));
  children.push(
    paragraph([text(t('meetings.doc.sheet.proxiesIntro', { max: data.kindSettings.proxiesPerHolder }), { italics: true, color: '555555' })]),
  );
  children.push(
    table(
      [
        { header: t('meetings.doc.col.principal'), width: 28 },
        { header: t('meetings.doc.col.organisation'), width: 28 },
        { header: t('meetings.doc.col.holder'), width: 22 },
        { header: t('meetings.doc.col.holderSignature'), width: 22 },
      ],
      [...proxies.map((a) => [a.personName, a.organisationName ?? '', a.proxyHolderName ?? '', '']), ...Array.from({ length: 2 }, () => ['', '', '', ''])],
      { rowHeight: SIGNING_ROW },
    ),
  );

  children.push(new Paragraph({ spacing: { before: 240 }, children: [text(t('meetings.doc.sheet.closing'))] }));
  children.push(signatures([{ role: sessionTitle('chair', m.chairCivility, t), name: m.chairName }, { role: sessionTitle('secretary', m.secretaryCivility, t), name: m.secretaryName }]));

  return buildDocument({
    title: `${t('meetings.doc.attendanceTitle')} — ${m.title}`,
    description: t('meetings.doc.attendanceDescription', { date: dateInText(m.date, language) }),
    letterhead: toLetterhead(data.letterhead),
    footerText: `${t('meetings.doc.attendanceTitle')} – ${kindLabel(m.kind, t)} – ${dateInText(m.date, language)}`,
    children,
  });
}
