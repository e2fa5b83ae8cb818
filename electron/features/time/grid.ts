import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../shared/api/errors';
import { formatDuration, MAX_MINUTES_PER_DAY } from '../../../shared/features/time/duration';
import { daysOfMonth, monthRange } from '../../../shared/features/time/period';
import type { EntryStatus, Grid, Nature, TimeWarning, gridSaveSchema } from '../../../shared/features/time/schemas';
import { entryValueCents, rateResolver } from '../../../shared/features/time/valuation';
import { formatDate } from '../../../shared/format/fr';
import { CompiledQuery, sql } from 'kysely';
import { nowIso, type ServiceContext } from '../../app/context';
import { formatAt, inWriteTransaction, modifiedMeanwhile, savedBy } from '../../store/versions';
import { getSettings } from '../settings/service';
import { categoryNames } from './categories';
import { activeClosedPeriods, chunks, frenchOrder, loadRates, periodLocking } from './common';
import { entryWarnings, recordEntryDeleted } from './entries';
import { assertStructureMayWrite, assertStructureStaff, reviewColumnsFor } from './review-rules';

type GridSave = z.output<typeof gridSaveSchema>;

async function organisationName(ctx: ServiceContext, id: number): Promise<string> {
  const org = await ctx.db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND', 'error.notFound');
  return org.name;
}

