import type { Transaction } from 'kysely';
import { claimVersion } from '../../store/versions';
import type { z } from 'zod';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { MeetingKind } from '../../../shared/features/meetings/kinds';
import { countVoters } from '../../../shared/features/meetings/quorum';
import type {
  ActionItem,
  AgendaItem,
  Attendance,
  Decision,
  KindSettingsRecord,
  Meeting,
  MeetingValues,
  actionInputSchema,
  actionUpdateSchema,
  agendaItemInputSchema,
  agendaItemUpdateSchema,
  attendanceUpdateSchema,
  attendeeInputSchema,
  decisionInputSchema,
  decisionUpdateSchema,
  erratumInputSchema,
  approveInputSchema,
  followUpInputSchema,
  kindSettingsSchema,
} from '../../../shared/features/meetings/schemas';
import { formatDate, formatDateLong } from '../../../shared/format/fr';
import { translate } from '../../../shared/i18n/index';
import { normalizeKey } from '../../../shared/validation/text';
import { nowIso, type ServiceContext } from '../../app/context';
import { diffFields, recordChange } from '../data/audit';
import type { DB } from '../../store/schema';
import {
  decisionReference,
  earlierInSeries,
  getAgendaItem,
  getAttendance,
  getKindSettings,
  listActions,
  listAgenda,
  listAttendances,
  listDecisions,
  listFollowUps,
  loadMeeting,
} from './queries';

/**
 * The rules of meetings and minutes. Every write runs in one transaction that first checks the
 * meeting's life cycle: approved minutes refuse every change (LOCKED) except an appended erratum;
 * finalized minutes refuse changes until they are reopened.
 */

type Trx = Transaction<DB>;
type Ctx = ServiceContext;

async function inTransaction<T>(ctx: Ctx, fn: (trx: Trx, tctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) => fn(trx, { ...ctx, db: trx }));
}

/** The guard every write goes through. */
export function assertEditable(meeting: Pick<Meeting, 'status' | 'approval' | 'date'>): void {
  if (meeting.status === 'approved') {
    throw new AppError('LOCKED', 'error.meetings.locked', { date: formatDate(meeting.approval?.approvedOn ?? meeting.date) });
  }
  if (meeting.status === 'finalized') throw new AppError('CONFLICT', 'error.meetings.finalized');
}

async function editableMeeting(trx: Trx, meetingId: number): Promise<Meeting> {
  const meeting = await loadMeeting(trx, meetingId);
  assertEditable(meeting);
  return meeting;
}

async function meetingIdOf(trx: Trx, table: 'attendances' | 'agenda_items' | 'decisions' | 'action_items', id: number): Promise<number> {
  const row = await trx.selectFrom(table).select('meeting_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  return row.meeting_id;
}

async function assertPerson(trx: Trx, path: string, personId: number | null): Promise<void> {
  if (personId === null) return;
  const row = await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
  if (!row) throw fieldError(path, 'error.notFound');
}

async function assertOrganisation(trx: Trx, path: string, organisationId: number | null): Promise<void> {
  if (organisationId === null) return;
  const row = await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!row) throw fieldError(path, 'error.notFound');
}

// ——— Kinds ———

export async function saveKindSettings(ctx: Ctx, values: z.output<typeof kindSettingsSchema>): Promise<KindSettingsRecord> {
  const row = { quorum_base: values.quorumBase, quorum_percent: values.quorumPercent, proxies_per_holder: values.proxiesPerHolder, updated_at: nowIso(ctx) };
  await ctx.db
    .insertInto('meeting_kinds')
    .values({ kind: values.kind, ...row })
    .onConflict((oc) => oc.column('kind').doUpdateSet(row))
    .execute();
  return getKindSettings(ctx.db, values.kind);
}

// ——— Meetings ———

async function checkMeetingReferences(trx: Trx, values: MeetingValues): Promise<void> {
  await assertOrganisation(trx, 'hostOrganisationId', values.hostOrganisationId);
  await assertPerson(trx, 'convenedByPersonId', values.convenedByPersonId);
  await assertPerson(trx, 'chairPersonId', values.chairPersonId);
  await assertPerson(trx, 'secretaryPersonId', values.secretaryPersonId);
}

