import type { ExpressionBuilder } from 'kysely';
import { claimVersion } from '../../store/versions';
import { recordChange } from '../data/audit';
import type { z } from 'zod';
import { AppError, fieldError, type FieldIssue } from '../../../shared/api/errors';
import { formatDuration, MAX_MINUTES_PER_DAY } from '../../../shared/features/time/duration';
import type { Entry, EntryStatus, EntryValues, Nature, TimeWarning, Totals, entryFilterSchema, entryListQuerySchema } from '../../../shared/features/time/schemas';
import { entryValueCents, resolveRate } from '../../../shared/features/time/valuation';
import { formatDate } from '../../../shared/format/fr';
import { nowIso, today, type ServiceContext } from '../../app/context';
import { isFarFuture } from '../../../shared/features/time/period';
import type { DB } from '../../store/schema';
import { getSettings } from '../settings/service';
import { activeClosedPeriods, assertDatesOpen, loadRates, periodLocking, personNameSql } from './common';
import { assertStructureMayWrite, assertStructureStaff, reviewColumnsFor } from './review-rules';

export type EntryFilterValues = z.output<typeof entryFilterSchema>;
type ListQuery = z.output<typeof entryListQuerySchema>;

type EntryEb = ExpressionBuilder<DB & { e: DB['time_entries'] }, 'e'>;

/** The `where` of an entry filter; summaries hand the same filter to the list behind each total. */
export function entryConditions(eb: EntryEb, f: EntryFilterValues) {
  const conditions = [];
  if (f.from) conditions.push(eb('e.date', '>=', f.from));
  if (f.to) conditions.push(eb('e.date', '<=', f.to));
  if (f.organisationId !== undefined) conditions.push(eb('e.organisation_id', '=', f.organisationId));
  if (f.personId !== undefined) conditions.push(eb('e.person_id', '=', f.personId));
  if (f.withoutPerson) conditions.push(eb('e.person_id', 'is', null));
  if (f.categoryId !== undefined) conditions.push(eb('e.category_id', '=', f.categoryId));
  if (f.nature !== undefined) conditions.push(eb('e.nature', '=', f.nature));
  if (f.meetingId !== undefined) conditions.push(eb('e.meeting_id', '=', f.meetingId));
  return eb.and(conditions);
}

function entryQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('time_entries as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .innerJoin('time_categories as c', 'c.id', 'e.category_id')
    .leftJoin('people as p', 'p.id', 'e.person_id')
    .select([
      'e.id',
      'e.organisation_id',
      'e.person_id',
      'e.date',
      'e.minutes',
      'e.category_id',
      'e.nature',
      'e.meeting_id',
      'e.activity_id',
      'e.note',
      'e.hourly_rate_cents',
      'e.value_cents',
      'e.status',
      'e.review_reason',
      'e.version',
      'o.name as organisation_name',
      'c.name as category_name',
    ])
    .select(personNameSql.as('person_name'));
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>;

function toEntry(r: EntryRow, locked: boolean): Entry {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    personId: r.person_id,
    personName: r.person_id === null ? null : r.person_name,
    date: r.date,
    minutes: r.minutes,
    categoryId: r.category_id,
    categoryName: r.category_name,
    nature: r.nature as Nature,
    meetingId: r.meeting_id,
    activityId: r.activity_id,
    note: r.note,
    hourlyRateCents: r.hourly_rate_cents,
    valueCents: r.value_cents,
    locked,
    status: r.status as EntryStatus,
    reviewReason: r.review_reason,
    version: r.version,
  };
}

