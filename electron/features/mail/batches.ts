import { Packer } from 'docx';
import { AppError } from '../../../shared/api/errors';
import { meetingFileName, placeText, timeText, weekdayDate, dateInText } from '../../../shared/documents/meetings/common';
import { buildIcs } from '../../../shared/documents/meetings/ics';
import { buildMinutes } from '../../../shared/documents/meetings/minutes';
import { buildNotice } from '../../../shared/documents/meetings/notice';
import { buildCertificate, certificateFileName } from '../../../shared/documents/time/certificate';
import type { MailRequest, WordingKind } from '../../../shared/features/mail/schemas';
import { addDays } from '../../../shared/format/date-input';
import { formatDate, formatMoney } from '../../../shared/format/fr';
import { today, type ServiceContext } from '../../app/context';
import { findOffice, finishWithOffice } from '../documents/office';
import { minutesData, noticeData } from '../meetings/documents';
import { openActions } from '../meetings/register';
import { getSettings } from '../settings/service';
import { certificateData } from '../time/reports';
import type { Attachment } from './transport';

/** One message of a batch before it is worded: who, which document, the placeholders' values. */
export interface Letter {
  /** The same key and address never get a second message unless asked (« Renvoyer »). */
  documentKey: string;
  personId: number | null;
  organisationId: number | null;
  organisationName: string | null;
  name: string;
  email: string | null;
  voting: boolean;
  /** A legal notice (a notice to a voting representative) goes even to someone who refused mail. */
  legal: boolean;
  refusesMail: boolean;
  values: Record<string, string>;
  attachments: () => Promise<Attachment[]>;
}

export interface Batch {
  kind: WordingKind;
  /** Names the batch in the preview and the summary (`notice:12`, `certificate:2025`). */
  batchKey: string;
  meetingId: number | null;
  letters: Letter[];
  /** The attachments as the preview lists them (those of the first letter). */
  sample: () => Promise<Attachment[]>;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= make());
}

async function docxBytes(doc: Parameters<typeof Packer.toBuffer>[0]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(doc));
}

const nobody: Attachment[] = [];

export async function buildBatch(ctx: ServiceContext, request: MailRequest): Promise<Batch> {
  const association = (await getSettings(ctx)).associationName;
  switch (request.kind) {
    case 'notice':
      return noticeBatch(ctx, request.meetingId, request.format, association);
    case 'minutes':
      return minutesBatch(ctx, request.meetingId, association);
    case 'certificate':
      return certificateBatch(ctx, request.year, association);
    case 'reminder_time':
      return timeReminders(ctx, association);
    case 'reminder_observatory':
      return observatoryReminders(ctx, request.year, association);
    case 'reminder_actions':
      return actionReminders(ctx, association);
    case 'reminder_membership':
      return membershipReminders(ctx, request.year, association);
  }
}

interface AttendeeRow {
  person_id: number;
  first_name: string;
  last_name: string;
  email: string | null;
  refuses_mail: number;
  organisation_id: number | null;
  organisation_name: string | null;
  voting: number;
  status: string;
}

async function attendees(ctx: ServiceContext, meetingId: number): Promise<AttendeeRow[]> {
  const rows = await ctx.db
    .selectFrom('attendances as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.person_id', 'p.first_name', 'p.last_name', 'p.email', 'p.refuses_mail', 'a.organisation_id', 'o.name as organisation_name', 'a.voting', 'a.status', 'a.invited'])
    .where('a.meeting_id', '=', meetingId)
    .execute();
  // Voting representatives first: their notice is the one the statutes require.
  return rows.sort((a, b) => b.voting - a.voting || collator.compare(a.last_name, b.last_name) || collator.compare(a.first_name, b.first_name) || a.person_id - b.person_id);
}

function personLetter(row: AttendeeRow, documentKey: string, legal: boolean, values: Record<string, string>, attachments: () => Promise<Attachment[]>): Letter {
  const name = `${row.first_name} ${row.last_name}`;
  return {
    documentKey,
    personId: row.person_id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    name,
    email: row.email,
    voting: row.voting === 1,
    legal,
    refusesMail: row.refuses_mail === 1,
    values: { ...values, personne: name, structure: row.organisation_name ?? '' },
    attachments,
  };
}