function meetingColumns(values: MeetingValues) {
  return {
    kind: values.kind,
    title: values.title,
    date: values.date,
    start_time: values.startTime,
    end_time: values.endTime,
    host_organisation_id: values.hostOrganisationId,
    address: values.address,
    convened_on: values.convenedOn,
    convened_by_person_id: values.convenedByPersonId,
    convened_how: values.convenedHow,
    chair_person_id: values.chairPersonId,
    secretary_person_id: values.secretaryPersonId,
    note: values.note,
  };
}

function approvalItemTitle(date: string): string {
  return translate('fr', 'meetings.approvalItemTitle', { date: formatDateLong(date) });
}

export async function createMeeting(ctx: Ctx, values: MeetingValues): Promise<Meeting> {
  return inTransaction(ctx, async (trx) => {
    await checkMeetingReferences(trx, values);
    const now = nowIso(ctx);
    const { id } = await trx
      .insertInto('meetings')
      .values({ ...meetingColumns(values), status: 'draft', finalized_at: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The previous meeting's minutes, if not yet approved, are the first point of the new agenda.
    const [previous] = await earlierInSeries(trx, { id, kind: values.kind, date: values.date }, 1);
    if (previous && previous.status !== 'approved') {
      await trx
        .insertInto('agenda_items')
        .values({
          meeting_id: id,
          position: 1,
          title: approvalItemTitle(previous.date),
          presenter_person_id: null,
          planned_minutes: 5,
          discussion: null,
          approves_meeting_id: previous.id,
        })
        .execute();
    }
    return loadMeeting(trx, id);
  });
}

export async function updateMeeting(ctx: Ctx, id: number, values: MeetingValues, version?: number): Promise<Meeting> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meeting = await editableMeeting(trx, id);
    await claimVersion(tctx, 'meetings', id, version);
    await checkMeetingReferences(trx, values);
    if (values.date.slice(0, 4) !== meeting.date.slice(0, 4)) {
      const numbered = await trx.selectFrom('decisions').select('id').where('meeting_id', '=', id).executeTakeFirst();
      if (numbered) throw fieldError('date', 'error.meetings.dateYearHasDecisions', { year: meeting.date.slice(0, 4) });
    }
    if (values.kind !== meeting.kind) {
      const followed = await trx.selectFrom('action_follow_ups').select('id').where('meeting_id', '=', id).executeTakeFirst();
      if (followed) throw fieldError('kind', 'error.meetings.kindHasFollowUps');
    }
    await trx
      .updateTable('meetings')
      .set({ ...meetingColumns(values), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    return loadMeeting(trx, id);
  });
}

export async function deleteMeeting(ctx: Ctx, id: number, version?: number): Promise<{ removed: boolean }> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meeting = await editableMeeting(trx, id);
    await claimVersion(tctx, 'meetings', id, version);
    const referencedBy = await trx
      .selectFrom('agenda_items as i')
      .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
      .select(['m.title', 'm.date'])
      .where('i.approves_meeting_id', '=', id)
      .where('i.meeting_id', '<>', id)
      .executeTakeFirst();
    if (referencedBy) throw new AppError('CONFLICT', 'error.meetings.deleteReferenced', { title: referencedBy.title, date: formatDate(referencedBy.date) });
    const approvedHere = await trx.selectFrom('minutes_approvals').select('meeting_id').where('approved_by_meeting_id', '=', id).executeTakeFirst();
    if (approvedHere) throw new AppError('CONFLICT', 'error.meetings.deleteApprover');
    const followedElsewhere = await trx
      .selectFrom('action_follow_ups as f')
      .innerJoin('action_items as a', 'a.id', 'f.action_id')
      .select('f.id')
      .where('a.meeting_id', '=', id)
      .executeTakeFirst();
    if (followedElsewhere) throw new AppError('CONFLICT', 'error.meetings.deleteFollowedUp');
    await trx.deleteFrom('action_follow_ups').where('meeting_id', '=', id).execute();
    await trx.deleteFrom('action_items').where('meeting_id', '=', id).execute();
    await trx.deleteFrom('decisions').where('meeting_id', '=', id).execute();
    await trx.deleteFrom('agenda_items').where('meeting_id', '=', id).execute();
    await trx.deleteFrom('attendances').where('meeting_id', '=', id).execute();
    await trx.deleteFrom('minutes_errata').where('meeting_id', '=', id).execute();
    const result = await trx.deleteFrom('meetings').where('id', '=', meeting.id).executeTakeFirst();
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

// ——— Attendance ———

/** The person's affiliation on the meeting's date: the organisation they attend for and their role. */
async function affiliationOn(trx: Trx, personId: number, date: string, organisationId?: number | null) {
  let q = trx
    .selectFrom('affiliations as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.organisation_id', 'a.role', 'o.kind'])
    .where('a.person_id', '=', personId)
    .where('a.start_date', '<=', date)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', date)]));
  if (organisationId) q = q.where('a.organisation_id', '=', organisationId);
  // Member organisations first: that is whom people usually attend for.
  const rows = await q.orderBy('a.start_date', 'desc').execute();
  return rows.find((r) => r.kind === 'member') ?? rows[0];
}