export async function listEntries(ctx: ServiceContext, query: ListQuery): Promise<{ items: Entry[]; totals: Totals }> {
  const periods = await activeClosedPeriods(ctx);
  const limit = query.limit ?? 1000;
  const offset = query.offset ?? 0;
  // The rows of a page all fall on or after the date of its last row: read that date from the date
  // index first, so that only those days are joined and sorted by organisation and person, not the
  // whole ledger (250 000 entries at national scale).
  const boundary = await ctx.db
    .selectFrom('time_entries as e')
    .select('e.date')
    .where((eb) => entryConditions(eb, query))
    .orderBy('e.date', 'desc')
    .limit(1)
    .offset(offset + limit - 1)
    .executeTakeFirst();
  const rows = await entryQuery(ctx)
    .where((eb) => entryConditions(eb as unknown as EntryEb, query))
    .$if(boundary !== undefined, (q) => q.where('e.date', '>=', boundary!.date))
    .orderBy('e.date', 'desc')
    .orderBy('o.name_key')
    .orderBy('p.last_name')
    .orderBy('e.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const totals = await ctx.db
    .selectFrom('time_entries as e')
    .where((eb) => entryConditions(eb, query))
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('e.minutes').as('minutes'), eb.fn.sum<number>('e.value_cents').as('value')])
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => toEntry(r, Boolean(periodLocking(periods, r.date)))),
    totals: { count: Number(totals.count), minutes: Number(totals.minutes ?? 0), valueCents: Number(totals.value ?? 0) },
  };
}

export async function getEntry(ctx: ServiceContext, id: number): Promise<Entry> {
  const row = await entryQuery(ctx).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  return toEntry(row, Boolean(periodLocking(await activeClosedPeriods(ctx), row.date)));
}

/** Minutes a person already has on a day, all organisations, without the entries being rewritten. */
export async function minutesOfPersonOnDays(ctx: ServiceContext, personId: number, dates: readonly string[], exceptIds: readonly number[] = []) {
  if (dates.length === 0) return new Map<string, number>();
  let q = ctx.db
    .selectFrom('time_entries')
    .select(['date', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('person_id', '=', personId)
    .where('date', 'in', [...dates])
    .groupBy('date');
  if (exceptIds.length) q = q.where('id', 'not in', [...exceptIds]);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.date, Number(r.minutes)]));
}

/**
 * Remarks on an entry that is saved anyway: the organisation was not a member on that date
 * (no membership that year, or before its start or after its exit), or the person was not
 * affiliated to it then.
 */
export async function entryWarnings(ctx: ServiceContext, organisationId: number, personId: number | null, dates: readonly string[]): Promise<TimeWarning[]> {
  const warnings: TimeWarning[] = [];
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))];
  const memberships = await ctx.db
    .selectFrom('memberships')
    .select(['year', 'start_date', 'exit_date'])
    .where('organisation_id', '=', organisationId)
    .where('year', 'in', years)
    .execute();
  const outside = dates.find((date) => {
    const m = memberships.find((x) => x.year === Number(date.slice(0, 4)));
    return !m || (m.start_date !== null && date < m.start_date) || (m.exit_date !== null && date > m.exit_date);
  });
  if (outside) {
    const org = await ctx.db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst();
    warnings.push({ path: 'organisationId', key: 'time.warning.notMember', params: { organisation: org?.name ?? '', date: formatDate(outside) } });
  }
  if (personId !== null) {
    const affiliations = await ctx.db
      .selectFrom('affiliations')
      .select(['start_date', 'end_date'])
      .where('person_id', '=', personId)
      .where('organisation_id', '=', organisationId)
      .execute();
    const unaffiliated = dates.find((date) => !affiliations.some((a) => a.start_date <= date && (a.end_date === null || a.end_date >= date)));
    if (unaffiliated) warnings.push({ path: 'personId', key: 'time.warning.notAffiliated', params: { date: formatDate(unaffiliated) } });
  }
  return warnings;
}

async function personName(ctx: ServiceContext, personId: number): Promise<string> {
  const p = await ctx.db.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', personId).executeTakeFirst();
  return p ? `${p.first_name} ${p.last_name}` : String(personId);
}

