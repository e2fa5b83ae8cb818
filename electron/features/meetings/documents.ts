import { civilityOf, type Office } from '../../../shared/features/people/schemas';
import { OFFICES } from '../../../shared/features/people/schemas';
import type { AttendanceSheetData, LetterheadData, MinutesData, NoticeData } from '../../../shared/features/meetings/documents';
import type { ServiceContext } from '../../app/context';
import { withLegalNames } from '../data/privacy';
import { getSettings } from '../settings/service';
import { getMeetingDetail, getKindSettings, listAgenda, listAttendances, loadMeeting } from './queries';

/** One query per document: what the document prints, and nothing computed anywhere else. */

export async function letterhead(ctx: ServiceContext): Promise<LetterheadData> {
  const s = await getSettings(ctx);
  return {
    name: s.associationName,
    address: s.address,
    postcode: s.postcode,
    city: s.city,
    email: s.email,
    phone: s.phone,
    siret: s.siret,
    rna: s.rna,
    website: s.website,
    logoDataUrl: s.logoDataUrl,
  };
}

export async function minutesData(ctx: ServiceContext, id: number): Promise<MinutesData> {
  const [detail, head] = await Promise.all([getMeetingDetail(ctx.db, id), letterhead(ctx)]);
  const elected = await ctx.db
    .selectFrom('offices as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select(['f.office', 'p.first_name', 'p.last_name', 'p.civility'])
    .where('f.start_date', '=', detail.meeting.date)
    .execute();
  const rank = (office: string) => (OFFICES as readonly string[]).indexOf(office);
  return withLegalNames(ctx.db, {
    letterhead: head,
    meeting: detail.meeting,
    kindSettings: detail.kindSettings,
    attendances: detail.attendances,
    quorum: detail.quorum,
    voters: detail.voters,
    agenda: detail.agenda,
    followUps: detail.followUps,
    approvals: detail.approvals,
    errata: detail.errata,
    next: detail.next,
    electedOfficers: elected.sort((a, b) => rank(a.office) - rank(b.office)).map((o) => ({ office: o.office as Office, name: `${o.first_name} ${o.last_name}`, civility: civilityOf(o.civility) })),
  });
}

export async function attendanceSheetData(ctx: ServiceContext, id: number): Promise<AttendanceSheetData> {
  const meeting = await loadMeeting(ctx.db, id);
  const [kindSettings, attendances, head] = await Promise.all([getKindSettings(ctx.db, meeting.kind), listAttendances(ctx.db, id), letterhead(ctx)]);
  return withLegalNames(ctx.db, { letterhead: head, meeting, kindSettings, attendances });
}

export async function noticeData(ctx: ServiceContext, id: number): Promise<NoticeData> {
  const meeting = await loadMeeting(ctx.db, id);
  const [kindSettings, agenda, attendances, head] = await Promise.all([
    getKindSettings(ctx.db, meeting.kind),
    listAgenda(ctx.db, id),
    listAttendances(ctx.db, id),
    letterhead(ctx),
  ]);
  return {
    letterhead: head,
    meeting,
    kindSettings,
    agenda: agenda.map((i) => ({ id: i.id, position: i.position, title: i.title, presenterName: i.presenterName, plannedMinutes: i.plannedMinutes })),
    invitees: attendances.filter((a) => a.invited).length,
  };
}