export async function inviteVotingRepresentatives(ctx: Ctx, meetingId: number): Promise<{ added: number; skipped: number }> {
  return inTransaction(ctx, async (trx) => {
    const meeting = await editableMeeting(trx, meetingId);
    const year = Number(meeting.date.slice(0, 4));
    const representatives = await trx
      .selectFrom('memberships')
      .select(['organisation_id', 'voting_person_id'])
      .where('year', '=', year)
      .where('voting_person_id', 'is not', null)
      .where((eb) => eb.or([eb('exit_date', 'is', null), eb('exit_date', '>=', meeting.date)]))
      .execute();
    const already = new Set((await trx.selectFrom('attendances').select('person_id').where('meeting_id', '=', meetingId).execute()).map((r) => r.person_id));
    let added = 0;
    for (const r of representatives) {
      const personId = r.voting_person_id!;
      if (already.has(personId)) continue;
      already.add(personId);
      const affiliation = await affiliationOn(trx, personId, meeting.date, r.organisation_id);
      await trx
        .insertInto('attendances')
        .values({
          meeting_id: meetingId,
          person_id: personId,
          organisation_id: r.organisation_id,
          capacity: affiliation?.role ?? null,
          invited: 1,
          voting: 1,
          status: 'pending',
          proxy_holder_person_id: null,
        })
        .execute();
      added++;
    }
    await touch(trx, ctx, meetingId);
    return { added, skipped: representatives.length - added };
  });
}

