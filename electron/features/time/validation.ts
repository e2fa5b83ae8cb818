import type { Selectable } from 'kysely';
import type { TimeChangeRequestsTable } from './tables';
import type { z } from 'zod';
import { AppError, fieldError, type FieldIssue } from '../../../shared/api/errors';
import { monthRange } from '../../../shared/features/time/period';
import type { EntryStatus, Nature } from '../../../shared/features/time/schemas';
import type {
  ChangeRequest,
  Overview,
  Reminder,
  RequestedCell,
  ReviewLine,
  ReviewList,
  changeRequestInputSchema,
  reviewLinesInputSchema,
} from '../../../shared/features/time/validation';
import { formatDuration } from '../../../shared/features/time/duration';
import { formatMonth } from '../../../shared/format/fr';
import { nowIso, type ServiceContext } from '../../app/context';
import { actorOf, recordChange } from '../data/audit';
import { ensureDefaultIndicators } from '../activities/observatory';
import { getSettings } from '../settings/service';
import { categoryNames } from './categories';
import { chunks, personNameSql } from './common';
import { saveGridWithin } from './grid';
import { assertMayReview, scopedOrganisation, structureCaller } from './review-rules';

type ReviewLinesInput = z.output<typeof reviewLinesInputSchema>;
type ChangeRequestInput = z.output<typeof changeRequestInputSchema>;

async function organisationName(ctx: ServiceContext, id: number): Promise<string> {
  const org = await ctx.db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  if (!org) throw fieldError('organisationId', 'error.notFound');
  return org.name;
}

/** Lines « à valider » and refused lines (of one organisation and month when asked), the open change requests, the validated months. */
export async function listReview(ctx: ServiceContext, query: { organisationId?: number; month?: string }): Promise<ReviewList> {
  const organisationId = scopedOrganisation(ctx, query.organisationId);
  const range = query.month ? monthRange(query.month) : null;
  const rows = await ctx.db
    .selectFrom('time_entries as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .innerJoin('time_categories as c', 'c.id', 'e.category_id')
    .leftJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.organisation_id', 'o.name as organisation_name', 'e.person_id', 'e.date', 'e.minutes', 'c.name as category_name', 'e.nature', 'e.status', 'e.review_reason'])
    .select(personNameSql.as('person_name'))
    // Written as the partial index `time_entries_waiting` is, so that it is used.
    .where('e.status', '<>', 'validated')
    .$if(organisationId !== undefined, (q) => q.where('e.organisation_id', '=', organisationId!))
    .$if(range !== null, (q) => q.where('e.date', '>=', range!.from).where('e.date', '<=', range!.to))
    .orderBy('o.name_key')
    .orderBy('e.date')
    .orderBy('p.last_name')
    .orderBy('e.id')
    .limit(5000)
    .execute();
  const lines: ReviewLine[] = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    personId: r.person_id,
    personName: r.person_id === null ? null : r.person_name,
    date: r.date,
    minutes: r.minutes,
    categoryName: r.category_name,
    nature: r.nature as Nature,
    status: r.status as EntryStatus,
    reviewReason: r.review_reason,
  }));
  const requests = await listRequests(ctx, { organisationId, month: query.month, pendingOnly: !structureCaller(ctx) });
  const validatedMonths = await ctx.db
    .selectFrom('time_month_validations')
    .select(['organisation_id', 'month', 'validated_at', 'validated_by'])
    .$if(organisationId !== undefined, (q) => q.where('organisation_id', '=', organisationId!))
    .$if(query.month !== undefined, (q) => q.where('month', '=', query.month!))
    .orderBy('month', 'desc')
    .limit(500)
    .execute();
  return {
    lines,
    requests,
    pendingMinutes: lines.filter((l) => l.status === 'pending').reduce((s, l) => s + l.minutes, 0),
    refusedMinutes: lines.filter((l) => l.status === 'refused').reduce((s, l) => s + l.minutes, 0),
    validatedMonths: validatedMonths.map((v) => ({ organisationId: v.organisation_id, month: v.month, validatedAt: v.validated_at, validatedBy: v.validated_by })),
  };
}

