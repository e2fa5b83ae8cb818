import { civilityOf } from '../../../shared/features/people/schemas';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import { DEFAULT_KIND_SETTINGS, MEETING_KINDS, type MeetingKind, type QuorumBase } from '../../../shared/features/meetings/kinds';
import { computeQuorum, countVoters } from '../../../shared/features/meetings/quorum';
import type {
  ActionItem,
  ActionStatus,
  AgendaItem,
  Attendance,
  AttendanceStatus,
  ConveningMeans,
  Decision,
  FollowUpItem,
  FollowUpOutcome,
  KindSettingsRecord,
  Meeting,
  MeetingDetail,
  MeetingRef,
  MeetingStatus,
  VoteMode,
} from '../../../shared/features/meetings/schemas';
import type { DB } from '../../store/schema';

/** Reads of the meetings feature: plain objects out, no rules. */

type Db = Kysely<DB>;

export const fullName = (first: string | null | undefined, last: string | null | undefined) =>
  first == null && last == null ? null : `${first ?? ''} ${last ?? ''}`.trim();

export function decisionReference(year: number, number: number): string {
  return `${year}-${String(number).padStart(2, '0')}`;
}

export function joinAddress(address: string | null, postcode: string | null, city: string | null): string | null {
  const town = [postcode, city].filter(Boolean).join(' ');
  const out = [address, town].filter(Boolean).join(', ');
  return out === '' ? null : out;
}

// ——— Kinds ———

export async function listKindSettings(db: Db): Promise<KindSettingsRecord[]> {
  const rows = await db.selectFrom('meeting_kinds').selectAll().execute();
  return MEETING_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) return { ...DEFAULT_KIND_SETTINGS[kind], isDefault: true };
    return { kind, quorumBase: row.quorum_base as QuorumBase, quorumPercent: row.quorum_percent, proxiesPerHolder: row.proxies_per_holder, isDefault: false };
  });
}

export async function getKindSettings(db: Db, kind: MeetingKind): Promise<KindSettingsRecord> {
  const row = await db.selectFrom('meeting_kinds').selectAll().where('kind', '=', kind).executeTakeFirst();
  if (!row) return { ...DEFAULT_KIND_SETTINGS[kind], isDefault: true };
  return { kind, quorumBase: row.quorum_base as QuorumBase, quorumPercent: row.quorum_percent, proxiesPerHolder: row.proxies_per_holder, isDefault: false };
}

// ——— Meetings ———

function meetingQuery(db: Db) {
  return db
    .selectFrom('meetings as m')
    .leftJoin('organisations as o', 'o.id', 'm.host_organisation_id')
    .leftJoin('people as cv', 'cv.id', 'm.convened_by_person_id')
    .leftJoin('people as ch', 'ch.id', 'm.chair_person_id')
    .leftJoin('people as se', 'se.id', 'm.secretary_person_id')
    .leftJoin('minutes_approvals as ma', 'ma.meeting_id', 'm.id')
    .leftJoin('meetings as am', 'am.id', 'ma.approved_by_meeting_id')
    .selectAll('m')
    .select([
      'o.name as host_name',
      'o.address as host_address',
      'o.postcode as host_postcode',
      'o.city as host_city',
      'cv.first_name as cv_first',
      'cv.last_name as cv_last',
      'cv.email as cv_email',
      'ch.first_name as ch_first',
      'ch.last_name as ch_last',
      'ch.civility as ch_civility',
      'se.first_name as se_first',
      'se.last_name as se_last',
      'se.civility as se_civility',
      'ma.approved_by_meeting_id',
      'ma.approved_on',
      'am.title as approver_title',
      'am.date as approver_date',
    ]);
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    kind: r.kind as MeetingKind,
    title: r.title,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    hostOrganisationId: r.host_organisation_id,
    hostOrganisationName: r.host_name ?? null,
    address: r.address,
    placeAddress: r.address ?? joinAddress(r.host_address ?? null, r.host_postcode ?? null, r.host_city ?? null),
    convenedOn: r.convened_on,
    convenedByPersonId: r.convened_by_person_id,
    convenedByName: fullName(r.cv_first, r.cv_last),
    convenedByEmail: r.cv_email ?? null,
    convenedHow: r.convened_how as ConveningMeans | null,
    chairPersonId: r.chair_person_id,
    chairName: fullName(r.ch_first, r.ch_last),
    chairCivility: civilityOf(r.ch_civility),
    secretaryPersonId: r.secretary_person_id,
    secretaryName: fullName(r.se_first, r.se_last),
    secretaryCivility: civilityOf(r.se_civility),
    status: r.status as MeetingStatus,
    finalizedAt: r.finalized_at,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    approval:
      r.approved_by_meeting_id == null
        ? null
        : { approvedByMeetingId: r.approved_by_meeting_id, approvedByTitle: r.approver_title ?? '', approvedByDate: r.approver_date ?? '', approvedOn: r.approved_on ?? '' },
    version: r.version,
  };
}

