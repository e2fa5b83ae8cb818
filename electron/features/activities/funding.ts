import type { z } from 'zod';
import { claimVersion } from '../../store/versions';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { Budget, Grant, ReportMetric, budgetInputSchema, grantInputSchema, paymentInputSchema, paymentUpdateSchema } from '../../../shared/features/activities/schemas';
import type { Account } from '../../../shared/features/activities/cerfa';
import { formatMoney } from '../../../shared/format/fr';
import { nowIso, type ServiceContext } from '../../app/context';
import { diffFields, recordChange } from '../data/audit';

type GrantValues = z.output<typeof grantInputSchema>;

export async function listGrants(ctx: ServiceContext, ids?: number[]): Promise<Grant[]> {
  let q = ctx.db
    .selectFrom('grants as g')
    .innerJoin('organisations as o', 'o.id', 'g.funder_organisation_id')
    .selectAll('g')
    .select('o.name as funder_name')
    .orderBy('g.start_date', 'desc')
    .orderBy('g.id');
  if (ids) {
    if (!ids.length) return [];
    q = q.where('g.id', 'in', ids);
  }
  const grants = await q.execute();
  if (!grants.length) return [];
  const grantIds = grants.map((g) => g.id);
  const [payments, reports, targets] = await Promise.all([
    ctx.db.selectFrom('grant_payments').selectAll().where('grant_id', 'in', grantIds).orderBy('date').orderBy('id').execute(),
    ctx.db.selectFrom('grant_reports').selectAll().where('grant_id', 'in', grantIds).orderBy('due_date').execute(),
    ctx.db.selectFrom('grant_targets').selectAll().where('grant_id', 'in', grantIds).orderBy('id').execute(),
  ]);
  return grants.map((g) => {
    const paid = payments.filter((p) => p.grant_id === g.id);
    return {
      id: g.id,
      funderOrganisationId: g.funder_organisation_id,
      funderName: g.funder_name,
      programme: g.programme,
      reference: g.reference,
      startDate: g.start_date,
      endDate: g.end_date,
      amountCents: g.amount_cents,
      paidCents: paid.reduce((s, p) => s + p.amount_cents, 0),
      note: g.note,
      version: g.version,
      payments: paid.map((p) => ({ id: p.id, date: p.date, amountCents: p.amount_cents, note: p.note, version: p.version })),
      reports: reports.filter((r) => r.grant_id === g.id).map((r) => ({ id: r.id, dueDate: r.due_date, label: r.label, submittedOn: r.submitted_on })),
      targets: targets.filter((t) => t.grant_id === g.id).map((t) => ({ metric: t.metric as ReportMetric, value: t.value })),
    };
  });
}

export async function getGrant(ctx: ServiceContext, id: number): Promise<Grant> {
  const [grant] = await listGrants(ctx, [id]);
  if (!grant) throw new AppError('NOT_FOUND', 'error.notFound');
  return grant;
}

export async function saveGrant(ctx: ServiceContext, v: GrantValues, id?: number, version?: number): Promise<Grant> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const funder = await trx.selectFrom('organisations').select('id').where('id', '=', v.funderOrganisationId).executeTakeFirst();
    if (!funder) throw fieldError('funderOrganisationId', 'error.notFound');
    const columns = {
      funder_organisation_id: v.funderOrganisationId,
      programme: v.programme,
      reference: v.reference,
      start_date: v.startDate,
      end_date: v.endDate,
      amount_cents: v.amountCents,
      note: v.note,
    };
    const now = nowIso(ctx);
    let grantId = id;
    if (grantId) {
      const current = await getGrant(tctx, grantId);
      await claimVersion(tctx, 'grants', grantId, version);
      if (v.amountCents < current.paidCents) throw fieldError('amountCents', 'error.activity.amountBelowPaid', { paid: formatMoney(current.paidCents) });
      await trx.updateTable('grants').set({ ...columns, updated_at: now }).where('id', '=', grantId).execute();
      await trx.deleteFrom('grant_reports').where('grant_id', '=', grantId).execute();
      await trx.deleteFrom('grant_targets').where('grant_id', '=', grantId).execute();
    } else {
      grantId = (await trx.insertInto('grants').values({ ...columns, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    }
    const gid = grantId;
    if (v.reports.length) await trx.insertInto('grant_reports').values(v.reports.map((r) => ({ grant_id: gid, due_date: r.dueDate, label: r.label, submitted_on: r.submittedOn }))).execute();
    const metrics = new Set<string>();
    v.targets.forEach((t, i) => {
      if (metrics.has(t.metric)) throw fieldError(`targets[${i}].metric`, 'error.activity.targetDuplicate');
      metrics.add(t.metric);
    });
    if (v.targets.length) await trx.insertInto('grant_targets').values(v.targets.map((t) => ({ grant_id: gid, metric: t.metric, value: t.value }))).execute();
    await recordChange(tctx, { entity: 'grant', entityId: gid, action: id ? 'update' : 'create', summary: { amountCents: v.amountCents, startDate: v.startDate, endDate: v.endDate }, parent: { entity: 'organisation', id: v.funderOrganisationId } });
    return getGrant(tctx, gid);
  });
}