/** Validates every line « à valider » of the month and records the month as validated (once; again later validates what came since). */
export async function validateMonth(ctx: ServiceContext, input: { organisationId: number; month: string }): Promise<{ validated: number }> {
  assertMayReview(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await organisationName(tctx, input.organisationId);
    const { from, to } = monthRange(input.month);
    const now = nowIso(ctx);
    const by = actorOf(ctx);
    const result = await trx
      .updateTable('time_entries')
      .set({ status: 'validated', review_reason: null, reviewed_at: now, reviewed_by: by })
      .where('organisation_id', '=', input.organisationId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const validated = Number(result.numUpdatedRows);
    const existing = await trx
      .selectFrom('time_month_validations')
      .select('id')
      .where('organisation_id', '=', input.organisationId)
      .where('month', '=', input.month)
      .executeTakeFirst();
    let id: number;
    if (existing) {
      id = existing.id;
      await trx.updateTable('time_month_validations').set({ validated_at: now, validated_by: by }).where('id', '=', id).execute();
    } else {
      id = (
        await trx
          .insertInto('time_month_validations')
          .values({ organisation_id: input.organisationId, month: input.month, validated_at: now, validated_by: by })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    await recordChange(tctx, {
      entity: 'time_month',
      entityId: id,
      action: 'validate',
      summary: { month: input.month, validated },
      parent: { entity: 'organisation', id: input.organisationId },
    });
    return { validated };
  });
}

/** Line by line: validates lines « à valider » or refused, or refuses lines « à valider » with the reason the structure will read. */
export async function reviewLines(ctx: ServiceContext, input: ReviewLinesInput): Promise<{ validated: number; refused: number }> {
  assertMayReview(ctx);
  const ids = [...new Set(input.ids)];
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const rows = [];
    for (const part of chunks(ids)) rows.push(...(await trx.selectFrom('time_entries').select(['id', 'organisation_id', 'date', 'minutes', 'status']).where('id', 'in', part).execute()));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const issues: FieldIssue[] = [];
    ids.forEach((id, i) => {
      const row = byId.get(id);
      if (!row) issues.push({ path: `ids[${i}]`, key: 'error.notFound' });
      else if (input.decision === 'refuse' && row.status !== 'pending')
        issues.push({ path: `ids[${i}]`, key: 'error.timeValidation.notPending', params: { date: row.date, duration: formatDuration(row.minutes) } });
      else if (input.decision === 'validate' && row.status === 'validated')
        issues.push({ path: `ids[${i}]`, key: 'error.timeValidation.alreadyValidated', params: { date: row.date, duration: formatDuration(row.minutes) } });
    });
    if (issues.length) throw new AppError('VALIDATION', 'error.validation', undefined, issues);
    const now = nowIso(ctx);
    const by = actorOf(ctx);
    const status = input.decision === 'validate' ? 'validated' : 'refused';
    for (const part of chunks(ids)) {
      await trx
        .updateTable('time_entries')
        .set({ status, review_reason: input.decision === 'refuse' ? input.reason! : null, reviewed_at: now, reviewed_by: by })
        .where('id', 'in', part)
        .execute();
    }
    for (const row of rows) {
      await recordChange(tctx, {
        entity: 'time_entry',
        entityId: row.id,
        action: input.decision,
        summary: { date: row.date, minutes: row.minutes, ...(input.decision === 'refuse' ? { reason: input.reason } : {}) },
        parent: { entity: 'organisation', id: row.organisation_id },
      });
    }
    return { validated: input.decision === 'validate' ? ids.length : 0, refused: input.decision === 'refuse' ? ids.length : 0 };
  });
}

interface StoredCell {
  personId: number | null;
  categoryId: number;
  from: string;
  to: string;
  minutes: number;
  beforeMinutes: number;
}

function parseCells(json: string): StoredCell[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as StoredCell[]) : [];
}

/** A request as stored, with its organisation's name. */
type RequestRow = Selectable<TimeChangeRequestsTable> & { organisation_name: string };