export async function findMeeting(db: Db, id: number): Promise<Meeting | undefined> {
  const row = await meetingQuery(db).where('m.id', '=', id).executeTakeFirst();
  return row ? toMeeting(row) : undefined;
}

export async function loadMeeting(db: Db, id: number): Promise<Meeting> {
  const meeting = await findMeeting(db, id);
  if (!meeting) throw new AppError('NOT_FOUND', 'error.notFound');
  return meeting;
}

function toRef(m: Pick<Meeting, 'id' | 'title' | 'date' | 'startTime' | 'endTime' | 'status' | 'hostOrganisationName' | 'placeAddress'>): MeetingRef {
  return {
    id: m.id,
    title: m.title,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    status: m.status,
    hostOrganisationName: m.hostOrganisationName,
    placeAddress: m.placeAddress,
  };
}

/** Meetings of the same series before this one (by date, then creation order), most recent first. */
export async function earlierInSeries(db: Db, meeting: Pick<Meeting, 'id' | 'kind' | 'date'>, limit?: number): Promise<Meeting[]> {
  let q = meetingQuery(db)
    .where('m.kind', '=', meeting.kind)
    .where((eb) => eb.or([eb('m.date', '<', meeting.date), eb.and([eb('m.date', '=', meeting.date), eb('m.id', '<', meeting.id)])]))
    .orderBy('m.date', 'desc')
    .orderBy('m.id', 'desc');
  if (limit) q = q.limit(limit);
  return (await q.execute()).map(toMeeting);
}

export async function nextInSeries(db: Db, meeting: Pick<Meeting, 'id' | 'kind' | 'date'>): Promise<Meeting | undefined> {
  const row = await meetingQuery(db)
    .where('m.kind', '=', meeting.kind)
    .where((eb) => eb.or([eb('m.date', '>', meeting.date), eb.and([eb('m.date', '=', meeting.date), eb('m.id', '>', meeting.id)])]))
    .orderBy('m.date', 'asc')
    .orderBy('m.id', 'asc')
    .executeTakeFirst();
  return row ? toMeeting(row) : undefined;
}

// ——— Attendance ———

