import { CIVILITIES } from '../people/schemas';
import { z } from 'zod';
import { id, optionalText } from '../../validation/fields';
import { letterheadSchema } from '../meetings/documents';

/**
 * The accounts of the associations' chart of accounts (règlement ANC 2018-06) that the Cerfa
 * n° 15059*02 « compte rendu financier de subvention » lists. A budget line carries one; null is
 * « à classer » (lines written before migration 0009), and the report refuses to be written then.
 */
export const EXPENSE_ACCOUNTS = ['60', '61', '62', '63', '64', '65', '66', '67', '68'] as const;
export const INCOME_ACCOUNTS = ['70', '74', '75', '76', '77', '78'] as const;
export const CONTRIBUTION_ACCOUNTS = ['86', '87'] as const;
export const ACCOUNTS = [...EXPENSE_ACCOUNTS, ...INCOME_ACCOUNTS, ...CONTRIBUTION_ACCOUNTS] as const;
export type Account = (typeof ACCOUNTS)[number];

/** 86 (use of the contributions) is a cost, 87 (the contributions received) an income. */
export function accountDirection(account: Account): 'expense' | 'income' {
  return (EXPENSE_ACCOUNTS as readonly string[]).includes(account) || account === '86' ? 'expense' : 'income';
}

/** The accounts a line of this direction may carry, in the order of the Cerfa. */
export function accountsFor(direction: 'expense' | 'income'): Account[] {
  return ACCOUNTS.filter((a) => accountDirection(a) === direction);
}

/** A gap is explained when it is over 20 % of the planned amount (or when nothing was planned). */
export const GAP_THRESHOLD = 0.2;

export function gapNeedsExplanation(plannedCents: number, actualCents: number): boolean {
  if (plannedCents === 0) return actualCents !== 0;
  return Math.abs(actualCents - plannedCents) / plannedCents > GAP_THRESHOLD;
}

export const cerfaRowSchema = z.object({
  account: z.enum(ACCOUNTS),
  plannedCents: z.number().int(),
  actualCents: z.number().int(),
  gapCents: z.number().int(),
  /** Gap in percent of the planned amount, one decimal; null when nothing was planned. */
  gapPercent: z.number().nullable(),
  needsExplanation: z.boolean(),
});
export type CerfaRow = z.infer<typeof cerfaRowSchema>;

const totals = z.object({ plannedCents: z.number().int(), actualCents: z.number().int(), gapCents: z.number().int() });

export const cerfaReportSchema = z.object({
  generatedOn: z.string(),
  letterhead: letterheadSchema,
  grant: z.object({
    id: z.number().int(),
    funderName: z.string(),
    programme: z.string(),
    reference: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string(),
    amountCents: z.number().int(),
    paidCents: z.number().int(),
    payments: z.array(z.object({ date: z.string(), amountCents: z.number().int() })),
  }),
  /** The budget lines still « à classer »: the document is refused while there is one. */
  unclassified: z.array(z.object({ budgetLabel: z.string(), lineLabel: z.string() })),
  /** The report texts kept with the grant (partner report of the grant), by section. */
  texts: z.record(z.string(), z.string()),
  expenses: z.array(cerfaRowSchema),
  income: z.array(cerfaRowSchema),
  expenseTotals: totals,
  incomeTotals: totals,
  /** 86 and 87: planned from the budget, actual from the time ledger's own valuation. */
  contributions: z.array(cerfaRowSchema),
  donatedMinutes: z.number().int(),
  explanations: z.record(z.string(), z.string()),
  signer: z.object({ office: z.enum(['president', 'treasurer']), name: z.string(), civility: z.enum(CIVILITIES).nullable().default(null) }).nullable(),
});
export type CerfaReport = z.infer<typeof cerfaReportSchema>;

export const gapExplanationSaveSchema = z.object({ grantId: id, account: z.enum(ACCOUNTS), body: optionalText(4000) });
