import type { NoticeData } from '../../features/meetings/documents';
import type { Language } from '../../i18n/index';
import { meetingHeading, placeText, translator } from './common';

/**
 * The meeting as an iCalendar file (RFC 5545): CRLF line ends, lines folded at 75 octets,
 * local times in Europe/Paris with its VTIMEZONE, and a UID that stays the same for the meeting
 * whatever is edited, so that a calendar updates the event instead of adding a second one.
 */

const CRLF = '\r\n';

const PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets without cutting a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const bytes = encoder.encode(ch).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = ' ';
      size = 1;
      limit = 75;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const compactDate = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const compactTime = (hhmm: string) => `${hhmm.replace(':', '')}00`;

function utcStamp(iso: string): string {
  const d = new Date(iso);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function addMinutes(hhmm: string, minutes: number): { date: number; time: string } {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return { date: Math.floor(total / 1440), time: `${String(Math.floor((total % 1440) / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}` };
}

function nextDay(iso: string, days = 1): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `maillage-meeting-42-20260312T100000Z@ressourceries-limousin.example`: the id and the creation instant never change. */
export function meetingUid(meeting: { id: number; createdAt: string }, email: string | null): string {
  const domain = email?.split('@')[1]?.trim() || 'maillage.invalid';
  return `maillage-meeting-${meeting.id}-${utcStamp(meeting.createdAt)}@${domain}`;
}

export function buildIcs(data: NoticeData, language: Language = 'fr'): string {
  const t = translator(language);
  const m = data.meeting;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Maillage//Reunions//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (m.startTime) lines.push(...PARIS);
  lines.push('BEGIN:VEVENT');
  lines.push(`UID:${meetingUid(m, data.letterhead.email)}`);
  lines.push(`DTSTAMP:${utcStamp(m.updatedAt)}`);
  if (m.startTime) {
    lines.push(`DTSTART;TZID=Europe/Paris:${compactDate(m.date)}T${compactTime(m.startTime)}`);
    // Without an end time, two hours: a calendar needs an end.
    const end = m.endTime ? { date: 0, time: m.endTime } : addMinutes(m.startTime, 120);
    lines.push(`DTEND;TZID=Europe/Paris:${compactDate(nextDay(m.date, end.date))}T${compactTime(end.time)}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(m.date)}`);
    lines.push(`DTEND;VALUE=DATE:${compactDate(nextDay(m.date))}`);
  }
  lines.push(`SUMMARY:${escapeText(meetingHeading(m, t))}`);
  const place = placeText(m);
  if (place) lines.push(`LOCATION:${escapeText(place)}`);
  const agenda = data.agenda.map((i, n) => `${n + 1}. ${i.title}`).join('\n');
  const description = [data.letterhead.name, agenda ? `${t('meetings.doc.agenda')} :\n${agenda}` : null].filter(Boolean).join('\n\n');
  lines.push(`DESCRIPTION:${escapeText(description)}`);
  if (m.convenedByName && m.convenedByEmail) {
    lines.push(`ORGANIZER;CN="${m.convenedByName.replace(/["\\;:,\r\n]/g, '')}":mailto:${m.convenedByEmail}`);
  }
  lines.push('STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