export async function listAttendances(db: Db, meetingId: number): Promise<Attendance[]> {
  const rows = await db
    .selectFrom('attendances as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .leftJoin('organisations as o', 'o.id', 't.organisation_id')
    .leftJoin('people as h', 'h.id', 't.proxy_holder_person_id')
    .selectAll('t')
    .select(['p.first_name', 'p.last_name', 'o.name as organisation_name', 'h.first_name as h_first', 'h.last_name as h_last'])
    .where('t.meeting_id', '=', meetingId)
    .execute();
  const items = rows.map(
    (r): Attendance => ({
      id: r.id,
      meetingId: r.meeting_id,
      personId: r.person_id,
      personName: `${r.first_name} ${r.last_name}`,
      sortName: `${r.last_name.toLocaleUpperCase('fr')} ${r.first_name}`,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name ?? null,
      capacity: r.capacity,
      invited: r.invited === 1,
      voting: r.voting === 1,
      status: r.status as AttendanceStatus,
      proxyHolderPersonId: r.proxy_holder_person_id,
      proxyHolderName: fullName(r.h_first, r.h_last),
      version: r.version,
    }),
  );
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return items.sort((a, b) => Number(b.invited) - Number(a.invited) || collator.compare(a.sortName, b.sortName) || a.id - b.id);
}

export async function getAttendance(db: Db, id: number): Promise<Attendance> {
  const row = await db.selectFrom('attendances').select('meeting_id').where('id', '=', id).executeTakeFirst();
  const found = row && (await listAttendances(db, row.meeting_id)).find((a) => a.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'error.notFound');
  return found;
}

/** Member organisations on the meeting's date: a membership of that year, joined by then and not left before. */
export async function memberOrganisationIds(db: Db, date: string): Promise<number[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('organisation_id')
    .where('year', '=', Number(date.slice(0, 4)))
    .where((eb) => eb.or([eb('exit_date', 'is', null), eb('exit_date', '>=', date)]))
    .where((eb) => eb.or([eb('start_date', 'is', null), eb('start_date', '<=', date)]))
    .execute();
  return rows.map((r) => r.organisation_id);
}

// ——— Decisions and actions ———

type DecisionRow = {
  id: number;
  meeting_id: number;
  agenda_item_id: number;
  year: number;
  number: number;
  text: string;
  vote_mode: string;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  version: number;
};

export function toDecision(r: DecisionRow): Decision {
  const voteMode = r.vote_mode as VoteMode;
  return {
    id: r.id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    year: r.year,
    number: r.number,
    reference: decisionReference(r.year, r.number),
    text: r.text,
    voteMode,
    votesFor: r.votes_for,
    votesAgainst: r.votes_against,
    votesAbstain: r.votes_abstain,
    adopted: voteMode === 'consensus' || (r.votes_for ?? 0) > (r.votes_against ?? 0),
    version: r.version,
  };
}

export async function listDecisions(db: Db, filter: { meetingId?: number; id?: number }): Promise<Decision[]> {
  let q = db.selectFrom('decisions').select(['id', 'meeting_id', 'agenda_item_id', 'year', 'number', 'text', 'vote_mode', 'votes_for', 'votes_against', 'votes_abstain', 'version']);
  if (filter.meetingId !== undefined) q = q.where('meeting_id', '=', filter.meetingId);
  if (filter.id !== undefined) q = q.where('id', '=', filter.id);
  return (await q.orderBy('year').orderBy('number').execute()).map(toDecision);
}

function actionQuery(db: Db) {
  return db
    .selectFrom('action_items as a')
    .leftJoin('people as p', 'p.id', 'a.owner_person_id')
    .leftJoin('organisations as o', 'o.id', 'a.owner_organisation_id')
    .selectAll('a')
    .select(['p.first_name', 'p.last_name', 'o.name as organisation_name', 'o.short_name as organisation_short']);
}
type ActionRow = Awaited<ReturnType<ReturnType<typeof actionQuery>['executeTakeFirstOrThrow']>>;

function toAction(r: ActionRow): ActionItem {
  const person = fullName(r.first_name, r.last_name);
  const organisation = r.organisation_name ?? null;
  return {
    id: r.id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    text: r.text,
    ownerPersonId: r.owner_person_id,
    ownerPersonName: person,
    ownerOrganisationId: r.owner_organisation_id,
    ownerOrganisationName: organisation,
    ownerLabel: person && organisation ? `${person} (${r.organisation_short ?? organisation})` : (person ?? organisation ?? ''),
    dueDate: r.due_date,
    status: r.status as ActionStatus,
    version: r.version,
  };
}

export async function listActions(db: Db, filter: { meetingId?: number; id?: number; ids?: number[] }): Promise<ActionItem[]> {
  let q = actionQuery(db);
  if (filter.meetingId !== undefined) q = q.where('a.meeting_id', '=', filter.meetingId);
  if (filter.id !== undefined) q = q.where('a.id', '=', filter.id);
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return [];
    q = q.where('a.id', 'in', filter.ids);
  }
  return (await q.orderBy('a.id').execute()).map(toAction);
}

// ——— Agenda ———