export async function addAttendee(ctx: Ctx, values: z.output<typeof attendeeInputSchema>): Promise<Attendance> {
  return inTransaction(ctx, async (trx) => {
    const meeting = await editableMeeting(trx, values.meetingId);
    await assertPerson(trx, 'personId', values.personId);
    await assertOrganisation(trx, 'organisationId', values.organisationId);
    const twin = await trx
      .selectFrom('attendances')
      .select('id')
      .where('meeting_id', '=', values.meetingId)
      .where('person_id', '=', values.personId)
      .executeTakeFirst();
    if (twin) throw fieldError('personId', 'error.meetings.alreadyAttendee');
    const affiliation = await affiliationOn(trx, values.personId, meeting.date, values.organisationId);
    const status = values.status ?? (values.invited ? 'pending' : 'present');
    if (status === 'represented') throw fieldError('status', 'error.meetings.holderRequired');
    const { id } = await trx
      .insertInto('attendances')
      .values({
        meeting_id: values.meetingId,
        person_id: values.personId,
        organisation_id: values.organisationId ?? affiliation?.organisation_id ?? null,
        capacity: values.capacity ?? affiliation?.role ?? null,
        invited: values.invited ? 1 : 0,
        voting: values.voting ? 1 : 0,
        status,
        proxy_holder_person_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touch(trx, ctx, values.meetingId);
    return getAttendance(trx, id);
  });
}

export async function updateAttendance(ctx: Ctx, values: z.output<typeof attendanceUpdateSchema>): Promise<Attendance> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'attendances', values.id);
    const meeting = await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'attendances', values.id, values.version);
    const all = await listAttendances(trx, meetingId);
    const current = all.find((a) => a.id === values.id)!;
    await assertOrganisation(trx, 'organisationId', values.organisationId);

    const proxiesHeld = all.filter((a) => a.status === 'represented' && a.proxyHolderPersonId === current.personId && a.id !== current.id);
    if (values.status !== 'present' && proxiesHeld.length > 0) {
      throw fieldError('status', 'error.meetings.holdsProxies', { count: proxiesHeld.length, names: proxiesHeld.map((a) => a.personName).join(', ') });
    }

    let holder: number | null = null;
    if (values.status === 'represented') {
      if (values.proxyHolderPersonId === null) throw fieldError('proxyHolderPersonId', 'error.meetings.holderRequired');
      if (values.proxyHolderPersonId === current.personId) throw fieldError('proxyHolderPersonId', 'error.meetings.holderSelf');
      const holderAttendance = all.find((a) => a.personId === values.proxyHolderPersonId);
      if (!holderAttendance || holderAttendance.status !== 'present') {
        const person = await trx.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', values.proxyHolderPersonId).executeTakeFirst();
        if (!person) throw fieldError('proxyHolderPersonId', 'error.notFound');
        throw fieldError('proxyHolderPersonId', 'error.meetings.holderNotPresent', { name: `${person.first_name} ${person.last_name}` });
      }
      const settings = await getKindSettings(trx, meeting.kind);
      const held = all.filter((a) => a.status === 'represented' && a.proxyHolderPersonId === values.proxyHolderPersonId && a.id !== current.id).length;
      if (settings.proxiesPerHolder === 0) throw fieldError('proxyHolderPersonId', 'error.meetings.proxiesNotAllowed');
      if (held + 1 > settings.proxiesPerHolder) {
        throw fieldError('proxyHolderPersonId', 'error.meetings.proxyCap', { name: holderAttendance.personName, max: settings.proxiesPerHolder });
      }
      holder = values.proxyHolderPersonId;
    }

    await trx
      .updateTable('attendances')
      .set({
        status: values.status,
        proxy_holder_person_id: holder,
        organisation_id: values.organisationId,
        capacity: values.capacity,
        voting: values.voting ? 1 : 0,
      })
      .where('id', '=', values.id)
      .execute();
    await touch(trx, ctx, meetingId);
    const after = await getAttendance(trx, values.id);
    const changes = diffFields(current, after, ['status', 'proxyHolderPersonId', 'organisationId', 'capacity', 'voting']);
    if (Object.keys(changes).length) {
      await recordChange({ ...ctx, db: trx }, { entity: 'attendance', entityId: values.id, action: 'update', summary: { changes }, parent: { entity: 'meeting', id: meetingId } });
    }
    return after;
  });
}

export async function removeAttendee(ctx: Ctx, id: number, version?: number): Promise<{ removed: boolean }> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'attendances', id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'attendances', id, version);
    const current = await getAttendance(trx, id);
    const held = await trx
      .selectFrom('attendances')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'represented')
      .where('proxy_holder_person_id', '=', current.personId)
      .execute();
    if (held.length > 0) throw new AppError('CONFLICT', 'error.meetings.removeHolder', { name: current.personName, count: held.length });
    const result = await trx.deleteFrom('attendances').where('id', '=', id).executeTakeFirst();
    await recordChange({ ...ctx, db: trx }, { entity: 'attendance', entityId: id, action: 'delete', summary: { personId: current.personId }, parent: { entity: 'meeting', id: meetingId } });
    await touch(trx, ctx, meetingId);
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

// ——— Agenda ———

async function touch(trx: Trx, ctx: Ctx, meetingId: number): Promise<void> {
  await trx.updateTable('meetings').set({ updated_at: nowIso(ctx) }).where('id', '=', meetingId).execute();
}

