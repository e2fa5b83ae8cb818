import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import type { Budget, Grant } from '../../../shared/features/activities/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { formatMoneyInput, parseMoney, todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { BudgetDialog } from './BudgetDialog';
import { CerfaPanel } from './CerfaPanel';
import { formatDecimalInput } from './common';
import { GrantDialog } from './GrantDialog';
import { DateInput } from '../../components/DateInput';

function PaymentForm({ grant, onSaved }: { grant: Grant; onSaved: () => void }) {
  const { t, language } = useI18n();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(todayIso());
  const [error, setError] = useState<ApiError | null>(null);
  const amountId = `payment-amount-${grant.id}`;
  const dateId = `payment-date-${grant.id}`;
  return (
    <form
      className="inline-form"
      aria-label={t('activity.ui.addPaymentTo', { name: `${grant.funderName} — ${grant.programme}` })}
      onSubmit={async (e) => {
        e.preventDefault();
        const parsed = parseMoney(amount, language);
        if (!parsed.ok) return setError({ code: 'VALIDATION', key: parsed.key, message: parsed.key });
        try {
          await api.call('funding.payments.add', { grantId: grant.id, date, amountCents: parsed.cents });
          setAmount('');
          setError(null);
          onSaved();
        } catch (err) {
          setError(toApiError(err));
        }
      }}
    >
      <label htmlFor={dateId}>
        {t('activity.ui.paymentDate')} <DateInput id={dateId} aria-label={t('activity.ui.paymentDate')} value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label htmlFor={amountId}>
        {t('activity.ui.paymentAmount')} <input id={amountId} inputMode="decimal" className="input-money" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={Boolean(error)} />
      </label>
      <button type="submit" className="btn btn-secondary btn-small">
        {t('activity.ui.addPayment')}
      </button>
      <ErrorBanner error={error} />
    </form>
  );
}

