import { AppError, fieldError } from '../../../shared/api/errors';
import type { ClosedPeriod, PeriodLogEntry } from '../../../shared/features/time/schemas';
import { nowIso, type ServiceContext } from '../../app/context';
import { recordChange } from '../data/audit';
import { currentUserName } from './common';

export async function listPeriods(ctx: ServiceContext): Promise<{ items: ClosedPeriod[]; log: PeriodLogEntry[] }> {
  const rows = await ctx.db
    .selectFrom('time_closed_periods as c')
    .selectAll('c')
    .select((eb) => [
      eb.selectFrom('time_entries as e').select((x) => x.fn.countAll<number>().as('n')).whereRef('e.date', '>=', 'c.start_date').whereRef('e.date', '<=', 'c.end_date').as('entry_count'),
      eb.selectFrom('time_entries as e').select((x) => x.fn.sum<number>('e.minutes').as('m')).whereRef('e.date', '>=', 'c.start_date').whereRef('e.date', '<=', 'c.end_date').as('minutes'),
      eb.selectFrom('time_entries as e').select((x) => x.fn.sum<number>('e.value_cents').as('v')).whereRef('e.date', '>=', 'c.start_date').whereRef('e.date', '<=', 'c.end_date').as('value'),
    ])
    .orderBy('c.start_date', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  const log = await ctx.db
    .selectFrom('time_period_log as l')
    .innerJoin('time_closed_periods as c', 'c.id', 'l.period_id')
    .select(['l.id', 'l.period_id', 'l.action', 'l.at', 'l.by', 'l.reason', 'c.label'])
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      from: r.start_date,
      to: r.end_date,
      label: r.label,
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      reopenedAt: r.reopened_at,
      entryCount: Number(r.entry_count ?? 0),
      minutes: Number(r.minutes ?? 0),
      valueCents: Number(r.value ?? 0),
    })),
    log: log.map((l) => ({ id: l.id, periodId: l.period_id, periodLabel: l.label, action: l.action === 'reopen' ? 'reopen' : 'close', at: l.at, by: l.by, reason: l.reason })),
  };
}

async function getPeriod(ctx: ServiceContext, id: number): Promise<ClosedPeriod> {
  const period = (await listPeriods(ctx)).items.find((p) => p.id === id);
  if (!period) throw new AppError('NOT_FOUND', 'error.notFound');
  return period;
}

/** Closes a period once it has been reported: its entries can no longer be created, changed or deleted. */
export async function closePeriod(ctx: ServiceContext, values: { from: string; to: string; label: string }): Promise<ClosedPeriod> {
  return ctx.db.transaction().execute(async (trx) => {
    const overlap = await trx
      .selectFrom('time_closed_periods')
      .select('label')
      .where('reopened_at', 'is', null)
      .where('start_date', '<=', values.to)
      .where('end_date', '>=', values.from)
      .executeTakeFirst();
    if (overlap) throw fieldError('from', 'error.time.periodOverlap', { label: overlap.label });
    const at = nowIso(ctx);
    const by = currentUserName();
    const { id } = await trx
      .insertInto('time_closed_periods')
      .values({ start_date: values.from, end_date: values.to, label: values.label, closed_at: at, closed_by: by, reopened_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('time_period_log').values({ period_id: id, action: 'close', at, by, reason: null }).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'period', entityId: id, action: 'close', summary: { from: values.from, to: values.to, label: values.label } });
    return getPeriod({ ...ctx, db: trx }, id);
  });
}

/** Reopening is an explicit act with its reason, kept in the log with who and when. */
export async function reopenPeriod(ctx: ServiceContext, id: number, reason: string): Promise<ClosedPeriod> {
  return ctx.db.transaction().execute(async (trx) => {
    const period = await getPeriod({ ...ctx, db: trx }, id);
    if (period.reopenedAt) throw new AppError('CONFLICT', 'error.time.periodAlreadyOpen', { label: period.label });
    const at = nowIso(ctx);
    await trx.updateTable('time_closed_periods').set({ reopened_at: at }).where('id', '=', id).execute();
    await trx.insertInto('time_period_log').values({ period_id: id, action: 'reopen', at, by: currentUserName(), reason }).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'period', entityId: id, action: 'reopen', summary: { reason } });
    return getPeriod({ ...ctx, db: trx }, id);
  });
}