async function toRequests(ctx: ServiceContext, rows: RequestRow[]): Promise<ChangeRequest[]> {
  if (rows.length === 0) return [];
  const cells = rows.map((r) => parseCells(r.changes));
  const personIds = [...new Set(cells.flat().map((c) => c.personId).filter((id): id is number => id !== null))];
  const people = personIds.length ? await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name']).where('id', 'in', personIds).execute() : [];
  const names = new Map(people.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
  const categories = new Map((await categoryNames(ctx)).map((c) => [c.id, c.name]));
  return rows.map((r, i) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    month: r.month,
    nature: r.nature as Nature,
    changes: cells[i]!.map(
      (c): RequestedCell => ({
        ...c,
        personName: c.personId === null ? null : names.get(c.personId) ?? '',
        categoryName: categories.get(c.categoryId) ?? '',
      }),
    ),
    reason: r.reason,
    status: r.status as ChangeRequest['status'],
    requestedAt: r.requested_at,
    requestedBy: r.requested_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
  }));
}

function requestQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('time_change_requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .selectAll('r')
    .select('o.name as organisation_name');
}

async function listRequests(ctx: ServiceContext, q: { organisationId?: number; month?: string; pendingOnly: boolean }): Promise<ChangeRequest[]> {
  const rows = await requestQuery(ctx)
    .$if(q.organisationId !== undefined, (x) => x.where('r.organisation_id', '=', q.organisationId!))
    .$if(q.month !== undefined, (x) => x.where('r.month', '=', q.month!))
    .$if(q.pendingOnly, (x) => x.where('r.status', '=', 'pending'))
    .orderBy('r.requested_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(200)
    .execute();
  return toRequests(ctx, rows);
}

async function getRequest(ctx: ServiceContext, id: number): Promise<ChangeRequest> {
  const row = await requestQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  return (await toRequests(ctx, [row]))[0]!;
}

/** The cells of a grid that differ from the entries, each with the minutes it holds now. */
async function changedCells(ctx: ServiceContext, input: ChangeRequestInput): Promise<StoredCell[]> {
  const { from, to } = monthRange(input.month);
  const existing = await ctx.db
    .selectFrom('time_entries')
    .select(['person_id', 'category_id', 'date', 'minutes'])
    .where('organisation_id', '=', input.organisationId)
    .where('nature', '=', input.nature)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  const out: StoredCell[] = [];
  const issues: FieldIssue[] = [];
  input.rows.forEach((row, r) =>
    row.cells.forEach((cell, c) => {
      if (cell.from < from || cell.to > to || cell.to < cell.from) {
        issues.push({ path: `rows[${r}].cells[${c}].minutes`, key: 'error.time.gridOutsideMonth', params: { line: '', date: cell.from } });
        return;
      }
      const before = existing
        .filter((e) => e.person_id === row.personId && e.category_id === row.categoryId && e.date >= cell.from && e.date <= cell.to)
        .reduce((s, e) => s + e.minutes, 0);
      if (before !== cell.minutes) out.push({ personId: row.personId, categoryId: row.categoryId, from: cell.from, to: cell.to, minutes: cell.minutes, beforeMinutes: before });
    }),
  );
  if (issues.length) throw new AppError('VALIDATION', 'error.validation', undefined, issues);
  return out;
}

/** A member organisation asks to change its validated month: the changed cells are kept with the reason, nothing is written yet. */
export async function requestChange(ctx: ServiceContext, input: ChangeRequestInput): Promise<ChangeRequest> {
  const organisationId = scopedOrganisation(ctx, input.organisationId)!;
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await organisationName(tctx, organisationId);
    const cells = await changedCells(tctx, { ...input, organisationId });
    if (cells.length === 0) throw fieldError('rows', 'error.timeValidation.nothingToChange');
    const { id } = await trx
      .insertInto('time_change_requests')
      .values({
        organisation_id: organisationId,
        month: input.month,
        nature: input.nature,
        changes: JSON.stringify(cells),
        reason: input.reason,
        status: 'pending',
        requested_at: nowIso(ctx),
        requested_by: actorOf(ctx),
        decided_at: null,
        decided_by: null,
        decision_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(tctx, {
      entity: 'time_change_request',
      entityId: id,
      action: 'request',
      summary: { month: input.month, nature: input.nature, cells: cells.length },
      parent: { entity: 'organisation', id: organisationId },
    });
    return getRequest(tctx, id);
  });
}

async function pendingRequest(ctx: ServiceContext, id: number) {
  const row = await ctx.db.selectFrom('time_change_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  if (row.status !== 'pending') throw new AppError('CONFLICT', 'error.timeValidation.alreadyDecided');
  return row;
}

/**
 * The secretariat accepts: each cell must still hold what it held when asked (otherwise CONFLICT,
 * nothing written); the cells are written as the secretariat's own (validated), in the same transaction.
 */
export async function acceptRequest(ctx: ServiceContext, id: number): Promise<ChangeRequest> {
  assertMayReview(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const row = await pendingRequest(tctx, id);
    const cells = parseCells(row.changes);
    const request = { organisationId: row.organisation_id, month: row.month, nature: row.nature as Nature };
    const now = await changedCells(tctx, { ...request, reason: row.reason, rows: groupCells(cells.map((c) => ({ ...c, minutes: c.beforeMinutes }))) });
    if (now.length > 0) throw new AppError('CONFLICT', 'error.timeValidation.changedSince', { month: formatMonth(row.month) });
    const written = await saveGridWithin(tctx, { ...request, rows: groupCells(cells) });
    await trx.updateTable('time_change_requests').set({ status: 'accepted', decided_at: nowIso(ctx), decided_by: actorOf(ctx) }).where('id', '=', id).execute();
    await recordChange(tctx, {
      entity: 'time_change_request',
      entityId: id,
      action: 'accept',
      summary: { month: row.month, created: written.created, updated: written.updated, deleted: written.deleted },
      parent: { entity: 'organisation', id: row.organisation_id },
    });
    return getRequest(tctx, id);
  });
}

function groupCells(cells: readonly Omit<StoredCell, 'beforeMinutes'>[]) {
  const rows = new Map<string, { personId: number | null; categoryId: number; cells: { from: string; to: string; minutes: number }[] }>();
  for (const c of cells) {
    const key = `${c.personId}|${c.categoryId}`;
    const row = rows.get(key) ?? { personId: c.personId, categoryId: c.categoryId, cells: [] };
    row.cells.push({ from: c.from, to: c.to, minutes: c.minutes });
    rows.set(key, row);
  }
  return [...rows.values()];
}

export async function refuseRequest(ctx: ServiceContext, id: number, reason: string): Promise<ChangeRequest> {
  assertMayReview(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const row = await pendingRequest(tctx, id);
    await trx
      .updateTable('time_change_requests')
      .set({ status: 'refused', decided_at: nowIso(ctx), decided_by: actorOf(ctx), decision_reason: reason })
      .where('id', '=', id)
      .execute();
    await recordChange(tctx, {
      entity: 'time_change_request',
      entityId: id,
      action: 'refuse',
      summary: { month: row.month, reason },
      parent: { entity: 'organisation', id: row.organisation_id },
    });
    return getRequest(tctx, id);
  });
}