export async function addAgendaItem(ctx: Ctx, values: z.output<typeof agendaItemInputSchema> & { approvesMeetingId?: number | null }): Promise<AgendaItem> {
  return inTransaction(ctx, async (trx) => {
    await editableMeeting(trx, values.meetingId);
    await assertPerson(trx, 'presenterPersonId', values.presenterPersonId);
    const last = await trx
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('meeting_id', '=', values.meetingId)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('agenda_items')
      .values({
        meeting_id: values.meetingId,
        position: Number(last?.position ?? 0) + 1,
        title: values.title,
        presenter_person_id: values.presenterPersonId,
        planned_minutes: values.plannedMinutes,
        discussion: null,
        approves_meeting_id: values.approvesMeetingId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touch(trx, ctx, values.meetingId);
    return getAgendaItem(trx, id);
  });
}

/** Puts the approval of an earlier meeting's minutes of the series on this agenda. */
export async function addApprovalItem(ctx: Ctx, meetingId: number, approvesMeetingId: number): Promise<AgendaItem> {
  const meeting = await loadMeeting(ctx.db, meetingId);
  const target = await loadMeeting(ctx.db, approvesMeetingId);
  if (target.kind !== meeting.kind || target.date > meeting.date || target.id === meeting.id) throw fieldError('approvesMeetingId', 'error.meetings.approverBefore');
  return addAgendaItem(ctx, { meetingId, title: approvalItemTitle(target.date), presenterPersonId: null, plannedMinutes: 5, approvesMeetingId });
}

export async function updateAgendaItem(ctx: Ctx, values: z.output<typeof agendaItemUpdateSchema>): Promise<AgendaItem> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'agenda_items', values.id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'agenda_items', values.id, values.version);
    await assertPerson(trx, 'presenterPersonId', values.presenterPersonId);
    await trx
      .updateTable('agenda_items')
      .set({ title: values.title, presenter_person_id: values.presenterPersonId, planned_minutes: values.plannedMinutes })
      .where('id', '=', values.id)
      .execute();
    await touch(trx, ctx, meetingId);
    return getAgendaItem(trx, values.id);
  });
}

export async function saveDiscussion(ctx: Ctx, id: number, discussion: string | null, version?: number): Promise<AgendaItem> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'agenda_items', id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'agenda_items', id, version);
    await trx.updateTable('agenda_items').set({ discussion }).where('id', '=', id).execute();
    await touch(trx, ctx, meetingId);
    return getAgendaItem(trx, id);
  });
}

export async function removeAgendaItem(ctx: Ctx, id: number, version?: number): Promise<{ removed: boolean }> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'agenda_items', id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'agenda_items', id, version);
    const decisions = await trx.selectFrom('decisions').select('id').where('agenda_item_id', '=', id).execute();
    const actions = await trx.selectFrom('action_items').select('id').where('agenda_item_id', '=', id).execute();
    if (decisions.length + actions.length > 0) {
      throw new AppError('CONFLICT', 'error.meetings.itemNotEmpty', { decisions: decisions.length, actions: actions.length });
    }
    const result = await trx.deleteFrom('agenda_items').where('id', '=', id).executeTakeFirst();
    await renumber(trx, meetingId);
    await touch(trx, ctx, meetingId);
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

async function renumber(trx: Trx, meetingId: number, order?: number[]): Promise<void> {
  const ids = order ?? (await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute()).map((r) => r.id);
  for (const [index, id] of ids.entries()) {
    await trx.updateTable('agenda_items').set({ position: index + 1 }).where('id', '=', id).execute();
  }
}

export async function reorderAgenda(ctx: Ctx, meetingId: number, itemIds: number[]): Promise<{ items: AgendaItem[] }> {
  return inTransaction(ctx, async (trx) => {
    await editableMeeting(trx, meetingId);
    const existing = (await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute()).map((r) => r.id);
    const same = existing.length === itemIds.length && new Set(itemIds).size === itemIds.length && itemIds.every((id) => existing.includes(id));
    if (!same) throw fieldError('itemIds', 'error.meetings.reorderMismatch');
    await renumber(trx, meetingId, itemIds);
    await touch(trx, ctx, meetingId);
    return { items: await listAgenda(trx, meetingId) };
  });
}

// ——— Decisions ———

async function assertVotes(trx: Trx, meetingId: number, values: { voteMode: string; votesFor: number | null; votesAgainst: number | null; votesAbstain: number | null }) {
  if (values.voteMode !== 'vote') return;
  const voters = countVoters(await listAttendances(trx, meetingId));
  const votes = (values.votesFor ?? 0) + (values.votesAgainst ?? 0) + (values.votesAbstain ?? 0);
  if (votes > voters) throw fieldError('votesFor', 'error.meetings.votesExceedVoters', { votes, voters });
}

function voteColumns(values: z.output<typeof decisionUpdateSchema>) {
  const vote = values.voteMode === 'vote';
  return {
    text: values.text,
    vote_mode: values.voteMode,
    votes_for: vote ? values.votesFor : null,
    votes_against: vote ? (values.votesAgainst ?? 0) : null,
    votes_abstain: vote ? (values.votesAbstain ?? 0) : null,
  };
}

