// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { useId, useMemo, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { accountsFor } from '../../../shared/features/activities/cerfa';
import { EXPENSE_CATEGORIES, budgetInputSchema, type Budget } from '../../../shared/features/activities/schemas';
import type { Language } from '../../../shared/i18n/index';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal, DiscardChangesDialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Page';
import { decodeMessage, moneyFieldsResolver } from '../../components/forms';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { formatMoneyInput, parseMoney } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { applyServerIssues, numberOrNull } from './common';
import { FormPicker } from '../../components/RecordPicker';
import { FormActions } from '../../components/FormActions';
import { DateInput } from '../../components/DateInput';

/** One line of the table: amounts as typed text under the contract's own names, so errors land on them. */
interface LineForm {
  direction: 'expense' | 'income';
  category: string;
  funderOrganisationId: number | null;
  label: string;
  plannedCents: string;
  actualCents: string;
  /** Account of the chart of accounts for the Cerfa 15059; '' = « à classer ». */
  account: string;
}
export interface BudgetFormValues {
  label: string;
  startDate: string;
  endDate: string;
  grantId: number | null;
  note: string;
  lines: LineForm[];
}
type BudgetValues = z.output<typeof budgetInputSchema>;

const TOP_FIELDS = ['label', 'startDate', 'endDate', 'grantId', 'note'];
const LINE_FIELD = /^lines\.\d+\.(category|funderOrganisationId|label|plannedCents|actualCents|account)$/;

/** Amounts read the French way; an unreadable one goes on as text so the contract's `error.money` names it. */
function moneyOf(text: string, language: Language): number | string {
  const parsed = parseMoney(text ?? '', language);
  return parsed.ok ? parsed.cents : parsed.key === 'error.moneyNegative' ? -1 : text;
}

function budgetSchemaFromForm(language: Language) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== 'object') return raw;
    const values = raw as Record<string, unknown>;
    const lines = Array.isArray(values.lines) ? (values.lines as LineForm[]) : [];
    return { ...values, lines: lines.map((l) => ({ ...l, account: l.account || null, plannedCents: moneyOf(l.plannedCents, language), actualCents: moneyOf(l.actualCents, language) })) };
  }, budgetInputSchema);
}

function toFormValues(budget: Budget | null, language: Language): BudgetFormValues {
  if (!budget) {
    return {
      label: '',
      startDate: '',
      endDate: '',
      grantId: null,
      note: '',
      // A new budget starts with one line per expense category; empty ones are not saved.
      lines: EXPENSE_CATEGORIES.map((category) => ({ direction: 'expense' as const, category, funderOrganisationId: null, label: '', plannedCents: '', actualCents: '', account: SUGGESTED_ACCOUNT[category] ?? '' })),
    };
  }
  return {
    label: budget.label,
    startDate: budget.startDate,
    endDate: budget.endDate,
    grantId: budget.grantId,
    note: budget.note ?? '',
    lines: budget.lines.map((l) => ({
      direction: l.direction,
      category: l.category,
      funderOrganisationId: l.funderOrganisationId,
      label: l.label ?? '',
      plannedCents: formatMoneyInput(l.plannedCents, language),
      actualCents: formatMoneyInput(l.actualCents, language),
      account: l.account ?? '',
    })),
  };
}

/** The usual account of a category, proposed on new lines only: lines saved before stay « à classer » until the user picks. */
const SUGGESTED_ACCOUNT: Partial<Record<string, string>> = {
  staff: '64',
  donated_time: '86',
  purchases: '60',
  services: '61',
  shows: '62',
  printing: '62',
  graphic_design: '62',
  travel: '62',
  funding: '74',
};

/** An error under a table cell, from a catalogue key. */
function CellError({ id, message }: { id: string; message: string | undefined }) {
  const { tKey } = useI18n();
  if (!message) return null;
  const { key, params } = decodeMessage(message);
  return (
    <p className="field-error" id={id} role="alert">
      {tKey(key, params)}
    </p>
  );
}

interface BudgetDialogProps {
  budget: Budget | null;
  onClose: () => void;
  onSaved: (budget: Budget) => void;
  onDeleted?: (name: string) => void;
}