export function FundingPage() {
  const { t, tKey, date, money, language } = useI18n();
  const location = useLocation();
  const grants = useQuery('funding.grants.list', {});
  const budgets = useQuery('funding.budgets.list', {});
  const [editingGrant, setEditingGrant] = useState<Grant | 'new' | null>(null);
  const [editingBudget, setEditingBudget] = useState<Budget | 'new' | null>(null);
  const [editingPayment, setEditingPayment] = useState<{ grant: Grant; payment: Grant['payments'][number] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // The dashboard links to one grant (`#grant-12`): bring it into view once the list is there.
  const loaded = Boolean(grants.data);
  useEffect(() => {
    if (!loaded || !location.hash) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [loaded, location.hash]);

  return (
    <>
      <PageHeader
        title={t('activity.ui.funding')}
        actions={
          <>
            <button type="button" className="btn btn-primary" onClick={() => setEditingGrant('new')}>
              {t('activity.ui.newGrant')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setEditingBudget('new')}>
              {t('activity.ui.newBudget')}
            </button>
          </>
        }
      />
      <SuccessBanner message={message} />
      <ErrorBanner error={error ?? grants.error ?? budgets.error} />
      <Section title={t('activity.ui.grants')} id="grants">
        {!grants.data ? (
          <Loading />
        ) : grants.data.items.length === 0 ? (
          <EmptyState title={t('activity.ui.noGrant')} />
        ) : (
          grants.data.items.map((g) => (
            <article key={g.id} className="card" id={`grant-${g.id}`} aria-labelledby={`grant-${g.id}-title`}>
              <div className="card-head">
                <h3 id={`grant-${g.id}-title`}>
                  {g.funderName} — {g.programme}
                  {g.reference ? <span className="muted"> ({g.reference})</span> : null}
                </h3>
                <button type="button" className="btn btn-secondary btn-small" aria-label={t('activity.ui.editGrantOf', { name: `${g.funderName} — ${g.programme}` })} onClick={() => setEditingGrant(g)}>
                  {t('action.edit')}
                </button>
              </div>
              <p className="card-facts">
                {date(g.startDate)} – {date(g.endDate)} · {t('activity.ui.amount')} : {money(g.amountCents)} · {t('activity.ui.paid')} : {money(g.paidCents)} ·{' '}
                {t('activity.ui.remaining')} : {money(g.amountCents - g.paidCents)}
              </p>
              {g.note ? <p className="pre-line">{g.note}</p> : null}
              {g.reports.length ? (
                <>
                  <h4>{t('activity.ui.reportsDue')}</h4>
                  <ul aria-label={t('activity.ui.reportsDue')}>
                    {g.reports.map((r) => (
                      <li key={r.id}>
                        {date(r.dueDate)} — {r.label}{' '}
                        {r.submittedOn ? (
                          <Badge tone="ok">{t('activity.ui.submittedOnDate', { date: date(r.submittedOn) })}</Badge>
                        ) : r.dueDate < todayIso() ? (
                          <Badge tone="danger">{t('activity.ui.late')}</Badge>
                        ) : (
                          <Badge tone="info">{t('activity.ui.toSubmit')}</Badge>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {g.targets.length ? (
                <>
                  <h4>{t('activity.ui.targets')}</h4>
                  <ul aria-label={t('activity.ui.targets')}>
                    {g.targets.map((target) => (
                      <li key={target.metric}>
                        {tKey(`activity.metric.${target.metric}`)} : {formatDecimalInput(target.value, language)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <h4>{t('activity.ui.payments')}</h4>
              {g.payments.length ? (
                <ul aria-label={t('activity.ui.payments')}>
                  {g.payments.map((p) => (
                    <li key={p.id}>
                      {date(p.date)} — {money(p.amountCents)}
                      {p.note ? <span className="muted"> · {p.note}</span> : null}{' '}
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        aria-label={t('edit.payment.editOf', { amount: money(p.amountCents), date: date(p.date) })}
                        onClick={() => setEditingPayment({ grant: g, payment: p })}
                      >
                        {t('action.edit')}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('activity.ui.noPayment')}</p>
              )}
              <PaymentForm grant={g} onSaved={grants.reload} />
              <CerfaPanel grantId={g.id} label={`${g.funderName} — ${g.programme}`} version={budgets.data} />
            </article>
          ))
        )}
      </Section>
      <Section title={t('activity.ui.budgets')} id="budgets">
        {!budgets.data ? (
          <Loading />
        ) : budgets.data.items.length === 0 ? (
          <EmptyState title={t('activity.ui.noBudget')} />
        ) : (
          budgets.data.items.map((b) => {
            const sum = (direction: 'expense' | 'income', key: 'plannedCents' | 'actualCents') => b.lines.filter((l) => l.direction === direction).reduce((s, l) => s + l[key], 0);
            return (
              <article key={b.id} className="card" aria-labelledby={`budget-${b.id}-title`}>
                <div className="card-head">
                  <h3 id={`budget-${b.id}-title`}>
                    {b.label} ({date(b.startDate)} – {date(b.endDate)})
                  </h3>
                  <button type="button" className="btn btn-secondary btn-small" aria-label={t('activity.ui.editBudgetOf', { label: b.label })} onClick={() => setEditingBudget(b)}>
                    {t('action.edit')}
                  </button>
                </div>
                <table className="table table-compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('activity.ui.category')}</th>
                      <th scope="col" className="num">
                        {t('activity.budget.planned')}
                      </th>
                      <th scope="col" className="num">
                        {t('activity.budget.actual')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.lines.map((l) => (
                      <tr key={l.id}>
                        <th scope="row">
                          {l.direction === 'expense' ? tKey(`activity.expense.${l.category}`) : `${t('activity.ui.funder')} : ${l.funderName ?? ''}`}
                          {l.label ? <span className="muted"> — {l.label}</span> : null}
                        </th>
                        <td className="num">{money(l.plannedCents)}</td>
                        <td className="num">{money(l.actualCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('activity.ui.totalExpenses')}</th>
                      <td className="num">{money(sum('expense', 'plannedCents'))}</td>
                      <td className="num">{money(sum('expense', 'actualCents'))}</td>
                    </tr>
                    <tr>
                      <th scope="row">{t('activity.ui.totalIncome')}</th>
                      <td className="num">{money(sum('income', 'plannedCents'))}</td>
                      <td className="num">{money(sum('income', 'actualCents'))}</td>
                    </tr>
                  </tfoot>
                </table>
              </article>
            );
          })
        )}
      </Section>
      {editingGrant ? (
        <GrantDialog
          grant={editingGrant === 'new' ? null : editingGrant}
          onClose={() => setEditingGrant(null)}
          onDeleted={(name) => {
            setEditingGrant(null);
            setMessage(t('edit.grant.deleted', { name }));
            grants.reload();
          }}
          onSaved={(g) => {
            setEditingGrant(null);
            setMessage(t('activity.ui.grantSaved', { name: `${g.funderName} — ${g.programme}` }));
            grants.reload();
            budgets.reload();
          }}
        />
      ) : null}
      {editingBudget ? (
        <BudgetDialog
          budget={editingBudget === 'new' ? null : editingBudget}
          onClose={() => setEditingBudget(null)}
          onDeleted={(label) => {
            setEditingBudget(null);
            setMessage(t('edit.budget.deleted', { label }));
            budgets.reload();
          }}
          onSaved={(b) => {
            setEditingBudget(null);
            setMessage(t('activity.ui.budgetSaved', { label: b.label }));
            budgets.reload();
          }}
        />
      ) : null}
      {editingPayment ? (
        <PaymentDialog
          grant={editingPayment.grant}
          payment={editingPayment.payment}
          onClose={() => setEditingPayment(null)}
          onDone={(notice) => {
            setEditingPayment(null);
            setError(null);
            setMessage(notice);
            grants.reload();
          }}
        />
      ) : null}
    </>
  );
}

/** Corrects the date, amount or note of a payment, or deletes it: the ceiling of the grant still holds. */
function PaymentDialog({ grant, payment, onClose, onDone }: { grant: Grant; payment: Grant['payments'][number]; onClose: () => void; onDone: (notice: string) => void }) {
  const { t, date, money, language } = useI18n();
  const initial = { date: payment.date, amount: formatMoneyInput(payment.amountCents, language), note: payment.note ?? '' };
  const [values, setValues] = useState(initial);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [amountError, setAmountError] = useState<{ message: string } | undefined>(undefined);
  const dirty = values.date !== initial.date || values.amount !== initial.amount || values.note !== initial.note;
  const text = `${date(payment.date)} — ${money(payment.amountCents)}`;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBanner(null);
    setAmountError(undefined);
    const parsed = parseMoney(values.amount, language);
    if (!parsed.ok) return setAmountError({ message: parsed.key });
    setBusy(true);
    try {
      await api.call('funding.payments.update', { id: payment.id, version: payment.version, date: values.date, amountCents: parsed.cents, note: values.note.trim() || null });
      onDone(t('edit.payment.saved'));
    } catch (err) {
      const error = toApiError(err);
      const issue = error.issues?.find((i) => i.path === 'amountCents');
      if (issue) setAmountError({ message: issue.params ? JSON.stringify({ key: issue.key, params: issue.params }) : issue.key });
      else setBanner(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      title={t('edit.payment.title', { name: `${grant.funderName} — ${grant.programme}` })}
      dirty={dirty}
      banner={banner}
      busy={busy}
      submitLabel={t('action.save')}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
      deletion={{
        question: t('activity.ui.deletePaymentMessage', { payment: text }),
        run: async () => {
          try {
            await api.call('funding.payments.delete', { id: payment.id, version: payment.version });
            onDone(t('activity.ui.paymentDeleted'));
          } catch (err) {
            setBanner(toApiError(err));
          }
        },
      }}
    >
      <Field label={t('activity.ui.paymentDate')} required>
        {(p) => <DateInput {...p} value={values.date} onChange={(e) => setValues({ ...values, date: e.target.value })} />}
      </Field>
      <Field label={t('activity.ui.paymentAmount')} error={amountError} required>
        {(p) => <input {...p} inputMode="decimal" className="input-money" value={values.amount} onChange={(e) => setValues({ ...values, amount: e.target.value })} />}
      </Field>
      <Field label={t('common.note')} wide>
        {(p) => <input {...p} value={values.note} onChange={(e) => setValues({ ...values, note: e.target.value })} />}
      </Field>
    </FormDialog>
  );
}