/** A payment that would take the total received beyond the amount granted is refused. */
export async function addPayment(ctx: ServiceContext, v: z.output<typeof paymentInputSchema>): Promise<Grant> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const grant = await getGrant(tctx, v.grantId).catch(() => {
      throw fieldError('grantId', 'error.notFound');
    });
    const remaining = grant.amountCents - grant.paidCents;
    if (v.amountCents > remaining) {
      throw fieldError('amountCents', 'error.activity.paymentBeyondGrant', { amount: formatMoney(grant.amountCents), remaining: formatMoney(remaining) });
    }
    const { id: paymentId } = await trx.insertInto('grant_payments').values({ grant_id: v.grantId, date: v.date, amount_cents: v.amountCents, note: v.note }).returning('id').executeTakeFirstOrThrow();
    await recordChange(tctx, { entity: 'payment', entityId: paymentId, action: 'create', summary: { date: v.date, amountCents: v.amountCents }, parent: { entity: 'grant', id: v.grantId } });
    return getGrant(tctx, v.grantId);
  });
}

export async function deletePayment(ctx: ServiceContext, id: number, version?: number): Promise<Grant> {
  return ctx.db.transaction().execute(async (trx) => {
    const payment = await trx.selectFrom('grant_payments').select(['grant_id', 'date', 'amount_cents']).where('id', '=', id).executeTakeFirst();
    if (!payment) throw new AppError('NOT_FOUND', 'error.notFound');
    await claimVersion({ ...ctx, db: trx }, 'grant_payments', id, version);
    await trx.deleteFrom('grant_payments').where('id', '=', id).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'payment', entityId: id, action: 'delete', summary: { date: payment.date, amountCents: payment.amount_cents }, parent: { entity: 'grant', id: payment.grant_id } });
    return getGrant({ ...ctx, db: trx }, payment.grant_id);
  });
}

/** Corrects a payment entered wrongly; the total received still may not exceed the amount granted. */
export async function updatePayment(ctx: ServiceContext, v: z.output<typeof paymentUpdateSchema>): Promise<Grant> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const payment = await trx.selectFrom('grant_payments').selectAll().where('id', '=', v.id).executeTakeFirst();
    if (!payment) throw new AppError('NOT_FOUND', 'error.notFound');
    await claimVersion(tctx, 'grant_payments', v.id, v.version);
    const grant = await getGrant(tctx, payment.grant_id);
    const remaining = grant.amountCents - (grant.paidCents - payment.amount_cents);
    if (v.amountCents > remaining) {
      throw fieldError('amountCents', 'error.activity.paymentBeyondGrant', { amount: formatMoney(grant.amountCents), remaining: formatMoney(remaining) });
    }
    await trx.updateTable('grant_payments').set({ date: v.date, amount_cents: v.amountCents, note: v.note }).where('id', '=', v.id).execute();
    const changes = diffFields(payment, { ...payment, date: v.date, amount_cents: v.amountCents, note: v.note }, ['date', 'amount_cents', 'note']);
    if (Object.keys(changes).length) await recordChange(tctx, { entity: 'payment', entityId: v.id, action: 'update', summary: { changes }, parent: { entity: 'grant', id: payment.grant_id } });
    return getGrant(tctx, payment.grant_id);
  });
}

/** A grant entered by mistake. Money received or a budget built on it must be dealt with first. */
export async function deleteGrant(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const grant = await getGrant(tctx, id);
    await claimVersion(tctx, 'grants', id, version);
    if (grant.payments.length) throw new AppError('CONFLICT', grant.payments.length === 1 ? 'error.edit.grantHasPayment' : 'error.edit.grantHasPayments', { count: grant.payments.length });
    const budgets = await trx.selectFrom('budgets').select('label').where('grant_id', '=', id).execute();
    if (budgets.length) throw new AppError('CONFLICT', 'error.edit.grantHasBudget', { label: budgets.map((b) => b.label).join(', ') });
    // Its reports due and targets belong to it and go with it (ON DELETE CASCADE, deleted explicitly for clarity).
    await trx.deleteFrom('grant_reports').where('grant_id', '=', id).execute();
    await trx.deleteFrom('grant_targets').where('grant_id', '=', id).execute();
    await trx.deleteFrom('grants').where('id', '=', id).execute();
    await recordChange(tctx, { entity: 'grant', entityId: id, action: 'delete', summary: { amountCents: grant.amountCents, startDate: grant.startDate, endDate: grant.endDate }, parent: { entity: 'organisation', id: grant.funderOrganisationId } });
    return { removed: true };
  });
}

