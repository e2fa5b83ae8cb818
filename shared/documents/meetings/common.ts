import { Paragraph, TextRun } from 'docx';
import type { LetterheadData } from '../../features/meetings/documents';
import type { MeetingKind } from '../../features/meetings/kinds';
import { parseMarkup, type Run } from '../../features/meetings/markup';
import type { Meeting } from '../../features/meetings/schemas';
import { formatDate, formatDateLong } from '../../format/fr';
import { translate, type Language } from '../../i18n/index';
import { normalizeKey } from '../../validation/text';
import { bullet, text, type Letterhead } from '../kit';

/** What the three meeting documents share: words from the catalogue, dates, times, places, the discussion markup. */

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}


/** "jeudi 12 mars 2026" ("1er" on the first of the month). */
export function weekdayDate(iso: string, language: Language = 'fr'): string {
  return formatDate(iso, language, 'weekday');
}

/** '14:00' → "14 h", '14:30' → "14 h 30" (French); "14:30" in English. */
export function timeText(hhmm: string, language: Language = 'fr'): string {
  if (language !== 'fr') return hhmm;
  const [h, m] = hhmm.split(':') as [string, string];
  return m === '00' ? `${Number(h)}\u00A0h` : `${Number(h)}\u00A0h\u00A0${m}`;
}

export function scheduleText(meeting: Pick<Meeting, 'startTime' | 'endTime'>, t: Translate, language: Language = 'fr'): string {
  if (meeting.startTime && meeting.endTime) return t('meetings.doc.fromTo', { start: timeText(meeting.startTime, language), end: timeText(meeting.endTime, language) });
  if (meeting.startTime) return t('meetings.doc.from', { start: timeText(meeting.startTime, language) });
  return '';
}

/** "Le Monde Allant Vers, 6 rue de la Collégiale, 87120 Eymoutiers". */
export function placeText(meeting: Pick<Meeting, 'hostOrganisationName' | 'placeAddress'>): string {
  return [meeting.hostOrganisationName, meeting.placeAddress].filter(Boolean).join(', ');
}

export function toLetterhead(data: LetterheadData): Letterhead {
  return { ...data };
}

export function kindLabel(kind: MeetingKind, t: Translate): string {
  return t(`meetings.kind.${kind}`);
}

/** "Réunion de coordination — Bilan", or just the title when it already names the kind. */
export function meetingHeading(meeting: Pick<Meeting, 'kind' | 'title'>, t: Translate): string {
  const kind = kindLabel(meeting.kind, t);
  return normalizeKey(meeting.title).includes(normalizeKey(kind.replace(/\s*\(.*\)$/, ''))) ? meeting.title : `${kind} — ${meeting.title}`;
}

/** A date in running text: "1er mars 2026" in French. */
export function dateInText(iso: string, language: Language = 'fr'): string {
  return language === 'fr' ? formatDateLong(iso, language) : formatDate(iso, language);
}

function runs(line: Run[]): TextRun[] {
  return line.map((r) => text(r.text, { bold: r.bold || undefined, italics: r.italic || undefined }));
}

/** The discussion's markup as Word paragraphs and bullet lists; lines of a paragraph keep their breaks. */
export function markupParagraphs(source: string | null | undefined): Paragraph[] {
  const out: Paragraph[] = [];
  for (const block of parseMarkup(source)) {
    if (block.type === 'bullets') {
      for (const item of block.items) out.push(bullet(runs(item)));
    } else {
      const children: TextRun[] = [];
      block.lines.forEach((line, i) => {
        if (i > 0) children.push(new TextRun({ break: 1 }));
        children.push(...runs(line));
      });
      out.push(new Paragraph({ children, spacing: { after: 120 } }));
    }
  }
  return out;
}

const KIND_SLUG: Record<MeetingKind, string> = {
  coordination: 'coordination',
  technical_day: 'journee-technique',
  steering_committee: 'copil',
  bureau: 'bureau',
  board: 'ca',
  general_assembly: 'ag',
  other: 'reunion',
};

export type MeetingDocument = 'minutes' | 'attendance' | 'notice' | 'calendar';
const PREFIX: Record<MeetingDocument, string> = { minutes: 'compte-rendu', attendance: 'feuille-emargement', notice: 'convocation', calendar: 'convocation' };

/** "compte-rendu-coordination-2026-03-12.docx": sorts by date in a folder, says what it is. */
export function meetingFileName(document: MeetingDocument, meeting: Pick<Meeting, 'kind' | 'date'>): string {
  return `${PREFIX[document]}-${KIND_SLUG[meeting.kind]}-${meeting.date}.${document === 'calendar' ? 'ics' : 'docx'}`;
}