export async function addDecision(ctx: Ctx, values: z.output<typeof decisionInputSchema>): Promise<Decision> {
  return inTransaction(ctx, async (trx) => {
    const meetingId = await meetingIdOf(trx, 'agenda_items', values.agendaItemId).catch(() => {
      throw fieldError('agendaItemId', 'error.notFound');
    });
    const meeting = await editableMeeting(trx, meetingId);
    await assertVotes(trx, meetingId, values);
    const year = Number(meeting.date.slice(0, 4));
    // Numbered in the same transaction as the insert: two decisions can never share a number.
    const counter = await trx.selectFrom('decision_counters').select('last_number').where('year', '=', year).executeTakeFirst();
    const highest = await trx.selectFrom('decisions').select((eb) => eb.fn.max('number').as('n')).where('year', '=', year).executeTakeFirst();
    const number = Math.max(counter?.last_number ?? 0, Number(highest?.n ?? 0)) + 1;
    await trx
      .insertInto('decision_counters')
      .values({ year, last_number: number })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: number }))
      .execute();
    const columns = voteColumns({ ...values, id: 0 });
    const { id } = await trx
      .insertInto('decisions')
      .values({
        meeting_id: meetingId,
        agenda_item_id: values.agendaItemId,
        year,
        number,
        search_key: normalizeKey(`${values.text} ${decisionReference(year, number)}`),
        created_at: nowIso(ctx),
        ...columns,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touch(trx, ctx, meetingId);
    return (await listDecisions(trx, { id }))[0]!;
  });
}

export async function updateDecision(ctx: Ctx, values: z.output<typeof decisionUpdateSchema>): Promise<Decision> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'decisions', values.id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'decisions', values.id, values.version);
    await assertVotes(trx, meetingId, values);
    const current = (await listDecisions(trx, { id: values.id }))[0]!;
    // A decision may move to another point of the same meeting; its number stays (numbers are never given twice).
    const agendaItemId = values.agendaItemId ?? current.agendaItemId;
    if (agendaItemId !== current.agendaItemId) {
      const item = await trx.selectFrom('agenda_items').select('meeting_id').where('id', '=', agendaItemId).executeTakeFirst();
      if (!item || item.meeting_id !== meetingId) throw fieldError('agendaItemId', 'error.notFound');
    }
    await trx
      .updateTable('decisions')
      .set({ ...voteColumns(values), agenda_item_id: agendaItemId, search_key: normalizeKey(`${values.text} ${current.reference}`) })
      .where('id', '=', values.id)
      .execute();
    await touch(trx, ctx, meetingId);
    const after = (await listDecisions(trx, { id: values.id }))[0]!;
    const changes = diffFields(current, after, ['text', 'voteMode', 'votesFor', 'votesAgainst', 'votesAbstain', 'agendaItemId']);
    if (Object.keys(changes).length) {
      await recordChange({ ...ctx, db: trx }, { entity: 'decision', entityId: values.id, action: 'update', summary: { reference: current.reference, changes }, parent: { entity: 'meeting', id: meetingId } });
    }
    return after;
  });
}

export async function removeDecision(ctx: Ctx, id: number, version?: number): Promise<{ removed: boolean }> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'decisions', id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'decisions', id, version);
    const current = (await listDecisions(trx, { id }))[0]!;
    const result = await trx.deleteFrom('decisions').where('id', '=', id).executeTakeFirst();
    await recordChange({ ...ctx, db: trx }, { entity: 'decision', entityId: id, action: 'delete', summary: { reference: current.reference }, parent: { entity: 'meeting', id: meetingId } });
    await touch(trx, ctx, meetingId);
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

// ——— Actions ———

async function checkAction(trx: Trx, meetingId: number, values: { agendaItemId: number | null; ownerPersonId: number | null; ownerOrganisationId: number | null }) {
  if (values.agendaItemId !== null) {
    const item = await trx.selectFrom('agenda_items').select('meeting_id').where('id', '=', values.agendaItemId).executeTakeFirst();
    if (!item || item.meeting_id !== meetingId) throw fieldError('agendaItemId', 'error.notFound');
  }
  await assertPerson(trx, 'ownerPersonId', values.ownerPersonId);
  await assertOrganisation(trx, 'ownerOrganisationId', values.ownerOrganisationId);
}