async function noticeBatch(ctx: ServiceContext, meetingId: number, format: 'docx' | 'pdf', association: string): Promise<Batch> {
  const data = await noticeData(ctx, meetingId);
  const m = data.meeting;
  const attachments = once(async (): Promise<Attachment[]> => {
    const docx = await docxBytes(buildNotice(data));
    const name = meetingFileName('notice', m);
    let notice: Attachment = { filename: name, content: docx, contentType: DOCX };
    if (format === 'pdf') {
      const office = findOffice();
      if (!office) throw new AppError('VALIDATION', 'error.mail.noOffice');
      notice = { filename: name.replace(/\.docx$/, '.pdf'), content: await finishWithOffice(office, docx, 'pdf'), contentType: 'application/pdf' };
    }
    return [notice, { filename: meetingFileName('calendar', m), content: buildIcs(data), contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }];
  });
  const values = {
    association,
    réunion: m.title,
    date: weekdayDate(m.date),
    heure: m.startTime ? `à ${timeText(m.startTime)}` : '(horaire à préciser)',
    lieu: placeText(m) || 'lieu à préciser',
  };
  const rows = (await attendees(ctx, meetingId)).filter((r) => (r as AttendeeRow & { invited: number }).invited === 1);
  return {
    kind: 'notice',
    batchKey: `notice:${meetingId}`,
    meetingId,
    letters: rows.map((r) => personLetter(r, `notice:${meetingId}`, r.voting === 1, values, attachments)),
    sample: attachments,
  };
}

async function minutesBatch(ctx: ServiceContext, meetingId: number, association: string): Promise<Batch> {
  const data = await minutesData(ctx, meetingId);
  const m = data.meeting;
  // Only approved minutes leave the secretariat: a draft may still change.
  if (m.status !== 'approved') throw new AppError('VALIDATION', 'error.mail.minutesNotApproved', { title: m.title });
  const attachments = once(async (): Promise<Attachment[]> => [{ filename: meetingFileName('minutes', m), content: await docxBytes(buildMinutes(data)), contentType: DOCX }]);
  const values = { association, réunion: m.title, date: dateInText(m.date) };
  const rows = (await attendees(ctx, meetingId)).filter((r) => r.status === 'present' || r.status === 'excused');
  return {
    kind: 'minutes',
    batchKey: `minutes:${meetingId}`,
    meetingId,
    letters: rows.map((r) => personLetter(r, `minutes:${meetingId}`, false, values, attachments)),
    sample: attachments,
  };
}

interface Contact {
  organisationId: number;
  organisationName: string;
  personId: number | null;
  name: string;
  email: string | null;
  refusesMail: boolean;
}

/**
 * Who receives an organisation's mail: the voting representative of its membership of that
 * year when she has an address, else the organisation's own address.
 */
async function contactsOf(ctx: ServiceContext, organisationIds: number[], year: number): Promise<Map<number, Contact>> {
  if (organisationIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('organisations as o')
    .leftJoin('memberships as m', (j) => j.onRef('m.organisation_id', '=', 'o.id').on('m.year', '=', year))
    .leftJoin('people as p', 'p.id', 'm.voting_person_id')
    .select(['o.id', 'o.name', 'o.email as organisation_email', 'p.id as person_id', 'p.first_name', 'p.last_name', 'p.email', 'p.refuses_mail'])
    .where('o.id', 'in', organisationIds)
    .execute();
  return new Map(
    rows.map((r) => {
      const person = r.person_id !== null && r.email ? { personId: r.person_id, name: `${r.first_name} ${r.last_name}`, email: r.email, refusesMail: r.refuses_mail === 1 } : null;
      return [r.id, { organisationId: r.id, organisationName: r.name, ...(person ?? { personId: null, name: r.name, email: r.organisation_email, refusesMail: false }) }];
    }),
  );
}

function contactLetter(contact: Contact, documentKey: string, values: Record<string, string>, attachments: () => Promise<Attachment[]> = async () => nobody): Letter {
  return {
    documentKey,
    personId: contact.personId,
    organisationId: contact.organisationId,
    organisationName: contact.organisationName,
    name: contact.name,
    email: contact.email,
    voting: false,
    legal: false,
    refusesMail: contact.refusesMail,
    values: { ...values, personne: contact.personId === null ? 'Madame, Monsieur' : contact.name, structure: contact.organisationName },
    attachments,
  };
}

async function memberIds(ctx: ServiceContext, year: number): Promise<number[]> {
  const rows = await ctx.db.selectFrom('memberships').select('organisation_id').where('year', '=', year).where('exit_date', 'is', null).execute();
  return rows.map((r) => r.organisation_id);
}

function byName(contacts: Map<number, Contact>, ids: number[]): Contact[] {
  return ids
    .map((id) => contacts.get(id))
    .filter((c): c is Contact => c !== undefined)
    .sort((a, b) => collator.compare(a.organisationName, b.organisationName) || a.organisationId - b.organisationId);
}

async function certificateBatch(ctx: ServiceContext, year: number, association: string): Promise<Batch> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const members = new Set(await memberIds(ctx, year));
  // A certificate of nothing is no use: only members with time entered that year.
  const withTime = await ctx.db.selectFrom('time_entries').select('organisation_id').distinct().where('date', '>=', from).where('date', '<=', to).execute();
  const ids = withTime.map((r) => r.organisation_id).filter((id) => members.has(id));
  const contacts = byName(await contactsOf(ctx, ids, year), ids);
  const letters = contacts.map((c) =>
    contactLetter(
      c,
      `certificate:${year}:${c.organisationId}`,
      { association, année: String(year) },
      once(async () => {
        const data = await certificateData(ctx, { organisationId: c.organisationId, from, to });
        return [{ filename: certificateFileName(data), content: await docxBytes(buildCertificate(data)), contentType: DOCX }];
      }),
    ),
  );
  return { kind: 'certificate', batchKey: `certificate:${year}`, meetingId: null, letters, sample: letters[0]?.attachments ?? (async () => nobody) };
}