export function BudgetDialog({ budget, onClose, onSaved, onDeleted }: BudgetDialogProps) {
  const { t, tKey, language, money } = useI18n();
  const uid = useId();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const organisations = useQuery('organisations.list', { kind: 'partner' });
  const grants = useQuery('funding.grants.list', {});
  // No top-level money field: the line amounts are read by the schema's own preprocessing.
  const resolver = useMemo(() => moneyFieldsResolver<BudgetFormValues, BudgetValues>(budgetSchemaFromForm(language), {}, language), [language]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<BudgetFormValues, unknown, BudgetValues>({ resolver, defaultValues: toFormValues(budget, language) });
  const lines = useFieldArray({ control, name: 'lines' });
  const watched = useWatch({ control, name: 'lines' });
  const { dialog: leaveDialog, allowNavigation } = useUnsavedChanges(isDirty);

  const funders = organisations.data?.items.map((o) => ({ id: o.id, name: o.name })) ?? [];
  for (const l of budget?.lines ?? []) {
    if (l.funderOrganisationId && !funders.some((f) => f.id === l.funderOrganisationId)) funders.push({ id: l.funderOrganisationId, name: l.funderName ?? `#${l.funderOrganisationId}` });
  }

  const totals = (direction: 'expense' | 'income') =>
    (watched ?? []).reduce(
      (sum, l) => {
        if (l.direction !== direction) return sum;
        const p = parseMoney(l.plannedCents ?? '', language);
        const a = parseMoney(l.actualCents ?? '', language);
        return { planned: sum.planned + (p.ok ? p.cents : 0), actual: sum.actual + (a.ok ? a.cents : 0) };
      },
      { planned: 0, actual: 0 },
    );

  const requestClose = () => (isDirty ? setConfirmClose(true) : onClose());

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    // Expense lines left empty (no amount, no label) carry nothing: they are not saved.
    const kept = values.lines.map((line, index) => ({ line, index })).filter(({ line }) => line.direction === 'income' || line.plannedCents > 0 || line.actualCents > 0 || line.label);
    try {
      const saved = await api.call('funding.budgets.save', { ...values, ...(budget ? { id: budget.id, version: budget.version } : {}), lines: kept.map((k) => k.line) });
      allowNavigation();
      onSaved(saved);
    } catch (e) {
      setBanner(
        applyServerIssues(
          e,
          setError,
          (f) => TOP_FIELDS.includes(f) || LINE_FIELD.test(f),
          (f) => f.replace(/^lines\.(\d+)\./, (_, i: string) => `lines.${kept[Number(i)]?.index ?? i}.`),
        ),
      );
    }
  });

  const table = (direction: 'expense' | 'income') => {
    const rows = lines.fields.map((field, index) => ({ field, index })).filter(({ field }) => field.direction === direction);
    const sum = totals(direction);
    const col = (name: string) => `${uid}-${direction}-${name}`;
    return (
      <div className="table-wrap">
        <table className="table table-compact table-form" aria-labelledby={`${uid}-${direction}-title`}>
          <thead>
            <tr>
              <th scope="col" id={col('category')}>
                {direction === 'expense' ? t('activity.ui.category') : t('activity.ui.funder')}
              </th>
              <th scope="col" id={col('account')}>
                {t('cerfa.ui.account')}
              </th>
              <th scope="col" id={col('label')}>
                {t('activity.ui.lineLabel')}
              </th>
              <th scope="col" className="num" id={col('planned')}>
                {t('activity.budget.planned')} (€)
              </th>
              <th scope="col" className="num" id={col('actual')}>
                {t('activity.budget.actual')} (€)
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('activity.ui.rowActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ field, index }) => {
              const e = errors.lines?.[index];
              const rowName = `${uid}-row-${index}`;
              const errorId = (name: string) => `${rowName}-${name}-error`;
              return (
                <tr key={field.id}>
                  <td>
                    {direction === 'expense' ? (
                      <select id={rowName} aria-labelledby={col('category')} aria-invalid={Boolean(e?.category)} aria-describedby={e?.category ? errorId('category') : undefined} {...register(`lines.${index}.category`)}>
                        {EXPENSE_CATEGORIES.map((c) => (
                          <option key={c} value={c}>
                            {tKey(`activity.expense.${c}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <FormPicker
                        id={rowName}
                        control={control}
                        name={`lines.${index}.funderOrganisationId`}
                        source="organisations"
                        kind="partner"
                        placeholder={t('common.choose')}
                        aria-labelledby={col('category')}
                        aria-invalid={Boolean(e?.funderOrganisationId)}
                        aria-describedby={e?.funderOrganisationId ? errorId('funder') : undefined}
                      />
                    )}
                    <CellError id={errorId('category')} message={e?.category?.message} />
                    <CellError id={errorId('funder')} message={e?.funderOrganisationId?.message} />
                  </td>
                  <td>
                    <select
                      aria-labelledby={`${col('account')} ${rowName}`}
                      aria-invalid={Boolean(e?.account)}
                      aria-describedby={e?.account ? errorId('account') : undefined}
                      {...register(`lines.${index}.account`)}
                    >
                      <option value="">{t('cerfa.unclassified')}</option>
                      {accountsFor(direction).map((a) => (
                        <option key={a} value={a}>
                          {a} {tKey(`cerfa.account.${a}`)}
                        </option>
                      ))}
                    </select>
                    <CellError id={errorId('account')} message={e?.account?.message} />
                  </td>
                  <td>
                    <input aria-labelledby={`${col('label')} ${rowName}`} {...register(`lines.${index}.label`)} />
                    <CellError id={errorId('label')} message={e?.label?.message} />
                  </td>
                  <td className="num">
                    <input
                      inputMode="decimal"
                      aria-labelledby={`${col('planned')} ${rowName}`}
                      aria-invalid={Boolean(e?.plannedCents)}
                      aria-describedby={e?.plannedCents ? errorId('planned') : undefined}
                      {...register(`lines.${index}.plannedCents`)}
                    />
                    <CellError id={errorId('planned')} message={e?.plannedCents?.message} />
                  </td>
                  <td className="num">
                    <input
                      inputMode="decimal"
                      aria-labelledby={`${col('actual')} ${rowName}`}
                      aria-invalid={Boolean(e?.actualCents)}
                      aria-describedby={e?.actualCents ? errorId('actual') : undefined}
                      {...register(`lines.${index}.actualCents`)}
                    />
                    <CellError id={errorId('actual')} message={e?.actualCents?.message} />
                  </td>
                  <td>
                    <button type="button" className="btn btn-danger-quiet btn-small" aria-label={t('activity.ui.removeLine', { n: rows.findIndex((r) => r.index === index) + 1 })} onClick={() => lines.remove(index)}>
                      {t('activity.ui.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t('activity.ui.total')}
              </th>
              <td className="num">{money(sum.planned)}</td>
              <td className="num">{money(sum.actual)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    );
  };

  const expenses = totals('expense');
  const income = totals('income');

  return (
    <Modal title={budget ? t('activity.ui.editBudgetOf', { label: budget.label }) : t('activity.ui.newBudget')} onClose={requestClose} size="large">
      <ErrorBanner error={banner ?? organisations.error ?? grants.error} />
      {/* The pickers are filled before the form shows, so a select never mounts without its chosen option. */}
      {!organisations.data || !grants.data ? <Loading /> : (
      <form className="form" aria-label={budget ? t('activity.ui.editBudget') : t('activity.ui.newBudget')} onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <Field label={t('activity.ui.budgetLabel')} error={errors.label} required wide>
            {(p) => <input {...p} {...register('label')} />}
          </Field>
          <Field label={t('activity.ui.periodFrom')} error={errors.startDate} required>
            {(p) => <DateInput {...p} {...register('startDate')} />}
          </Field>
          <Field label={t('activity.ui.periodTo')} error={errors.endDate} required>
            {(p) => <DateInput {...p} {...register('endDate')} />}
          </Field>
          <Field label={t('activity.ui.grant')} error={errors.grantId}>
            {(p) => (
              <select {...p} {...register('grantId', { setValueAs: numberOrNull })}>
                <option value="">{t('common.none')}</option>
                {(grants.data?.items ?? []).map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.funderName} — {g.programme}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('common.note')} error={errors.note} wide>
            {(p) => <textarea {...p} {...register('note')} rows={2} />}
          </Field>
        </div>
        <h3 id={`${uid}-expense-title`}>{t('activity.ui.expenses')}</h3>
        <p className="field-hint">{t('activity.ui.budgetHint')}</p>
        {table('expense')}
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => lines.append({ direction: 'expense', category: 'other', funderOrganisationId: null, label: '', plannedCents: '', actualCents: '', account: '' }, { shouldFocus: true })}
        >
          {t('activity.ui.addExpense')}
        </button>
        <h3 id={`${uid}-income-title`}>{t('activity.ui.income')}</h3>
        {table('income')}
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => lines.append({ direction: 'income', category: 'funding', funderOrganisationId: null, label: '', plannedCents: '', actualCents: '', account: '74' }, { shouldFocus: true })}
        >
          {t('activity.ui.addIncome')}
        </button>
        <p className="muted">
          {t('activity.ui.balance', { planned: money(income.planned - expenses.planned), actual: money(income.actual - expenses.actual) })}
        </p>
        <FormActions
          submitLabel={t('activity.ui.saveBudget')}
          busy={isSubmitting}
          onCancel={requestClose}
          deletion={
            budget && onDeleted
              ? {
                  question: t('edit.budget.deleteQuestion', { label: budget.label }),
                  message: <p>{t('edit.budget.deleteMessage')}</p>,
                  run: async () => {
                    try {
                      await api.call('funding.budgets.delete', { id: budget.id, version: budget.version });
                      allowNavigation();
                      onDeleted(budget.label);
                    } catch (e) {
                      setBanner(toApiError(e));
                    }
                  },
                }
              : undefined
          }
        />
      </form>
      )}
      {confirmClose ? (
        <DiscardChangesDialog
          onLeave={() => {
            allowNavigation();
            onClose();
          }}
          onStay={() => setConfirmClose(false)}
        />
      ) : null}
      {leaveDialog}
    </Modal>
  );
}