/** Every check of one entry's values that does not depend on the rest of a batch. Nothing is written. */
async function checkEntry(ctx: ServiceContext, values: EntryValues, existing?: { categoryId: number }): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const org = await ctx.db.selectFrom('organisations').select('id').where('id', '=', values.organisationId).executeTakeFirst();
  if (!org) issues.push({ path: 'organisationId', key: 'error.notFound' });
  if (values.personId !== null && !(await ctx.db.selectFrom('people').select('id').where('id', '=', values.personId).executeTakeFirst()))
    issues.push({ path: 'personId', key: 'error.notFound' });
  const category = await ctx.db.selectFrom('time_categories').select(['id', 'active', 'name']).where('id', '=', values.categoryId).executeTakeFirst();
  if (!category) issues.push({ path: 'categoryId', key: 'error.notFound' });
  else if (category.active !== 1 && existing?.categoryId !== category.id)
    issues.push({ path: 'categoryId', key: 'error.time.categoryInactive', params: { name: category.name } });
  if (values.meetingId !== null) {
    if (!(await ctx.db.selectFrom('meetings').select('id').where('id', '=', values.meetingId).executeTakeFirst()))
      issues.push({ path: 'meetingId', key: 'error.notFound' });
  }
  return issues;
}

/** A date more than a year ahead needs the explicit confirmation of the form. */
function assertNotFarFuture(ctx: ServiceContext, values: EntryValues) {
  if (values.confirmFarFuture !== true && isFarFuture(values.date, today(ctx))) throw fieldError('date', 'error.time.farFuture', { date: formatDate(values.date) });
}

async function checkDay(ctx: ServiceContext, values: EntryValues, exceptId?: number): Promise<FieldIssue | null> {
  if (values.personId === null) return null;
  const already = (await minutesOfPersonOnDays(ctx, values.personId, [values.date], exceptId ? [exceptId] : [])).get(values.date) ?? 0;
  if (already + values.minutes <= MAX_MINUTES_PER_DAY) return null;
  return {
    path: 'minutes',
    key: 'error.time.dayOverflow',
    params: { person: await personName(ctx, values.personId), date: formatDate(values.date), already: formatDuration(already) },
  };
}