function monthEntries(ctx: ServiceContext, organisationId: number, month: string, nature: Nature) {
  const { from, to } = monthRange(month);
  return ctx.db
    .selectFrom('time_entries')
    .select(['id', 'person_id', 'category_id', 'date', 'minutes', 'value_cents', 'status', 'review_reason', 'version', 'rate_id', 'hourly_rate_cents'])
    .where('organisation_id', '=', organisationId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('nature', '=', nature)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

/** One organisation × one month × one nature: its entries, the rows they make, and what the grid needs to add more. */
export async function getGrid(ctx: ServiceContext, organisationId: number, month: string, nature: Nature): Promise<Grid> {
  const name = await organisationName(ctx, organisationId);
  const { from, to } = monthRange(month);
  const [entries, categories, periods, settings, rates, validation, requests] = await Promise.all([
    monthEntries(ctx, organisationId, month, nature),
    categoryNames(ctx),
    activeClosedPeriods(ctx),
    getSettings(ctx),
    loadRates(ctx),
    ctx.db.selectFrom('time_month_validations').select('id').where('organisation_id', '=', organisationId).where('month', '=', month).executeTakeFirst(),
    ctx.db
      .selectFrom('time_change_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('month', '=', month)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
  ]);
  const people = await ctx.db
    .selectFrom('affiliations as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['p.id', 'p.first_name', 'p.last_name'])
    .distinct()
    .where('a.organisation_id', '=', organisationId)
    .where('a.start_date', '<=', to)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', from)]))
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const personIds = [...new Set(entries.map((e) => e.person_id).filter((id): id is number => id !== null))];
  const missing = personIds.filter((id) => !people.some((p) => p.id === id));
  const others = missing.length
    ? await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name']).where('id', 'in', missing).execute()
    : [];
  const names = new Map([...people, ...others].map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
  const categoryById = new Map(categories.map((c) => [c.id, c]));

  const rowKeys = new Map<string, { personId: number | null; categoryId: number }>();
  for (const e of entries) rowKeys.set(`${e.person_id}|${e.category_id}`, { personId: e.person_id, categoryId: e.category_id });
  const rows = [...rowKeys.values()]
    .map((r) => ({
      personId: r.personId,
      personName: r.personId === null ? null : names.get(r.personId) ?? '',
      categoryId: r.categoryId,
      categoryName: categoryById.get(r.categoryId)?.name ?? '',
    }))
    .sort(
      (a, b) =>
        frenchOrder(a.personName ?? '\uffff', b.personName ?? '\uffff') ||
        (categoryById.get(a.categoryId)?.position ?? 0) - (categoryById.get(b.categoryId)?.position ?? 0),
    );

  const rowPeople = [null, ...new Set([...people.map((p) => p.id), ...personIds])];
  const rateOf = rateResolver(rates, settings.defaultHourlyValueCents);
  return {
    organisationId,
    organisationName: name,
    month,
    nature,
    entries: entries.map((e) => ({
      id: e.id,
      personId: e.person_id,
      categoryId: e.category_id,
      date: e.date,
      minutes: e.minutes,
      valueCents: e.value_cents,
      status: e.status as EntryStatus,
      reviewReason: e.review_reason,
      version: e.version,
    })),
    monthValidated: validation !== undefined,
    openRequests: Number(requests.n),
    rows,
    people: [...people.map((p) => ({ id: p.id, name: `${p.first_name} ${p.last_name}` })), ...others.map((p) => ({ id: p.id, name: `${p.first_name} ${p.last_name}` }))],
    categories: categories.filter((c) => c.active || entries.some((e) => e.category_id === c.id)),
    lockedDays: daysOfMonth(month).filter((d) => periodLocking(periods, d)),
    etpHours: settings.etpHours,
    rates: rowPeople.map((personId) => ({ personId, hourlyCents: rateOf({ date: from, personId, organisationId }).hourlyCents })),
  };
}

/** A cell's entry that the screen showed and that is gone since. */
interface Gone {
  id: number;
  date: string;
  line: string;
}

/**
 * The refusal of a cell whose entry was deleted since the grid was opened: by whom and when if the
 * change log knows. An entry moved elsewhere (another day, line or organisation) was saved since:
 * « modifié entre-temps » as for any other change.
 */
async function deletedMeanwhile(ctx: ServiceContext, gone: Gone): Promise<AppError> {
  const still = await ctx.db.selectFrom('time_entries').select('id').where('id', '=', gone.id).executeTakeFirst();
  if (still) return modifiedMeanwhile(ctx.db, 'time_entries', gone.id);
  const log = await ctx.db
    .selectFrom('audit_log')
    .select(['actor', 'at'])
    .where('entity', '=', 'time_entry')
    .where('entity_id', '=', gone.id)
    .where('action', '=', 'delete')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const params = { line: gone.line, date: formatDate(gone.date) };
  return log
    ? new AppError('CONFLICT', 'time.error.gridDeletedMeanwhileBy', { ...params, by: log.actor, at: formatAt(log.at) })
    : new AppError('CONFLICT', 'time.error.gridDeletedMeanwhile', params);
}

interface Change {
  kind: 'create' | 'update' | 'delete';
  entryId?: number;
  personId: number | null;
  categoryId: number;
  date: string;
  minutes: number;
  path: string;
  line: string;
}

/**
 * Writes the whole grid in one transaction. Each cell is compared with the entries it covers:
 * none and a duration → a new entry on the cell's first day; one entry → updated, or deleted when
 * the cell is emptied; several entries (a week, or a day with two entries) → only if unchanged.
 * Every problem is reported with its line and day; nothing is written unless all is right.
 */
export async function saveGrid(ctx: ServiceContext, input: GridSave): Promise<GridSaved> {
  // In the caller's transaction when there is one (a batch of saves, the bench), else in its own.
  return inWriteTransaction(ctx, (tctx) => saveGridWithin(tctx, input));
}

type GridSaved = { created: number; updated: number; deleted: number; warnings: TimeWarning[] };

/** The grid's save inside a transaction the caller holds (an accepted change request writes its cells so). */
export async function saveGridWithin(tctx: ServiceContext, input: GridSave): Promise<GridSaved> {
  // The body kept its names and its indentation from when it was the transaction's callback: a short diff.
  const ctx = tctx;
  const trx = tctx.db;
  {
    await organisationName(tctx, input.organisationId);
    const { from, to } = monthRange(input.month);
    const existing = await monthEntries(tctx, input.organisationId, input.month, input.nature);
    const categories = await categoryNames(tctx);
    const periods = await activeClosedPeriods(tctx);
    const peopleIds = [...new Set(input.rows.map((r) => r.personId).filter((id): id is number => id !== null))];
    const people = peopleIds.length ? await trx.selectFrom('people').select(['id', 'first_name', 'last_name']).where('id', 'in', peopleIds).execute() : [];
    const personName = new Map(people.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));

    const issues: FieldIssue[] = [];
    const changes: Change[] = [];
    const seenRows = new Set<string>();
    let lockedAt: { period: (typeof periods)[number]; date: string } | null = null;

    // Each line's entries by day, so that a cell looks at its own day's entries (a week's cell, at its line's few).
    type Existing = (typeof existing)[number];
    const byLine = new Map<string, Map<string, Existing[]>>();
    for (const e of existing) {
      const key = `${e.person_id}|${e.category_id}`;
      let days = byLine.get(key);
      if (!days) byLine.set(key, (days = new Map()));
      const list = days.get(e.date);
      if (list) list.push(e);
      else days.set(e.date, [e]);
    }
    const NONE: Existing[] = [];
    const coveredBy = (days: Map<string, Existing[]> | undefined, cellFrom: string, cellTo: string): Existing[] => {
      if (!days) return NONE;
      if (cellFrom === cellTo) return days.get(cellFrom) ?? NONE;
      const covered: Existing[] = [];
      for (const [date, list] of days) if (date >= cellFrom && date <= cellTo) covered.push(...list);
      return covered;
    };

    const versionOf = new Map(existing.map((e) => [e.id, e.version]));
    // Entries the screen showed that are gone since (deleted, or moved off this grid), by line: a
    // cell that showed one and is saved with a duration is refused, not filled again silently
    // (that would undo the other person's delete). A cell that was empty still creates.
    const goneByLine = new Map<string, { id: number; date: string }[]>();
    for (const o of input.opened ?? []) {
      if (versionOf.has(o.id) || o.personId === undefined || o.categoryId === undefined || o.date === undefined) continue;
      const key = `${o.personId}|${o.categoryId}`;
      const list = goneByLine.get(key);
      if (list) list.push({ id: o.id, date: o.date });
      else goneByLine.set(key, [{ id: o.id, date: o.date }]);
    }
    let goneAt: Gone | null = null;

    input.rows.forEach((row, r) => {
      const category = categories.find((c) => c.id === row.categoryId);
      const line = `${row.personId === null ? '—' : personName.get(row.personId) ?? '?'} · ${category?.name ?? '?'}`;
      const rowKey = `${row.personId}|${row.categoryId}`;
      if (seenRows.has(rowKey)) issues.push({ path: `rows[${r}]`, key: 'error.time.gridDuplicateRow', params: { line } });
      seenRows.add(rowKey);
      if (!category) issues.push({ path: `rows[${r}].categoryId`, key: 'error.notFound' });
      if (row.personId !== null && !personName.has(row.personId)) issues.push({ path: `rows[${r}].personId`, key: 'error.notFound' });
      const lineDays = byLine.get(rowKey);
      const lineGone = goneByLine.get(rowKey);
      row.cells.forEach((cell, c) => {
        const path = `rows[${r}].cells[${c}].minutes`;
        // Built only for a message: formatting every cell's date costs more than checking it.
        const params = () => ({ line, date: formatDate(cell.from) });
        if (cell.from < from || cell.to > to || cell.to < cell.from) {
          issues.push({ path, key: 'error.time.gridOutsideMonth', params: params() });
          return;
        }
        if (cell.minutes > MAX_MINUTES_PER_DAY) {
          issues.push({ path, key: 'error.time.gridDurationTooLong', params: params() });
          return;
        }
        const covered = coveredBy(lineDays, cell.from, cell.to);
        let sum = 0;
        for (const e of covered) sum += e.minutes;
        if (sum === cell.minutes) return;
        const gone = lineGone?.find((g) => g.date >= cell.from && g.date <= cell.to);
        if (gone) {
          goneAt ??= { ...gone, line };
          return;
        }
        let change: Change;
        if (covered.length === 0) {
          if (category && !category.active) {
            issues.push({ path, key: 'error.time.categoryInactive', params: { name: category.name } });
            return;
          }
          change = { kind: 'create', personId: row.personId, categoryId: row.categoryId, date: cell.from, minutes: cell.minutes, path, line };
        } else if (covered.length === 1) {
          const entry = covered[0]!;
          change = { kind: cell.minutes === 0 ? 'delete' : 'update', entryId: entry.id, personId: row.personId, categoryId: row.categoryId, date: entry.date, minutes: cell.minutes, path, line };
        } else {
          issues.push({ path, key: 'error.time.gridSeveralEntries', params: { ...params(), count: covered.length } });
          return;
        }
        const period = periodLocking(periods, change.date);
        if (period) lockedAt ??= { period, date: change.date };
        changes.push(change);
      });
    });
    // A member organisation's grid: nothing in a validated month or on a validated line.
    const statusOf = new Map(existing.map((e) => [e.id, e.status]));
    await assertStructureMayWrite(
      tctx,
      input.organisationId,
      changes.map((c) => ({ date: c.date, status: c.entryId === undefined ? undefined : statusOf.get(c.entryId) })),
    );
    await assertStructureStaff(tctx, input.organisationId, changes.filter((c) => c.kind !== 'delete').map((c) => c.personId), from, to);
    if (lockedAt) {
      const { period, date } = lockedAt as { period: (typeof periods)[number]; date: string };
      throw new AppError('LOCKED', 'error.time.locked', { label: period.label, from: formatDate(period.from), to: formatDate(period.to), date: formatDate(date) });
    }

    // No more than 24 h a person a day, counting the person's other entries (other organisations too).
    const rewritten = changes.filter((c) => c.entryId !== undefined).map((c) => c.entryId!);
    const byPersonDay = new Map<string, { personId: number; date: string; minutes: number; changes: Change[] }>();
    for (const change of changes) {
      if (change.personId === null || change.kind === 'delete') continue;
      const key = `${change.personId}|${change.date}`;
      const slot = byPersonDay.get(key) ?? { personId: change.personId, date: change.date, minutes: 0, changes: [] };
      slot.minutes += change.minutes;
      slot.changes.push(change);
      byPersonDay.set(key, slot);
    }
    const slotPeople = [...new Set([...byPersonDay.values()].map((s) => s.personId))];
    let q = trx
      .selectFrom('time_entries')
      .select(['person_id', 'date', (eb) => eb.fn.sum<number>('minutes').as('m')])
      .where('date', '>=', from)
      .where('date', '<=', to)
      .groupBy(['person_id', 'date']);
    if (rewritten.length) q = q.where('id', 'not in', rewritten);
    const elsewhere = slotPeople.length ? await q.where('person_id', 'in', slotPeople).execute() : [];
    const othersOf = new Map(elsewhere.map((r) => [`${r.person_id}|${r.date}`, Number(r.m)]));
    for (const [key, slot] of byPersonDay) {
      const others = othersOf.get(key) ?? 0;
      if (others + slot.minutes > MAX_MINUTES_PER_DAY) {
        const first = slot.changes[0]!;
        issues.push({
          path: first.path,
          key: 'error.time.gridDayOverflow',
          params: { line: first.line, date: formatDate(slot.date), total: formatDuration(others + slot.minutes) },
        });
      }
    }
    if (issues.length) throw new AppError('VALIDATION', 'error.time.gridInvalid', { count: issues.length }, issues);

    // An entry the grid changes must be as the screen showed it: saved by no one else since, nor added since, nor deleted since.
    const gone = goneAt as Gone | null;
    if (gone) throw await deletedMeanwhile(tctx, gone);
    const existingById = new Map(existing.map((e) => [e.id, e]));
    if (input.opened) {
      const opened = new Map(input.opened.map((o) => [o.id, o.version]));
      for (const change of changes) {
        if (change.entryId !== undefined && opened.get(change.entryId) !== versionOf.get(change.entryId)) throw await modifiedMeanwhile(trx, 'time_entries', change.entryId);
      }
    }

    // The rates sorted by owner once, rather than searched again for each cell.
    const rateOf = rateResolver(await loadRates(tctx), (await getSettings(tctx)).defaultHourlyValueCents);
    const now = nowIso(ctx);
    const review = reviewColumnsFor(ctx);
    const deletes = changes.filter((c) => c.kind === 'delete').map((c) => c.entryId!);
    for (const ids of chunks(deletes)) {
      // The versions deleted are those read above, or another writer got in between (PostgreSQL re-reads a row it waited for).
      const gone = await trx.deleteFrom('time_entries').where('id', 'in', ids).returning(['id', 'version']).execute();
      const moved = gone.find((g) => g.version !== versionOf.get(g.id)) ?? (gone.length < ids.length ? { id: ids.find((id) => !gone.some((g) => g.id === id))! } : undefined);
      if (moved) throw await modifiedMeanwhile(trx, 'time_entries', moved.id);
    }
    for (const id of deletes) {
      const entry = existingById.get(id)!;
      await recordEntryDeleted(tctx, { id, date: entry.date, minutes: entry.minutes, organisationId: input.organisationId });
    }
    // One statement for every cell changed, built once and run with each cell's values (prepared once by the engine).
    const update = trx
      .updateTable('time_entries')
      .set({ minutes: 0, rate_id: 0, hourly_rate_cents: 0, value_cents: 0, updated_at: now, updated_by: savedBy(ctx.runtime), status: '', review_reason: null, reviewed_at: null, reviewed_by: null, version: sql<number>`version + 1` })
      .where('id', '=', 0)
      .where('version', '=', 0)
      .compile();
    // Straight on the transaction's connection: the statement is already compiled, nothing for Kysely's plugins to do.
    const stale = await trx.getExecutor().provideConnection(async (connection) => {
      for (const change of changes) {
        if (change.kind !== 'update') continue;
        const rate = rateOf({ date: change.date, personId: change.personId, organisationId: input.organisationId });
        const old = existingById.get(change.entryId!)!;
        // An entry valued at the settings' default keeps the rate it was valued at.
        const hourly = rate.rateId === null && old.rate_id === null ? old.hourly_rate_cents : rate.hourlyCents;
        // The parameters in the order of the statement above: set, then where.
        const parameters = [change.minutes, rate.rateId, hourly, entryValueCents(change.minutes, hourly), now, savedBy(ctx.runtime), review.status, review.review_reason, review.reviewed_at, review.reviewed_by, change.entryId!, old.version];
        const written = await connection.executeQuery(CompiledQuery.raw(update.sql, parameters));
        if (Number(written.numAffectedRows ?? 0) === 0) return change.entryId!;
      }
      return null;
    });
    if (stale !== null) throw await modifiedMeanwhile(trx, 'time_entries', stale);
    const creates = changes.filter((c) => c.kind === 'create');
    for (const batch of chunks(creates, 200)) {
      await trx
        .insertInto('time_entries')
        .values(
          batch.map((change) => {
            const rate = rateOf({ date: change.date, personId: change.personId, organisationId: input.organisationId });
            return {
              organisation_id: input.organisationId,
              person_id: change.personId,
              date: change.date,
              minutes: change.minutes,
              category_id: change.categoryId,
              nature: input.nature,
              meeting_id: null,
              activity_id: null,
              note: null,
              rate_id: rate.rateId,
              hourly_rate_cents: rate.hourlyCents,
              value_cents: entryValueCents(change.minutes, rate.hourlyCents),
              created_at: now,
              updated_at: now,
              ...review,
            };
          }),
        )
        .execute();
    }
    const written = changes.filter((c) => c.kind !== 'delete');
    const warnings = written.length
      ? await entryWarnings(tctx, input.organisationId, null, [...new Set(written.map((c) => c.date))].sort())
      : [];
    return { created: creates.length, updated: changes.filter((c) => c.kind === 'update').length, deleted: deletes.length, warnings };
  }
}
