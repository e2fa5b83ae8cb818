import { Paragraph, type Document, type Table } from 'docx';
import type { NoticeData } from '../../features/meetings/documents';
import type { Language } from '../../i18n/index';
import { customWording, type Wording } from '../wording';
import { buildDocument, heading, labelled, numbered, paragraph, signatures, text, title } from '../kit';
import { dateInText, kindLabel, meetingHeading, placeText, scheduleText, toLetterhead, translator, weekdayDate } from './common';

const DOTS = '…………………………………………………………';

/** The notice of meeting (convocation): when, where, the agenda, how to send a proxy, and the proxy form. */
export function buildNotice(data: NoticeData, language: Language = 'fr', wording?: Wording): Document {
  const t = translator(language);
  const m = data.meeting;
  const date = (iso: string) => dateInText(iso, language);
  const when = [weekdayDate(m.date, language), scheduleText(m, t, language)].filter(Boolean).join(', ');
  const place = placeText(m);
  const kindArticle = t(`meetings.kindArticle.${m.kind}`);
  const children: (Paragraph | Table)[] = [];

  children.push(...title(t('meetings.doc.noticeTitle'), meetingHeading(m, t)));
  if (m.convenedOn) children.push(paragraph(t('meetings.doc.notice.placeDate', { city: data.letterhead.city ?? '', date: date(m.convenedOn) }).replace(/^, /, ''), { alignment: 'right' }));
  children.push(paragraph(t('meetings.doc.notice.salutation')));
  const fields = { instance: kindArticle, structure: data.letterhead.name, date: weekdayDate(m.date, language), lieu: place };
  children.push(paragraph(customWording(wording, 'notice.invitation', fields) ?? t('meetings.doc.notice.invitation', { kind: kindArticle, name: data.letterhead.name })));
  children.push(labelled(t('meetings.doc.date'), when));
  children.push(labelled(t('meetings.doc.place'), place || t('meetings.doc.placeToBeConfirmed')));
  if (m.note) children.push(paragraph(m.note));

  children.push(heading(t('meetings.doc.agenda')));
  if (data.agenda.length === 0) children.push(paragraph(t('meetings.doc.noAgenda')));
  for (const item of data.agenda) {
    const details = [
      item.presenterName ? t('meetings.doc.notice.presenter', { name: item.presenterName }) : null,
      item.plannedMinutes ? t('meetings.doc.notice.minutes', { minutes: item.plannedMinutes }) : null,
    ].filter(Boolean);
    children.push(numbered([text(item.title), ...(details.length ? [text(` (${details.join(', ')})`, { color: '555555' })] : [])]));
  }

  children.push(heading(t('meetings.doc.notice.proxyHeading')));
  children.push(paragraph(t('meetings.doc.notice.proxyHow', { max: data.kindSettings.proxiesPerHolder })));
  if (m.convenedByName) {
    children.push(
      paragraph(
        m.convenedByEmail
          ? t('meetings.doc.notice.proxyReturnEmail', { name: m.convenedByName, email: m.convenedByEmail })
          : t('meetings.doc.notice.proxyReturn', { name: m.convenedByName }),
      ),
    );
  }
  if (data.kindSettings.quorumBase !== 'none') {
    children.push(paragraph(t(`meetings.doc.notice.quorum.${data.kindSettings.quorumBase}`, { percent: data.kindSettings.quorumPercent })));
  }
  children.push(paragraph(customWording(wording, 'notice.closing', fields) ?? t('meetings.doc.notice.closing')));
  children.push(signatures([{ role: t('meetings.doc.notice.signedBy'), name: m.convenedByName }]));

  // The proxy form, on its own page so that it can be printed and returned.
  children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
  children.push(heading(t('meetings.doc.proxyForm.title')));
  children.push(paragraph(t('meetings.doc.proxyForm.meeting', { kind: kindArticle, date: weekdayDate(m.date, language), title: m.title })));
  const line = (label: string) => new Paragraph({ spacing: { before: 240, after: 120 }, children: [text(`${label} : `, { bold: true }), text(DOTS, { color: '888888' })] });
  children.push(line(t('meetings.doc.proxyForm.undersigned')));
  children.push(line(t('meetings.doc.proxyForm.organisation')));
  children.push(line(t('meetings.doc.proxyForm.holder')));
  children.push(paragraph(t('meetings.doc.proxyForm.mandate', { kind: kindArticle, date: date(m.date) }), { spacing: { before: 240 } }));
  children.push(paragraph(t('meetings.doc.proxyForm.limit', { max: data.kindSettings.proxiesPerHolder })));
  children.push(line(t('meetings.doc.proxyForm.madeAt')));
  children.push(line(t('meetings.doc.proxyForm.madeOn')));
  children.push(new Paragraph({ spacing: { before: 240 }, children: [text(t('meetings.doc.proxyForm.signature'), { italics: true })] }));
  children.push(new Paragraph({ spacing: { before: 1600 }, children: [] }));

  return buildDocument({
    title: `${t('meetings.doc.noticeTitle')} — ${m.title}`,
    description: t('meetings.doc.noticeDescription', { date: date(m.date) }),
    letterhead: toLetterhead(data.letterhead),
    footerText: `${t('meetings.doc.noticeTitle')} – ${kindLabel(m.kind, t)} – ${date(m.date)}`,
    children,
  });
}