export async function listAgenda(db: Db, meetingId: number, only?: number): Promise<AgendaItem[]> {
  let q = db
    .selectFrom('agenda_items as i')
    .leftJoin('people as p', 'p.id', 'i.presenter_person_id')
    .leftJoin('meetings as am', 'am.id', 'i.approves_meeting_id')
    .leftJoin('minutes_approvals as ma', 'ma.meeting_id', 'i.approves_meeting_id')
    .selectAll('i')
    .select(['p.first_name', 'p.last_name', 'am.title as am_title', 'am.date as am_date', 'am.status as am_status', 'ma.approved_by_meeting_id', 'ma.vote_mode', 'ma.votes_for', 'ma.votes_against', 'ma.votes_abstain'])
    .where('i.meeting_id', '=', meetingId);
  if (only !== undefined) q = q.where('i.id', '=', only);
  const rows = await q.orderBy('i.position').orderBy('i.id').execute();
  const [decisions, actions] = await Promise.all([listDecisions(db, { meetingId }), listActions(db, { meetingId })]);
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    position: r.position,
    title: r.title,
    presenterPersonId: r.presenter_person_id,
    presenterName: fullName(r.first_name, r.last_name),
    plannedMinutes: r.planned_minutes,
    discussion: r.discussion,
    approvesMeeting:
      r.approves_meeting_id == null
        ? null
        : {
            id: r.approves_meeting_id,
            title: r.am_title ?? '',
            date: r.am_date ?? '',
            status: (r.am_status ?? 'draft') as MeetingStatus,
            approvedHere: r.approved_by_meeting_id === meetingId,
            vote:
              r.approved_by_meeting_id === meetingId && (r.vote_mode === 'vote' || r.vote_mode === 'consensus')
                ? { voteMode: r.vote_mode, votesFor: r.votes_for, votesAgainst: r.votes_against, votesAbstain: r.votes_abstain }
                : null,
          },
    decisions: decisions.filter((d) => d.agendaItemId === r.id),
    actions: actions.filter((a) => a.agendaItemId === r.id),
    version: r.version,
  }));
}

export async function getAgendaItem(db: Db, id: number): Promise<AgendaItem> {
  const row = await db.selectFrom('agenda_items').select('meeting_id').where('id', '=', id).executeTakeFirst();
  const found = row && (await listAgenda(db, row.meeting_id, id))[0];
  if (!found) throw new AppError('NOT_FOUND', 'error.notFound');
  return found;
}

// ——— Follow-up of earlier actions ———

interface FollowUpRow {
  action_id: number;
  meeting_id: number;
  outcome: string;
  new_due_date: string | null;
  note: string | null;
  date: string;
}

const before = (a: { date: string; meeting_id: number }, b: { date: string; id: number }) => a.date < b.date || (a.date === b.date && a.meeting_id < b.id);

async function followUpsOf(db: Db, actionIds: number[]): Promise<Map<number, FollowUpRow[]>> {
  const byAction = new Map<number, FollowUpRow[]>();
  for (let i = 0; i < actionIds.length; i += 5000) {
    const rows = await db
      .selectFrom('action_follow_ups as f')
      .innerJoin('meetings as m', 'm.id', 'f.meeting_id')
      .select(['f.action_id', 'f.meeting_id', 'f.outcome', 'f.new_due_date', 'f.note', 'm.date'])
      .where('f.action_id', 'in', actionIds.slice(i, i + 5000))
      .orderBy('m.date')
      .orderBy('m.id')
      .execute();
    for (const r of rows) {
      const list = byAction.get(r.action_id) ?? [];
      list.push(r);
      byAction.set(r.action_id, list);
    }
  }
  return byAction;
}

/**
 * The actions of earlier meetings of the series still open when this meeting opens, with what
 * this meeting recorded about them. An action closed here stays listed here.
 */