/** A budget and its lines; nothing refers to a budget. */
export async function deleteBudget(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const budget = await trx.selectFrom('budgets').select(['label', 'grant_id']).where('id', '=', id).executeTakeFirst();
    if (!budget) throw new AppError('NOT_FOUND', 'error.notFound');
    await claimVersion({ ...ctx, db: trx }, 'budgets', id, version);
    await trx.deleteFrom('budget_lines').where('budget_id', '=', id).execute();
    await trx.deleteFrom('budgets').where('id', '=', id).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'budget', entityId: id, action: 'delete', summary: { label: budget.label }, ...(budget.grant_id ? { parent: { entity: 'grant', id: budget.grant_id } } : {}) });
    return { removed: true };
  });
}

export async function listBudgets(ctx: ServiceContext, ids?: number[]): Promise<Budget[]> {
  let q = ctx.db.selectFrom('budgets').selectAll().orderBy('start_date', 'desc');
  if (ids) {
    if (!ids.length) return [];
    q = q.where('id', 'in', ids);
  }
  const budgets = await q.execute();
  if (!budgets.length) return [];
  const lines = await ctx.db
    .selectFrom('budget_lines as l')
    .leftJoin('organisations as o', 'o.id', 'l.funder_organisation_id')
    .selectAll('l')
    .select('o.name as funder_name')
    .where(
      'l.budget_id',
      'in',
      budgets.map((b) => b.id),
    )
    .orderBy('l.id')
    .execute();
  return budgets.map((b) => ({
    id: b.id,
    label: b.label,
    startDate: b.start_date,
    endDate: b.end_date,
    grantId: b.grant_id,
    note: b.note,
    version: b.version,
    lines: lines
      .filter((l) => l.budget_id === b.id)
      .map((l) => ({
        id: l.id,
        direction: l.direction as 'expense' | 'income',
        category: l.category,
        funderOrganisationId: l.funder_organisation_id,
        funderName: l.funder_name,
        label: l.label,
        plannedCents: l.planned_cents,
        actualCents: l.actual_cents,
        account: l.account as Account | null,
      })),
  }));
}

/** Writes a whole budget (its lines replaced) in one transaction. */
export async function saveBudget(ctx: ServiceContext, v: z.output<typeof budgetInputSchema>): Promise<Budget> {
  return ctx.db.transaction().execute(async (trx) => {
    if (v.grantId !== null) {
      const grant = await trx.selectFrom('grants').select('id').where('id', '=', v.grantId).executeTakeFirst();
      if (!grant) throw fieldError('grantId', 'error.notFound');
    }
    const columns = { label: v.label, start_date: v.startDate, end_date: v.endDate, grant_id: v.grantId, note: v.note };
    let id = v.id;
    if (id) {
      // The budget's version covers its lines: they are written again with it.
      await claimVersion({ ...ctx, db: trx }, 'budgets', id, v.version);
      const r = await trx.updateTable('budgets').set(columns).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'error.notFound');
      await trx.deleteFrom('budget_lines').where('budget_id', '=', id).execute();
    } else {
      id = (await trx.insertInto('budgets').values(columns).returning('id').executeTakeFirstOrThrow()).id;
    }
    const bid = id;
    await recordChange({ ...ctx, db: trx }, { entity: 'budget', entityId: bid, action: v.id ? 'update' : 'create', summary: { label: v.label, lines: v.lines.length }, ...(v.grantId ? { parent: { entity: 'grant', id: v.grantId } } : {}) });
    if (v.lines.length)
      await trx
        .insertInto('budget_lines')
        .values(
          v.lines.map((l) => ({
            budget_id: bid,
            direction: l.direction,
            category: l.direction === 'income' ? 'funding' : l.category,
            funder_organisation_id: l.direction === 'income' ? l.funderOrganisationId : null,
            label: l.label,
            planned_cents: l.plannedCents,
            actual_cents: l.actualCents,
            account: l.account,
          })),
        )
        .execute();
    return (await listBudgets({ ...ctx, db: trx }, [bid]))[0]!;
  });
}