function actionColumns(values: z.output<typeof actionUpdateSchema>) {
  return {
    agenda_item_id: values.agendaItemId,
    text: values.text,
    owner_person_id: values.ownerPersonId,
    owner_organisation_id: values.ownerOrganisationId,
    due_date: values.dueDate,
    status: values.status,
  };
}

export async function addAction(ctx: Ctx, values: z.output<typeof actionInputSchema>): Promise<ActionItem> {
  return inTransaction(ctx, async (trx) => {
    await editableMeeting(trx, values.meetingId);
    await checkAction(trx, values.meetingId, values);
    const { id } = await trx
      .insertInto('action_items')
      .values({ meeting_id: values.meetingId, created_at: nowIso(ctx), ...actionColumns({ ...values, id: 0 }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touch(trx, ctx, values.meetingId);
    return (await listActions(trx, { id }))[0]!;
  });
}

export async function updateAction(ctx: Ctx, values: z.output<typeof actionUpdateSchema>): Promise<ActionItem> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'action_items', values.id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'action_items', values.id, values.version);
    await checkAction(trx, meetingId, values);
    const current = (await listActions(trx, { id: values.id }))[0]!;
    await trx.updateTable('action_items').set(actionColumns(values)).where('id', '=', values.id).execute();
    await touch(trx, ctx, meetingId);
    const after = (await listActions(trx, { id: values.id }))[0]!;
    const changes = diffFields(current, after, ['text', 'ownerPersonId', 'ownerOrganisationId', 'dueDate', 'status', 'agendaItemId']);
    if (Object.keys(changes).length) {
      await recordChange({ ...ctx, db: trx }, { entity: 'action', entityId: values.id, action: 'update', summary: { changes }, parent: { entity: 'meeting', id: meetingId } });
    }
    return after;
  });
}

