import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { parseMoney } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

function PaymentForm({ grantId, onSaved }: { grantId: number; onSaved: () => void }) {
  const { t, language } = useI18n();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <form
      className="inline-form"
      aria-label={t('activity.ui.addPayment')}
      onSubmit={async (e) => {
        e.preventDefault();
        const parsed = parseMoney(amount, language);
        if (!parsed.ok) return setError({ code: 'VALIDATION', key: parsed.key, message: parsed.key });
        try {
          await api.call('funding.payments.add', { grantId, date, amountCents: parsed.cents });
          setAmount('');
          setError(null);
          onSaved();
        } catch (err) {
          setError(toApiError(err));
        }
      }}
    >
      <label>
        {t('activity.ui.paymentDate')} <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        {t('activity.ui.paymentAmount')} <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-secondary btn-small">
        {t('activity.ui.addPayment')}
      </button>
      <ErrorBanner error={error} />
    </form>
  );
}

export function FundingPage() {
  const { t, tKey, date, money } = useI18n();
  const grants = useQuery('funding.grants.list', {});
  const budgets = useQuery('funding.budgets.list', {});
  return (
    <>
      <PageHeader title={t('activity.ui.funding')} />
      <ErrorBanner error={grants.error ?? budgets.error} />
      <Section title={t('activity.ui.grants')} id="grants">
        {!grants.data ? (
          <Loading />
        ) : grants.data.items.length === 0 ? (
          <EmptyState title={t('activity.ui.grants')} />
        ) : (
          grants.data.items.map((g) => (
            <article key={g.id} className="card">
              <h3>
                {g.funderName} — {g.programme}
              </h3>
              <p>
                {date(g.startDate)} – {date(g.endDate)} · {t('activity.ui.amount')} : {money(g.amountCents)} · {t('activity.ui.paid')} : {money(g.paidCents)}
              </p>
              {g.payments.length ? (
                <ul aria-label={t('activity.ui.payments')}>
                  {g.payments.map((p) => (
                    <li key={p.id}>
                      {date(p.date)} — {money(p.amountCents)}
                    </li>
                  ))}
                </ul>
              ) : null}
              {g.reports.length ? (
                <p>
                  {t('activity.ui.reportsDue')} : {g.reports.map((r) => `${r.label} (${date(r.dueDate)})`).join(', ')}
                </p>
              ) : null}
              <PaymentForm grantId={g.id} onSaved={grants.reload} />
            </article>
          ))
        )}
      </Section>
      <Section title={t('activity.ui.budgets')} id="budgets">
        {!budgets.data ? (
          <Loading />
        ) : (
          budgets.data.items.map((b) => (
            <article key={b.id} className="card">
              <h3>
                {b.label} ({date(b.startDate)} – {date(b.endDate)})
              </h3>
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('activity.ui.category')}</th>
                    <th scope="col" className="num">{t('activity.budget.planned')}</th>
                    <th scope="col" className="num">{t('activity.budget.actual')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.lines.map((l) => (
                    <tr key={l.id}>
                      <th scope="row">{l.direction === 'expense' ? tKey(`activity.expense.${l.category}`) : `${t('activity.ui.funder')} : ${l.funderName ?? ''}`}</th>
                      <td className="num">{money(l.plannedCents)}</td>
                      <td className="num">{money(l.actualCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          ))
        )}
      </Section>
    </>
  );
}
