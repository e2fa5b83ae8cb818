import { AppError } from '../../../shared/api/errors';
import {
  CONTRIBUTION_ACCOUNTS,
  EXPENSE_ACCOUNTS,
  INCOME_ACCOUNTS,
  gapNeedsExplanation,
  type Account,
  type CerfaReport,
  type CerfaRow,
} from '../../../shared/features/activities/cerfa';
import { translate } from '../../../shared/i18n/index';
import { nowIso, today, type ServiceContext } from '../../app/context';
import { officerSigner } from '../memberships/documents';
import { listBudgets } from './funding';
import { partnerReport } from './reports';

function row(account: Account, plannedCents: number, actualCents: number): CerfaRow {
  const gapCents = actualCents - plannedCents;
  return {
    account,
    plannedCents,
    actualCents,
    gapCents,
    gapPercent: plannedCents === 0 ? null : Math.round((gapCents / plannedCents) * 1000) / 10,
    needsExplanation: gapNeedsExplanation(plannedCents, actualCents),
  };
}

const sum = (rows: CerfaRow[]) => ({
  plannedCents: rows.reduce((s, r) => s + r.plannedCents, 0),
  actualCents: rows.reduce((s, r) => s + r.actualCents, 0),
  gapCents: rows.reduce((s, r) => s + r.gapCents, 0),
});

/**
 * Everything the Cerfa 15059 of one grant prints, from the partner report of the same grant (its
 * budgets, its texts, the time ledger's valuation over its period): the numbers on the grant's page,
 * in the partner report and in the Cerfa are one computation.
 */
export async function cerfaReport(ctx: ServiceContext, grantId: number): Promise<CerfaReport> {
  const partner = await partnerReport(ctx, { grantId });
  const grant = partner.grant!;
  const budgetIds = partner.figures.finances.budgets.map((b) => b.id);
  const budgets = await listBudgets(ctx, budgetIds);
  const lines = budgets.flatMap((b) => b.lines.map((l) => ({ ...l, budgetLabel: b.label })));

  const t = (key: string) => translate('fr', key);
  const unclassified = lines
    .filter((l) => l.account === null)
    .map((l) => ({
      budgetLabel: l.budgetLabel,
      lineLabel: l.label ?? (l.direction === 'expense' ? t(`activity.expense.${l.category}`) : (l.funderName ?? t('cerfa.income'))),
    }));

  const planned = new Map<string, number>();
  const actual = new Map<string, number>();
  for (const l of lines) {
    if (!l.account) continue;
    planned.set(l.account, (planned.get(l.account) ?? 0) + l.plannedCents);
    actual.set(l.account, (actual.get(l.account) ?? 0) + l.actualCents);
  }
  const rowsOf = (accounts: readonly Account[]) => accounts.map((a) => row(a, planned.get(a) ?? 0, actual.get(a) ?? 0));
  const expenses = rowsOf(EXPENSE_ACCOUNTS);
  const income = rowsOf(INCOME_ACCOUNTS);
  // Donated time: the time feature's valuation over the grant's period, as the partner report prints it.
  // 86 and 87 balance by definition: a budget that plans only one side plans the other too.
  const plannedContribution = (a: Account) => planned.get(a) ?? planned.get(a === '86' ? '87' : '86') ?? 0;
  const contributions = CONTRIBUTION_ACCOUNTS.map((a) => row(a, plannedContribution(a), partner.figures.time.valueCents));

  const [explanationRows, signer] = await Promise.all([
    ctx.db.selectFrom('grant_gap_explanations').select(['account', 'body']).where('grant_id', '=', grantId).execute(),
    signerOf(ctx),
  ]);

  return {
    generatedOn: today(ctx),
    letterhead: partner.letterhead,
    grant: {
      id: grant.id,
      funderName: grant.funderName,
      programme: grant.programme,
      reference: grant.reference,
      startDate: grant.startDate,
      endDate: grant.endDate,
      amountCents: grant.amountCents,
      paidCents: grant.paidCents,
      payments: grant.payments.map((p) => ({ date: p.date, amountCents: p.amountCents })),
    },
    unclassified,
    texts: partner.texts,
    expenses,
    income,
    expenseTotals: sum(expenses),
    incomeTotals: sum(income),
    contributions,
    donatedMinutes: partner.figures.time.minutes,
    explanations: Object.fromEntries(explanationRows.map((r) => [r.account, r.body])),
    signer,
  };
}

/** The president in office today, or else the treasurer: the Cerfa is signed by one of them, as a receipt is. */
function signerOf(ctx: ServiceContext): Promise<CerfaReport['signer']> {
  return officerSigner(ctx.db, today(ctx));
}

/** The report, refused while a budget line of the grant is still « à classer » (the lines are named). */
export async function cerfaDocumentData(ctx: ServiceContext, grantId: number): Promise<CerfaReport> {
  const report = await cerfaReport(ctx, grantId);
  if (report.unclassified.length) {
    throw new AppError('VALIDATION', 'error.cerfa.unclassified', { lines: report.unclassified.map((l) => `${l.budgetLabel} — ${l.lineLabel}`).join(' ; ') });
  }
  return report;
}

/** Keeps (or, when blank, forgets) the explanation of the gap on one account of a grant. */
export async function saveGapExplanation(ctx: ServiceContext, v: { grantId: number; account: Account; body: string | null }): Promise<CerfaReport> {
  const grant = await ctx.db.selectFrom('grants').select('id').where('id', '=', v.grantId).executeTakeFirst();
  if (!grant) throw new AppError('NOT_FOUND', 'error.notFound');
  const now = nowIso(ctx);
  if (v.body === null) {
    await ctx.db.deleteFrom('grant_gap_explanations').where('grant_id', '=', v.grantId).where('account', '=', v.account).execute();
  } else {
    await ctx.db
      .insertInto('grant_gap_explanations')
      .values({ grant_id: v.grantId, account: v.account, body: v.body, updated_at: now })
      .onConflict((oc) => oc.columns(['grant_id', 'account']).doUpdateSet({ body: v.body!, updated_at: now }))
      .execute();
  }
  return cerfaReport(ctx, v.grantId);
}