/**
 * Who has entered what: every member organisation of the month's year (and any other with hours that month),
 * its month entered, validated, waiting, refused, and how many observatory figures of the year it gave.
 */
export async function overview(ctx: ServiceContext, query: { month: string; year: number }): Promise<Overview> {
  assertMayReview(ctx);
  // The indicators are created on first use: count them as the observatory form will show them.
  await ensureDefaultIndicators(ctx);
  const { from, to } = monthRange(query.month);
  const members = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name', 'o.name_key'])
    // Members of the month's year; the figures are those of the observatory year asked for.
    .where('m.year', '=', Number(query.month.slice(0, 4)))
    .where('o.kind', '=', 'member')
    .execute();
  const hours = await ctx.db
    .selectFrom('time_entries as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select(['e.organisation_id', 'o.name', 'o.name_key', 'e.status', (eb) => eb.fn.sum<number>('e.minutes').as('minutes')])
    .where('e.date', '>=', from)
    .where('e.date', '<=', to)
    .groupBy(['e.organisation_id', 'o.name', 'o.name_key', 'e.status'])
    .execute();
  const validations = await ctx.db.selectFrom('time_month_validations').select('organisation_id').where('month', '=', query.month).execute();
  const requests = await ctx.db
    .selectFrom('time_change_requests')
    .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .groupBy('organisation_id')
    .execute();
  const figures = await ctx.db
    .selectFrom('indicator_values as v')
    .innerJoin('indicators as i', 'i.id', 'v.indicator_id')
    .select(['v.organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('v.year', '=', query.year)
    .where('i.active', '=', 1)
    .groupBy('v.organisation_id')
    .execute();
  const indicatorCount = Number(
    (await ctx.db.selectFrom('indicators').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow()).n,
  );
  const orgs = new Map<number, { name: string; key: string }>();
  for (const m of members) orgs.set(m.id, { name: m.name, key: m.name_key });
  for (const h of hours) if (!orgs.has(h.organisation_id)) orgs.set(h.organisation_id, { name: h.name, key: h.name_key });
  const minutesOf = (id: number, status: EntryStatus) => Number(hours.find((h) => h.organisation_id === id && h.status === status)?.minutes ?? 0);
  const lines = [...orgs.entries()]
    .sort((a, b) => a[1].key.localeCompare(b[1].key))
    .map(([id, o]) => {
      const validatedMinutes = minutesOf(id, 'validated');
      const pendingMinutes = minutesOf(id, 'pending');
      const refusedMinutes = minutesOf(id, 'refused');
      return {
        organisationId: id,
        organisationName: o.name,
        enteredMinutes: validatedMinutes + pendingMinutes + refusedMinutes,
        validatedMinutes,
        pendingMinutes,
        refusedMinutes,
        monthValidated: validations.some((v) => v.organisation_id === id),
        openRequests: Number(requests.find((r) => r.organisation_id === id)?.n ?? 0),
        figuresReceived: Number(figures.find((f) => f.organisation_id === id)?.n ?? 0),
        indicatorCount,
      };
    });
  return { month: query.month, year: query.year, lines };
}

/**
 * The reminder to an organisation about its month: to its own address and to its voting
 * representative of the year, asking also for last year's observatory figures if none came. Nothing is sent here: the mail feature calls this and sends it.
 */
export async function reminderFor(ctx: ServiceContext, organisationId: number, month: string): Promise<Reminder> {
  assertMayReview(ctx);
  const org = await ctx.db.selectFrom('organisations').select(['id', 'name', 'email']).where('id', '=', organisationId).executeTakeFirst();
  if (!org) throw fieldError('organisationId', 'error.notFound');
  const year = Number(month.slice(0, 4));
  // A year's observatory figures are gathered the next year: in 2026 the network asks for 2025's.
  const figuresYear = year - 1;
  const representative = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.voting_person_id')
    .select(['p.first_name', 'p.last_name', 'p.email'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.year', '<=', year)
    .orderBy('m.year', 'desc')
    .executeTakeFirst();
  const recipients: Reminder['recipients'] = [];
  if (org.email) recipients.push({ name: org.name, email: org.email });
  if (representative?.email && representative.email !== org.email)
    recipients.push({ name: `${representative.first_name} ${representative.last_name}`, email: representative.email });
  const { from, to } = monthRange(month);
  const entered = await ctx.db
    .selectFrom('time_entries')
    .select((eb) => eb.fn.sum<number>('minutes').as('m'))
    .where('organisation_id', '=', organisationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .executeTakeFirst();
  const figures = await ctx.db
    .selectFrom('indicator_values')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('year', '=', figuresYear)
    .executeTakeFirstOrThrow();
  const association = (await getSettings(ctx)).associationName;
  const monthLabel = formatMonth(month);
  const minutes = Number(entered?.m ?? 0);
  const lines = [
    'Bonjour,',
    '',
    minutes > 0
      ? `Pour ${monthLabel}, ${org.name} a saisi ${formatDuration(minutes)} à ce jour. Pouvez-vous vérifier que le mois est complet dans « Mon temps » ?`
      : `Nous n’avons pas encore reçu le temps de ${org.name} pour ${monthLabel}. Pouvez-vous le saisir dans « Mon temps » ?`,
    Number(figures.n) === 0 ? `Les chiffres de l’observatoire ${figuresYear} sont aussi attendus (« Mes chiffres »).` : null,
    '',
    'Merci,',
    `Le secrétariat${association ? ` de ${association}` : ''}`,
  ].filter((l): l is string => l !== null);
  return {
    organisationId,
    organisationName: org.name,
    month,
    recipients,
    subject: `${association ? `${association} : ` : ''}votre temps de ${monthLabel}`,
    text: lines.join('\n'),
  };
}
