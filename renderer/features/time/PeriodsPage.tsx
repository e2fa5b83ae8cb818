import { useState } from 'react';
import { formatMoment } from '../../i18n/format';
import { useForm } from 'react-hook-form';
import type { ApiError } from '../../../shared/api/errors';
import type { ClosedPeriod } from '../../../shared/features/time/schemas';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { Badge, EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useTimeFormat } from './common';
import { DateInput } from '../../components/DateInput';

function ReopenDialog({ period, onClose, onDone }: { period: ClosedPeriod; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await api.call('time.periods.reopen', { id: period.id, reason: v.reason });
      onDone();
    } catch (e) {
      setError(applyServerError(e, setFieldError, ['reason']));
    }
  });
  const title = t('time.ui.periods.reopenTitle', { label: period.label });
  return (
    <Modal title={title} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={title}>
        <p>{t('time.ui.periods.reopenExplain')}</p>
        <ErrorBanner error={error} />
        <Field label={t('time.ui.periods.reason')} error={formState.errors.reason} required wide>
          {(p) => <textarea {...p} rows={3} {...register('reason', { validate: (v) => v.trim().length >= 3 || 'error.time.reasonRequired' })} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-danger" disabled={formState.isSubmitting}>
            {t('time.ui.periods.reopen')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
            {t('time.ui.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Closing a reported period locks its entries; reopening it is an explicit, logged act. */
export function PeriodsPage() {
  const { t, language } = useI18n();
  const f = useTimeFormat();
  const query = useQuery('time.periods.list', {});
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reopening, setReopening] = useState<ClosedPeriod | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState, reset } = useForm<{ from: string; to: string; label: string }>({
    defaultValues: { from: '', to: '', label: '' },
  });
  const close = handleSubmit(async (v) => {
    setError(null);
    try {
      const period = await api.call('time.periods.close', v);
      setNotice(t('time.ui.periods.closed', { label: period.label, count: period.entryCount }));
      reset();
      query.reload();
    } catch (e) {
      setError(applyServerError(e, setFieldError, ['from', 'to', 'label']));
    }
  });
  const at = (iso: string) => formatMoment(iso, language);
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('time.ui.periods.title')} subtitle={t('time.ui.periods.subtitle')} />
      <SuccessBanner message={notice} />
      <ErrorBanner error={query.error} />
      <Section title={t('time.ui.periods.closeHeading')} id="close-heading">
        <form className="form" onSubmit={close} noValidate aria-label={t('time.ui.periods.closeHeading')}>
          <ErrorBanner error={error} />
          <div className="form-grid">
            <Field label={t('time.ui.field.from')} error={formState.errors.from} required>
              {(p) => <DateInput {...p} {...register('from', { required: 'error.required' })} />}
            </Field>
            <Field label={t('time.ui.field.to')} error={formState.errors.to} required>
              {(p) => <DateInput {...p} {...register('to', { required: 'error.required' })} />}
            </Field>
            <Field label={t('time.ui.periods.label')} error={formState.errors.label} required wide hint={t('time.ui.periods.labelHint')}>
              {(p) => <input {...p} type="text" {...register('label', { required: 'error.required' })} />}
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
              {t('time.ui.periods.close')}
            </button>
          </div>
        </form>
      </Section>

      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('time.ui.periods.empty')} /> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('time.ui.periods.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="time-col-wide">
                  {t('time.ui.periods.label')}
                </th>
                <th scope="col">{t('time.ui.pledges.period')}</th>
                <th scope="col">{t('time.ui.categories.status')}</th>
                <th scope="col" className="time-num">
                  {t('time.ui.total.entries')}
                </th>
                <th scope="col" className="time-num">
                  {t('time.ui.total.hours')}
                </th>
                <th scope="col" className="time-num">
                  {t('time.ui.total.value')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('time.ui.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>{p.label}</td>
                  <td className="nowrap">
                    {f.shortDate(p.from)} – {f.shortDate(p.to)}
                  </td>
                  <td>
                    {p.reopenedAt ? (
                      <Badge tone="warn">{t('time.ui.periods.reopenedOn', { at: at(p.reopenedAt) })}</Badge>
                    ) : (
                      <Badge tone="ok">{t('time.ui.periods.closedOn', { at: at(p.closedAt), by: p.closedBy })}</Badge>
                    )}
                  </td>
                  <td className="time-num">{p.entryCount}</td>
                  <td className="time-num">{f.duration(p.minutes)}</td>
                  <td className="time-num">{f.euros(p.valueCents)}</td>
                  <td className="actions-cell">
                    {p.reopenedAt ? null : (
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => setReopening(p)} aria-label={t('time.ui.periods.reopenOf', { label: p.label })}>
                        {t('time.ui.periods.reopen')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {query.data?.log.length ? (
        <Section title={t('time.ui.periods.log')} id="log-heading">
          <ul className="plain-list">
            {query.data.log.map((l) => (
              <li key={l.id}>
                {t(l.action === 'close' ? 'time.ui.periods.logClose' : 'time.ui.periods.logReopen', { at: at(l.at), by: l.by, label: l.periodLabel })}
                {l.reason ? <span className="muted"> — {l.reason}</span> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {reopening ? (
        <ReopenDialog
          period={reopening}
          onClose={() => setReopening(null)}
          onDone={() => {
            setNotice(t('time.ui.periods.reopened', { label: reopening.label }));
            setReopening(null);
            query.reload();
          }}
        />
      ) : null}
    </>
  );
}
