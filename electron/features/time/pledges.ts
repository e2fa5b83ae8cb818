import type { z } from 'zod';
import { claimVersion, inWriteTransaction } from '../../store/versions';
import { AppError, fieldError } from '../../../shared/api/errors';
import { etpToMinutes } from '../../../shared/features/time/period';
import type { Pledge, pledgeInputSchema } from '../../../shared/features/time/schemas';
import type { ServiceContext } from '../../app/context';
import { getSettings } from '../settings/service';

type PledgeValues = z.output<typeof pledgeInputSchema>;

/**
 * Pledges with their progress: what the organisation gave between the pledge's dates (every
 * nature, validated hours only; those « à valider » apart), against what it pledged. An ETP pledge is that many full-time posts over its period:
 * 1 ETP over 30 months at 1 607 h is 4 017,5 h.
 */
export async function listPledges(ctx: ServiceContext, organisationId?: number, id?: number): Promise<Pledge[]> {
  const settings = await getSettings(ctx);
  let q = ctx.db
    .selectFrom('time_pledges as g')
    .innerJoin('organisations as o', 'o.id', 'g.organisation_id')
    .selectAll('g')
    .select('o.name as organisation_name')
    .select((eb) => [
      eb
        .selectFrom('time_entries as e')
        .select((e) => e.fn.sum<number>('e.minutes').as('m'))
        .whereRef('e.organisation_id', '=', 'g.organisation_id')
        .whereRef('e.date', '>=', 'g.start_date')
        .whereRef('e.date', '<=', 'g.end_date')
        .where('e.status', '=', 'validated')
        .as('given_minutes'),
      eb
        .selectFrom('time_entries as e')
        .select((e) => e.fn.sum<number>('e.value_cents').as('v'))
        .whereRef('e.organisation_id', '=', 'g.organisation_id')
        .whereRef('e.date', '>=', 'g.start_date')
        .whereRef('e.date', '<=', 'g.end_date')
        .where('e.status', '=', 'validated')
        .as('given_value'),
      eb
        .selectFrom('time_entries as e')
        .select((e) => e.fn.sum<number>('e.minutes').as('p'))
        .whereRef('e.organisation_id', '=', 'g.organisation_id')
        .whereRef('e.date', '>=', 'g.start_date')
        .whereRef('e.date', '<=', 'g.end_date')
        .where('e.status', '=', 'pending')
        .as('pending_minutes'),
    ])
    .orderBy('o.name_key')
    .orderBy('g.start_date', 'desc');
  if (organisationId !== undefined) q = q.where('g.organisation_id', '=', organisationId);
  if (id !== undefined) q = q.where('g.id', '=', id);
  const rows = await q.execute();
  return rows.map((r) => {
    const unit = r.unit === 'etp' ? 'etp' : 'hours';
    const pledgedMinutes =
      unit === 'etp' ? etpToMinutes((r.pledged_etp_milli ?? 0) / 1000, r.start_date, r.end_date, settings.etpHours) : (r.pledged_minutes ?? 0);
    const givenMinutes = Number(r.given_minutes ?? 0);
    return {
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      from: r.start_date,
      to: r.end_date,
      unit,
      amount: unit === 'etp' ? (r.pledged_etp_milli ?? 0) / 1000 : (r.pledged_minutes ?? 0) / 60,
      agreementReference: r.agreement_reference,
      agreementDate: r.agreement_date,
      note: r.note,
      pledgedMinutes,
      givenMinutes,
      givenValueCents: Number(r.given_value ?? 0),
      remainingMinutes: Math.max(0, pledgedMinutes - givenMinutes),
      pendingMinutes: Number(r.pending_minutes ?? 0),
      progress: pledgedMinutes > 0 ? givenMinutes / pledgedMinutes : 0,
      version: r.version,
    };
  });
}

export async function savePledge(ctx: ServiceContext, values: PledgeValues): Promise<Pledge> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    if (!(await trx.selectFrom('organisations').select('id').where('id', '=', values.organisationId).executeTakeFirst()))
      throw fieldError('organisationId', 'error.notFound');
    const columns = {
      organisation_id: values.organisationId,
      start_date: values.from,
      end_date: values.to,
      unit: values.unit,
      pledged_minutes: values.unit === 'hours' ? Math.round(values.amount * 60) : null,
      pledged_etp_milli: values.unit === 'etp' ? Math.round(values.amount * 1000) : null,
      agreement_reference: values.agreementReference,
      agreement_date: values.agreementDate,
      note: values.note,
    };
    if ((columns.pledged_minutes ?? 1) <= 0 || (columns.pledged_etp_milli ?? 1) <= 0) throw fieldError('amount', 'error.time.pledgePositive');
    let id = values.id;
    if (id) {
      await claimVersion(tctx, 'time_pledges', id, values.version);
      const result = await trx.updateTable('time_pledges').set(columns).where('id', '=', id).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'error.notFound');
    } else {
      id = (await trx.insertInto('time_pledges').values(columns).returning('id').executeTakeFirstOrThrow()).id;
    }
    return (await listPledges(tctx, undefined, id))[0]!;
  });
}

export async function deletePledge(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return inWriteTransaction(ctx, async (tctx) => {
    await claimVersion(tctx, 'time_pledges', id, version);
    const result = await tctx.db.deleteFrom('time_pledges').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'error.notFound');
    return { removed: true };
  });
}