async function timeReminders(ctx: ServiceContext, association: string): Promise<Batch> {
  const day = today(ctx);
  const year = Number(day.slice(0, 4));
  const limit = addDays(day, -30);
  const ids = await memberIds(ctx, year);
  const last = new Map(
    (await ctx.db.selectFrom('time_entries').select(['organisation_id', (eb) => eb.fn.max('date').as('last')]).groupBy('organisation_id').execute()).map((r) => [r.organisation_id, r.last as string | null]),
  );
  const late = ids.filter((id) => (last.get(id) ?? '') < limit);
  const contacts = byName(await contactsOf(ctx, late, year), late);
  const letters = contacts.map((c) => {
    const lastDay = last.get(c.organisationId);
    return contactLetter(c, `reminder_time:${day.slice(0, 7)}:${c.organisationId}`, { association, depuis: formatDate(lastDay ?? `${year}-01-01`) });
  });
  return { kind: 'reminder_time', batchKey: `reminder_time:${day.slice(0, 7)}`, meetingId: null, letters, sample: async () => nobody };
}

async function observatoryReminders(ctx: ServiceContext, year: number, association: string): Promise<Batch> {
  const ids = await memberIds(ctx, year);
  const given = new Set((await ctx.db.selectFrom('indicator_values').select('organisation_id').distinct().where('year', '=', year).execute()).map((r) => r.organisation_id));
  const missing = ids.filter((id) => !given.has(id));
  const contacts = byName(await contactsOf(ctx, missing, year), missing);
  const letters = contacts.map((c) => contactLetter(c, `reminder_observatory:${year}:${c.organisationId}`, { association, année: String(year) }));
  return { kind: 'reminder_observatory', batchKey: `reminder_observatory:${year}`, meetingId: null, letters, sample: async () => nobody };
}

async function actionReminders(ctx: ServiceContext, association: string): Promise<Batch> {
  const day = today(ctx);
  const { items } = await openActions(ctx, {});
  const byOwner = new Map<number, typeof items>();
  for (const item of items) {
    if (!item.overdue || item.ownerPersonId === null) continue;
    byOwner.set(item.ownerPersonId, [...(byOwner.get(item.ownerPersonId) ?? []), item]);
  }
  const ids = [...byOwner.keys()];
  const people = ids.length ? await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name', 'email', 'refuses_mail']).where('id', 'in', ids).execute() : [];
  people.sort((a, b) => collator.compare(a.last_name, b.last_name) || a.id - b.id);
  const letters = people.map((p): Letter => {
    const name = `${p.first_name} ${p.last_name}`;
    const lines = byOwner.get(p.id)!.map((a) => `– ${a.text} (réunion « ${a.meetingTitle} » du ${formatDate(a.meetingDate)}, échéance ${formatDate(a.currentDueDate)})`);
    return {
      documentKey: `reminder_actions:${day.slice(0, 7)}:${p.id}`,
      personId: p.id,
      organisationId: null,
      organisationName: null,
      name,
      email: p.email,
      voting: false,
      legal: false,
      refusesMail: p.refuses_mail === 1,
      values: { association, personne: name, structure: '', actions: lines.join('\n') },
      attachments: async () => nobody,
    };
  });
  return { kind: 'reminder_actions', batchKey: `reminder_actions:${day.slice(0, 7)}`, meetingId: null, letters, sample: async () => nobody };
}

async function membershipReminders(ctx: ServiceContext, year: number, association: string): Promise<Batch> {
  const month = today(ctx).slice(0, 7);
  const rows = await ctx.db.selectFrom('memberships').select(['organisation_id', 'fee_due_cents', 'amount_paid_cents']).where('year', '=', year).where('exit_date', 'is', null).execute();
  const unpaid = new Map(rows.filter((r) => r.amount_paid_cents < r.fee_due_cents).map((r) => [r.organisation_id, r.fee_due_cents - r.amount_paid_cents]));
  const ids = [...unpaid.keys()];
  const contacts = byName(await contactsOf(ctx, ids, year), ids);
  const letters = contacts.map((c) =>
    contactLetter(c, `reminder_membership:${year}:${month}:${c.organisationId}`, { association, année: String(year), montant: formatMoney(unpaid.get(c.organisationId)!, 'fr', { decimals: true }) }),
  );
  return { kind: 'reminder_membership', batchKey: `reminder_membership:${year}:${month}`, meetingId: null, letters, sample: async () => nobody };
}