export async function listFollowUps(db: Db, meeting: Pick<Meeting, 'id' | 'kind' | 'date'>): Promise<FollowUpItem[]> {
  const rows = await db
    .selectFrom('action_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.id', 'm.id as meeting_id', 'm.title', 'm.date'])
    .where('m.kind', '=', meeting.kind)
    .where('a.status', '=', 'open')
    .where((eb) => eb.or([eb('m.date', '<', meeting.date), eb.and([eb('m.date', '=', meeting.date), eb('m.id', '<', meeting.id)])]))
    .orderBy('m.date')
    .orderBy('a.id')
    .execute();
  if (rows.length === 0) return [];
  const followUps = await followUpsOf(
    db,
    rows.map((r) => r.id),
  );
  const keep: { row: (typeof rows)[number]; earlier: FollowUpRow[]; here: FollowUpRow | undefined }[] = [];
  for (const row of rows) {
    const all = followUps.get(row.id) ?? [];
    const here = all.find((f) => f.meeting_id === meeting.id);
    const earlier = all.filter((f) => f.meeting_id !== meeting.id && before(f, meeting));
    const last = earlier[earlier.length - 1];
    if (!here && last && last.outcome !== 'carried_over') continue;
    keep.push({ row, earlier, here });
  }
  const actions = new Map((await listActions(db, { ids: keep.map((k) => k.row.id) })).map((a) => [a.id, a]));
  return keep.map(({ row, earlier, here }) => {
    const action = actions.get(row.id)!;
    const carried = [...earlier].reverse().find((f) => f.outcome === 'carried_over' && f.new_due_date);
    return {
      action,
      fromMeetingId: row.meeting_id,
      fromMeetingTitle: row.title,
      fromMeetingDate: row.date,
      dueDate: carried?.new_due_date ?? action.dueDate,
      outcome: (here?.outcome ?? null) as FollowUpOutcome | null,
      newDueDate: here?.new_due_date ?? null,
      note: here?.note ?? null,
    };
  });
}

/** Current state of recorded-open actions, after every follow-up. */
export async function currentActionStates(db: Db, actionIds: number[]) {
  const followUps = await followUpsOf(db, actionIds);
  return new Map(
    actionIds.map((id) => {
      const list = followUps.get(id) ?? [];
      const last = list[list.length - 1];
      const carried = [...list].reverse().find((f) => f.outcome === 'carried_over' && f.new_due_date);
      return [
        id,
        {
          open: !last || last.outcome === 'carried_over',
          dueDate: carried?.new_due_date ?? null,
          carriedOver: list.filter((f) => f.outcome === 'carried_over').length,
        },
      ] as const;
    }),
  );
}

// ——— The whole meeting ———

export async function getMeetingDetail(db: Db, id: number): Promise<MeetingDetail> {
  const meeting = await loadMeeting(db, id);
  const kindSettings = await getKindSettings(db, meeting.kind);
  const [attendances, members, agenda, followUps, earlier, next] = await Promise.all([
    listAttendances(db, id),
    kindSettings.quorumBase === 'member_organisations' ? memberOrganisationIds(db, meeting.date) : Promise.resolve([] as number[]),
    listAgenda(db, id),
    listFollowUps(db, meeting),
    earlierInSeries(db, meeting, 20),
    nextInSeries(db, meeting),
  ]);
  const approvals = await meetingQuery(db)
    .where('ma.approved_by_meeting_id', '=', id)
    .orderBy('m.date')
    .execute();
  const errata = await db.selectFrom('minutes_errata').selectAll().where('meeting_id', '=', id).orderBy('date').orderBy('id').execute();
  const onAgenda = new Set(agenda.map((i) => i.approvesMeeting?.id).filter((v): v is number => v != null));
  return {
    meeting,
    kindSettings,
    attendances,
    quorum: computeQuorum(kindSettings, members, attendances),
    voters: countVoters(attendances),
    agenda,
    followUps,
    approvals: approvals.map((r) => toRef(toMeeting(r))),
    errata: errata.map((e) => ({ id: e.id, date: e.date, text: e.text, createdAt: e.created_at })),
    previous: earlier[0] ? toRef(earlier[0]) : null,
    next: next ? toRef(next) : null,
    pendingApprovals: earlier.filter((m) => m.status !== 'approved' && !onAgenda.has(m.id)).slice(0, 5).map(toRef),
  };
}

export { toRef as meetingRef };
