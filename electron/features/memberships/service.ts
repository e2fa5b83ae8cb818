import type { z } from 'zod';
import { claimVersion } from '../../store/versions';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { Membership, MembershipYear, PaymentMethod, membershipInputSchema } from '../../../shared/features/memberships/schemas';
import type { ServiceContext } from '../../app/context';
import { diffFields, recordChange } from '../data/audit';

type MembershipValues = z.output<typeof membershipInputSchema>;

/** The columns whose changes the change log keeps. */
const MEMBERSHIP_AUDITED = ['year', 'fee_due_cents', 'amount_paid_cents', 'paid_on', 'payment_method', 'voting_person_id', 'start_date', 'exit_date', 'exit_reason', 'note'] as const;

function membershipQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('people as p', 'p.id', 'm.voting_person_id')
    .selectAll('m')
    .select(['o.name as organisation_name', 'p.first_name', 'p.last_name']);
}

type MembershipRow = Awaited<ReturnType<ReturnType<typeof membershipQuery>['executeTakeFirstOrThrow']>>;

function toMembership(r: MembershipRow): Membership {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    year: r.year,
    feeDueCents: r.fee_due_cents,
    amountPaidCents: r.amount_paid_cents,
    paidOn: r.paid_on,
    paymentMethod: r.payment_method as PaymentMethod | null,
    votingPersonId: r.voting_person_id,
    startDate: r.start_date,
    exitDate: r.exit_date,
    exitReason: r.exit_reason,
    note: r.note,
    organisationName: r.organisation_name,
    votingPersonName: r.first_name == null ? null : `${r.first_name} ${r.last_name}`,
    version: r.version,
  };
}

export async function getMembership(ctx: ServiceContext, id: number): Promise<Membership> {
  const row = await membershipQuery(ctx).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  return toMembership(row);
}

export async function listMembershipsOfOrganisation(ctx: ServiceContext, organisationId: number): Promise<Membership[]> {
  const rows = await membershipQuery(ctx).where('m.organisation_id', '=', organisationId).orderBy('m.year', 'desc').execute();
  return rows.map(toMembership);
}

export async function membershipYear(ctx: ServiceContext, year: number): Promise<MembershipYear> {
  const rows = await membershipQuery(ctx).where('m.year', '=', year).orderBy('o.name_key').execute();
  const items = rows.map(toMembership);
  const years = await ctx.db.selectFrom('memberships').select('year').distinct().orderBy('year', 'desc').execute();
  const feeDueCents = items.reduce((s, m) => s + m.feeDueCents, 0);
  const amountPaidCents = items.reduce((s, m) => s + m.amountPaidCents, 0);
  const paidCount = items.filter((m) => m.amountPaidCents >= m.feeDueCents).length;
  return {
    year,
    items,
    years: years.map((y) => y.year),
    totals: {
      count: items.length,
      paidCount,
      unpaidCount: items.length - paidCount,
      feeDueCents,
      amountPaidCents,
      outstandingCents: items.reduce((s, m) => s + Math.max(0, m.feeDueCents - m.amountPaidCents), 0),
    },
  };
}