async function assertMeetingFree(ctx: ServiceContext, values: EntryValues, exceptId?: number) {
  if (values.meetingId === null || values.personId === null) return;
  let q = ctx.db.selectFrom('time_entries').select('id').where('meeting_id', '=', values.meetingId).where('person_id', '=', values.personId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw fieldError('meetingId', 'error.time.meetingAlreadyCounted', { person: await personName(ctx, values.personId) });
}

async function rateFor(ctx: ServiceContext, values: { date: string; personId: number | null; organisationId: number }) {
  return resolveRate(await loadRates(ctx), values, (await getSettings(ctx)).defaultHourlyValueCents);
}

export async function createEntry(ctx: ServiceContext, values: EntryValues): Promise<{ entry: Entry; warnings: TimeWarning[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await assertStructureMayWrite(tctx, values.organisationId, [{ date: values.date }]);
    await assertStructureStaff(tctx, values.organisationId, [values.personId], values.date, values.date);
    assertNotFarFuture(ctx, values);
    const issues = await checkEntry(tctx, values);
    if (issues.length) throw new AppError('VALIDATION', 'error.validation', undefined, issues);
    await assertDatesOpen(tctx, [values.date]);
    const day = await checkDay(tctx, values);
    if (day) throw new AppError('VALIDATION', 'error.validation', undefined, [day]);
    await assertMeetingFree(tctx, values);
    const rate = await rateFor(tctx, values);
    const now = nowIso(ctx);
    const { id } = await trx
      .insertInto('time_entries')
      .values({
        organisation_id: values.organisationId,
        person_id: values.personId,
        date: values.date,
        minutes: values.minutes,
        category_id: values.categoryId,
        nature: values.nature,
        meeting_id: values.meetingId,
        activity_id: values.activityId,
        note: values.note,
        rate_id: rate.rateId,
        hourly_rate_cents: rate.hourlyCents,
        value_cents: entryValueCents(values.minutes, rate.hourlyCents),
        created_at: now,
        updated_at: now,
        ...reviewColumnsFor(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { entry: await getEntry(tctx, id), warnings: await entryWarnings(tctx, values.organisationId, values.personId, [values.date]) };
  });
}

export async function updateEntry(ctx: ServiceContext, id: number, values: EntryValues, version?: number): Promise<{ entry: Entry; warnings: TimeWarning[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const before = await trx.selectFrom('time_entries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'error.notFound');
    // The line as it was and as it would be: a structure moves neither out of nor into a validated month.
    await assertStructureMayWrite(tctx, before.organisation_id, [{ date: before.date, status: before.status }]);
    await assertStructureMayWrite(tctx, values.organisationId, [{ date: values.date }]);
    await assertStructureStaff(tctx, values.organisationId, [values.personId], values.date, values.date);
    await claimVersion(tctx, 'time_entries', id, version);
    // An entry already that far ahead keeps its date without a new confirmation.
    if (values.date !== before.date) assertNotFarFuture(ctx, values);
    // Neither the entry as it was nor as it would be may lie in a closed period.
    await assertDatesOpen(tctx, [before.date, values.date]);
    const issues = await checkEntry(tctx, values, { categoryId: before.category_id });
    if (issues.length) throw new AppError('VALIDATION', 'error.validation', undefined, issues);
    const day = await checkDay(tctx, values, id);
    if (day) throw new AppError('VALIDATION', 'error.validation', undefined, [day]);
    await assertMeetingFree(tctx, values, id);
    let rate = { rateId: before.rate_id, hourlyCents: before.hourly_rate_cents };
    const sameSubject = before.date === values.date && before.person_id === values.personId && before.organisation_id === values.organisationId;
    const resolved = await rateFor(tctx, values);
    // Same day, person and organisation valued at the settings' default: keep the rate it was valued at.
    if (!(sameSubject && resolved.rateId === null && before.rate_id === null)) rate = resolved;
    await trx
      .updateTable('time_entries')
      .set({
        organisation_id: values.organisationId,
        person_id: values.personId,
        date: values.date,
        minutes: values.minutes,
        category_id: values.categoryId,
        nature: values.nature,
        meeting_id: values.meetingId,
        activity_id: values.activityId,
        note: values.note,
        rate_id: rate.rateId,
        hourly_rate_cents: rate.hourlyCents,
        value_cents: entryValueCents(values.minutes, rate.hourlyCents),
        updated_at: nowIso(ctx),
        // Corrected by a structure, a refused line waits « à valider » again.
        ...reviewColumnsFor(ctx),
      })
      .where('id', '=', id)
      .execute();
    return { entry: await getEntry(tctx, id), warnings: await entryWarnings(tctx, values.organisationId, values.personId, [values.date]) };
  });
}

export async function deleteEntry(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('time_entries').select(['id', 'date', 'minutes', 'organisation_id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'error.notFound');
    await assertStructureMayWrite({ ...ctx, db: trx }, before.organisation_id, [{ date: before.date, status: before.status }]);
    await claimVersion({ ...ctx, db: trx }, 'time_entries', id, version);
    await assertDatesOpen({ ...ctx, db: trx }, [before.date]);
    await trx.deleteFrom('time_entries').where('id', '=', id).execute();
    await recordEntryDeleted({ ...ctx, db: trx }, { id, date: before.date, minutes: before.minutes, organisationId: before.organisation_id });
    return { removed: true };
  });
}

/**
 * A deleted entry in the change log, from the entries list and from the month grid alike: a grid
 * opened before reads it back to say who deleted the entry and when (grid.ts, deletedMeanwhile).
 */
export async function recordEntryDeleted(ctx: ServiceContext, entry: { id: number; date: string; minutes: number; organisationId: number }): Promise<void> {
  await recordChange(ctx, { entity: 'time_entry', entityId: entry.id, action: 'delete', summary: { date: entry.date, minutes: entry.minutes }, parent: { entity: 'organisation', id: entry.organisationId } });
}