export async function removeAction(ctx: Ctx, id: number, version?: number): Promise<{ removed: boolean }> {
  return inTransaction(ctx, async (trx, tctx) => {
    const meetingId = await meetingIdOf(trx, 'action_items', id);
    await editableMeeting(trx, meetingId);
    await claimVersion(tctx, 'action_items', id, version);
    const followed = await trx.selectFrom('action_follow_ups').select('id').where('action_id', '=', id).executeTakeFirst();
    if (followed) throw new AppError('CONFLICT', 'error.meetings.actionFollowedUp');
    const result = await trx.deleteFrom('action_items').where('id', '=', id).executeTakeFirst();
    await recordChange({ ...ctx, db: trx }, { entity: 'action', entityId: id, action: 'delete', parent: { entity: 'meeting', id: meetingId } });
    await touch(trx, ctx, meetingId);
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

export async function recordFollowUp(ctx: Ctx, values: z.output<typeof followUpInputSchema>): Promise<{ recorded: boolean }> {
  return inTransaction(ctx, async (trx) => {
    const meeting = await editableMeeting(trx, values.meetingId);
    const listed = await listFollowUps(trx, meeting);
    if (!listed.some((f) => f.action.id === values.actionId)) throw fieldError('actionId', 'error.meetings.notForFollowUp');
    const row = {
      outcome: values.outcome,
      new_due_date: values.outcome === 'carried_over' ? values.newDueDate : null,
      note: values.note,
    };
    await trx
      .insertInto('action_follow_ups')
      .values({ meeting_id: values.meetingId, action_id: values.actionId, ...row })
      .onConflict((oc) => oc.columns(['meeting_id', 'action_id']).doUpdateSet(row))
      .execute();
    await touch(trx, ctx, values.meetingId);
    return { recorded: true };
  });
}

export async function clearFollowUp(ctx: Ctx, meetingId: number, actionId: number): Promise<{ removed: boolean }> {
  return inTransaction(ctx, async (trx) => {
    await editableMeeting(trx, meetingId);
    const result = await trx.deleteFrom('action_follow_ups').where('meeting_id', '=', meetingId).where('action_id', '=', actionId).executeTakeFirst();
    await touch(trx, ctx, meetingId);
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

// ——— Life cycle ———

export async function finalizeMinutes(ctx: Ctx, id: number): Promise<Meeting> {
  return inTransaction(ctx, async (trx) => {
    const meeting = await loadMeeting(trx, id);
    if (meeting.status === 'approved') assertEditable(meeting);
    if (meeting.status === 'finalized') throw new AppError('CONFLICT', 'error.meetings.alreadyFinalized');
    const now = nowIso(ctx);
    await trx.updateTable('meetings').set({ status: 'finalized', finalized_at: now, updated_at: now }).where('id', '=', id).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'minutes', entityId: id, action: 'finalize', parent: { entity: 'meeting', id } });
    return loadMeeting(trx, id);
  });
}

export async function reopenMinutes(ctx: Ctx, id: number): Promise<Meeting> {
  return inTransaction(ctx, async (trx) => {
    const meeting = await loadMeeting(trx, id);
    if (meeting.status === 'approved') assertEditable(meeting);
    if (meeting.status === 'draft') throw new AppError('CONFLICT', 'error.meetings.alreadyDraft');
    await trx.updateTable('meetings').set({ status: 'draft', finalized_at: null, updated_at: nowIso(ctx) }).where('id', '=', id).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'minutes', entityId: id, action: 'reopen', parent: { entity: 'meeting', id } });
    return loadMeeting(trx, id);
  });
}

export async function approveMinutes(ctx: Ctx, values: z.output<typeof approveInputSchema>): Promise<Meeting> {
  const { meetingId, approvedByMeetingId } = values;
  return inTransaction(ctx, async (trx) => {
    const meeting = await loadMeeting(trx, meetingId);
    if (meeting.status === 'approved') assertEditable(meeting);
    if (meeting.status !== 'finalized') throw new AppError('CONFLICT', 'error.meetings.approveDraft');
    const approver = await loadMeeting(trx, approvedByMeetingId).catch(() => {
      throw fieldError('approvedByMeetingId', 'error.notFound');
    });
    if (approver.id === meeting.id || approver.date < meeting.date) throw fieldError('approvedByMeetingId', 'error.meetings.approverBefore');
    // The approval is recorded in the approving meeting's minutes: that meeting must still be open.
    assertEditable(approver);
    // Voted like a decision of the approving meeting: no more votes than its voters, and adopted.
    await assertVotes(trx, approvedByMeetingId, values);
    const vote = values.voteMode === 'vote';
    const votesFor = vote ? (values.votesFor ?? 0) : null;
    const votesAgainst = vote ? (values.votesAgainst ?? 0) : null;
    if (vote && votesFor! <= votesAgainst!) throw fieldError('votesFor', 'approval.notAdopted', { for: votesFor!, against: votesAgainst! });
    const now = nowIso(ctx);
    await trx
      .insertInto('minutes_approvals')
      .values({
        meeting_id: meetingId,
        approved_by_meeting_id: approvedByMeetingId,
        approved_on: approver.date,
        recorded_at: now,
        vote_mode: values.voteMode,
        votes_for: votesFor,
        votes_against: votesAgainst,
        votes_abstain: vote ? (values.votesAbstain ?? 0) : null,
      })
      .execute();
    await trx.updateTable('meetings').set({ status: 'approved', updated_at: now }).where('id', '=', meetingId).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'minutes', entityId: meetingId, action: 'approve', summary: { approvedByMeetingId, voteMode: values.voteMode }, parent: { entity: 'meeting', id: meetingId } });
    await touch(trx, ctx, approvedByMeetingId);
    return loadMeeting(trx, meetingId);
  });
}

export async function addErratum(ctx: Ctx, values: z.output<typeof erratumInputSchema>) {
  return inTransaction(ctx, async (trx) => {
    const meeting = await loadMeeting(trx, values.meetingId);
    if (meeting.status !== 'approved') throw new AppError('CONFLICT', 'error.meetings.erratumBeforeApproval');
    if (meeting.approval && values.date < meeting.approval.approvedOn) throw fieldError('date', 'error.meetings.erratumDate', { date: formatDate(meeting.approval.approvedOn) });
    const now = nowIso(ctx);
    const row = await trx
      .insertInto('minutes_errata')
      .values({ meeting_id: values.meetingId, date: values.date, text: values.text, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange({ ...ctx, db: trx }, { entity: 'minutes', entityId: values.meetingId, action: 'erratum', summary: { erratumId: row.id }, parent: { entity: 'meeting', id: values.meetingId } });
    return { id: row.id, date: row.date, text: row.text, createdAt: row.created_at };
  });
}

export type { MeetingKind };