/** Creates or updates the membership of one organisation for one year. */
export async function saveMembership(ctx: ServiceContext, values: MembershipValues): Promise<Membership> {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom('organisations').select(['id', 'archived_at']).where('id', '=', values.organisationId).executeTakeFirst();
    if (!organisation) throw fieldError('organisationId', 'error.notFound');
    const twin = await trx
      .selectFrom('memberships')
      .select('id')
      .where('organisation_id', '=', values.organisationId)
      .where('year', '=', values.year)
      .executeTakeFirst();
    if (twin && twin.id !== values.id) throw fieldError('year', 'error.duplicateMembership', { year: values.year });
    if (values.votingPersonId !== null) {
      const affiliated = await trx
        .selectFrom('affiliations')
        .select('id')
        .where('person_id', '=', values.votingPersonId)
        .where('organisation_id', '=', values.organisationId)
        .executeTakeFirst();
      if (!affiliated) throw fieldError('votingPersonId', 'error.votingNotAffiliated');
    }
    const columns = {
      organisation_id: values.organisationId,
      year: values.year,
      fee_due_cents: values.feeDueCents,
      amount_paid_cents: values.amountPaidCents,
      paid_on: values.paidOn,
      payment_method: values.paymentMethod,
      voting_person_id: values.votingPersonId,
      start_date: values.startDate,
      exit_date: values.exitDate,
      exit_reason: values.exitReason,
      note: values.note,
    };
    let id = values.id;
    const before = id ? await trx.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (id) {
      if (!before) throw new AppError('NOT_FOUND', 'error.notFound');
      await claimVersion({ ...ctx, db: trx }, 'memberships', id, values.version);
      await trx.updateTable('memberships').set(columns).where('id', '=', id).execute();
    } else {
      if (organisation.archived_at) throw fieldError('organisationId', 'error.organisationArchived');
      id = (await trx.insertInto('memberships').values(columns).returning('id').executeTakeFirstOrThrow()).id;
    }
    const changes = diffFields(before ?? null, columns, MEMBERSHIP_AUDITED);
    if (!before || Object.keys(changes).length > 0) {
      await recordChange({ ...ctx, db: trx }, { entity: 'membership', entityId: id, action: before ? 'update' : 'create', summary: { year: values.year, changes }, parent: { entity: 'organisation', id: values.organisationId } });
    }
    return getMembership({ ...ctx, db: trx }, id);
  });
}

export async function deleteMembership(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await getMembership({ ...ctx, db: trx }, id);
    await claimVersion({ ...ctx, db: trx }, 'memberships', id, version);
    // A receipt given keeps its number: deleting its membership would leave a gap in the year's series.
    const receipt = await trx.selectFrom('membership_receipts').select('number').where('membership_id', '=', id).executeTakeFirst();
    if (receipt) throw new AppError('CONFLICT', 'error.receipt.membershipHasReceipt', { year: existing.year, number: receipt.number });
    const result = await trx.deleteFrom('memberships').where('id', '=', id).executeTakeFirst();
    await recordChange({ ...ctx, db: trx }, { entity: 'membership', entityId: id, action: 'delete', summary: { year: existing.year, feeDueCents: existing.feeDueCents, amountPaidCents: existing.amountPaidCents }, parent: { entity: 'organisation', id: existing.organisationId } });
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

/**
 * Renews every active member of `fromYear` (no exit date, organisation not archived) for the next
 * year: same fee and voting representative, nothing paid yet. Existing memberships are left as they are.
 */
export async function renewMemberships(ctx: ServiceContext, fromYear: number): Promise<{ created: number; skipped: number; year: number }> {
  const year = fromYear + 1;
  return ctx.db.transaction().execute(async (trx) => {
    const active = await trx
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['m.organisation_id', 'm.fee_due_cents', 'm.voting_person_id'])
      .where('m.year', '=', fromYear)
      .where('m.exit_date', 'is', null)
      .where('o.archived_at', 'is', null)
      .execute();
    const already = new Set(
      (await trx.selectFrom('memberships').select('organisation_id').where('year', '=', year).execute()).map((r) => r.organisation_id),
    );
    const toCreate = active.filter((m) => !already.has(m.organisation_id));
    if (toCreate.length > 0) {
      const created = await trx
        .insertInto('memberships')
        .values(
          toCreate.map((m) => ({
            organisation_id: m.organisation_id,
            year,
            fee_due_cents: m.fee_due_cents,
            amount_paid_cents: 0,
            paid_on: null,
            payment_method: null,
            voting_person_id: m.voting_person_id,
            start_date: null,
            exit_date: null,
            exit_reason: null,
            note: null,
          })),
        )
        .returning(['id', 'organisation_id'])
        .execute();
      for (const m of created) {
        await recordChange({ ...ctx, db: trx }, { entity: 'membership', entityId: m.id, action: 'renew', summary: { year, fromYear }, parent: { entity: 'organisation', id: m.organisation_id } });
      }
    }
    return { created: toCreate.length, skipped: active.length - toCreate.length, year };
  });
}
