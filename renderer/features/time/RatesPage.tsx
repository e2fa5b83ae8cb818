import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import type { Rate } from '../../../shared/features/time/schemas';
import { RATE_SCOPES, type RateScope } from '../../../shared/features/time/valuation';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog, Modal } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { formatMoneyInput, parseMoney } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { DialogActions, RowActions, useTimeFormat } from './common';
import { FormPicker } from '../../components/RecordPicker';
import { DateInput } from '../../components/DateInput';

interface RateForm {
  scope: RateScope;
  personId: string;
  organisationId: string;
  validFrom: string;
  hourly: string;
  note: string;
}

const FIELDS = ['scope', 'personId', 'organisationId', 'validFrom', 'hourly', 'note'] as const;

function RateDialog({ rate, onClose, onSaved }: { rate?: Rate; onClose: () => void; onSaved: (revalued: number) => void }) {
  const { t, language } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const { register, control, handleSubmit, setError: setFieldError, formState, watch } = useForm<RateForm>({
    defaultValues: rate
      ? {
          scope: rate.scope,
          personId: rate.personId ? String(rate.personId) : '',
          organisationId: rate.organisationId ? String(rate.organisationId) : '',
          validFrom: rate.validFrom,
          hourly: formatMoneyInput(rate.hourlyCents, language),
          note: rate.note ?? '',
        }
      : { scope: 'organisation', personId: '', organisationId: '', validFrom: '', hourly: '', note: '' },
  });
  const scope = watch('scope');
  const submit = handleSubmit(async (v) => {
    setError(null);
    // An unreadable amount still goes to the service, so that every field's problem shows at once.
    const money = parseMoney(v.hourly, language);
    try {
      const result = await api.call('time.rates.save', {
        id: rate?.id,
        version: rate?.version,
        scope: v.scope,
        personId: v.scope === 'person' && v.personId ? Number(v.personId) : null,
        organisationId: v.scope === 'organisation' && v.organisationId ? Number(v.organisationId) : null,
        validFrom: v.validFrom,
        // An empty field is no rate at all (not 0 €), and is said so by the service.
        hourlyCents: v.hourly.trim() === '' ? (undefined as unknown as number) : money.ok ? money.cents : money.key === 'error.moneyNegative' ? -1 : (v.hourly as unknown as number),
        note: v.note,
      });
      onSaved(result.revalued);
    } catch (e) {
      setError(applyServerError(e, setFieldError, FIELDS, { hourlyCents: 'hourly' }));
    }
  });
  const title = rate ? t('time.ui.rates.editTitle') : t('time.ui.rates.newTitle');
  return (
    <Modal title={title} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={title}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field label={t('time.ui.rates.scope')} error={formState.errors.scope} required>
            {(p) => (
              <select {...p} {...register('scope')}>
                {RATE_SCOPES.map((s) => (
                  <option key={s} value={s}>
                    {t(`time.ui.rates.scope.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {scope === 'person' ? (
            <Field label={t('time.ui.field.person')} error={formState.errors.personId} required>
              {(p) => <FormPicker {...p} control={control} name="personId" source="people" placeholder={t('time.ui.choose')} />}
            </Field>
          ) : null}
          {scope === 'organisation' ? (
            <Field label={t('time.ui.field.organisation')} error={formState.errors.organisationId} required>
              {(p) => <FormPicker {...p} control={control} name="organisationId" source="organisations" placeholder={t('time.ui.choose')} />}
            </Field>
          ) : null}
          <Field label={t('time.ui.rates.validFrom')} error={formState.errors.validFrom} required hint={t('time.ui.rates.validFromHint')}>
            {(p) => <DateInput {...p} {...register('validFrom')} />}
          </Field>
          <Field label={t('time.ui.rates.hourly')} error={formState.errors.hourly} required>
            {(p) => <input {...p} type="text" inputMode="decimal" {...register('hourly')} />}
          </Field>
          <Field label={t('time.ui.field.note')} error={formState.errors.note} wide>
            {(p) => <input {...p} type="text" {...register('note')} />}
          </Field>
        </div>
        <DialogActions busy={formState.isSubmitting} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** Dated hourly rates: the person's beats the organisation's, which beats the network's default. */
export function RatesPage() {
  const { t, date } = useI18n();
  const f = useTimeFormat();
  const query = useQuery('time.rates.list', {});
  const [editing, setEditing] = useState<Rate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Rate | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = query.data?.items ?? [];
  const subject = (r: Rate) => (r.scope === 'person' ? r.personName : r.scope === 'organisation' ? r.organisationName : t('time.ui.rates.network'));
  return (
    <>
      <PageHeader
        title={t('time.ui.rates.title')}
        subtitle={t('time.ui.rates.subtitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('time.ui.rates.new')}
          </button>
        }
      />
      {query.data ? (
        <p>
          {t('time.ui.rates.settingsDefault', { rate: f.euros(query.data.settingsDefaultCents) })} <Link to="/reglages">{t('time.ui.rates.toSettings')}</Link>
        </p>
      ) : null}
      <ErrorBanner error={error ?? query.error} />
      <SuccessBanner message={notice} />
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('time.ui.rates.empty')} /> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('time.ui.rates.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('time.ui.rates.scope')}</th>
                <th scope="col">{t('time.ui.rates.subject')}</th>
                <th scope="col">{t('time.ui.rates.validity')}</th>
                <th scope="col" className="time-num">
                  {t('time.ui.rates.hourly')}
                </th>
                <th scope="col" className="time-num">
                  {t('time.ui.total.entries')}
                </th>
                <th scope="col">{t('time.ui.field.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('time.ui.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>{t(`time.ui.rates.scope.${r.scope}`)}</td>
                  <td>{subject(r)}</td>
                  <td className="nowrap">{r.validTo ? t('time.ui.rates.fromTo', { from: date(r.validFrom), to: date(r.validTo) }) : t('time.ui.rates.since', { from: date(r.validFrom) })}</td>
                  <td className="time-num">{f.euros(r.hourlyCents)}</td>
                  <td className="time-num">{r.entryCount}</td>
                  <td>{r.note}</td>
                  <td className="actions-cell nowrap">
                    <RowActions onEdit={() => setEditing(r)} onDelete={() => setDeleting(r)} editLabel={t('time.ui.rates.editOf', { subject: subject(r) ?? '' })} deleteLabel={t('time.ui.rates.deleteOf', { subject: subject(r) ?? '' })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? (
        <RateDialog
          rate={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(revalued) => {
            setEditing(null);
            setNotice(t('time.ui.rates.saved', { count: revalued }));
            query.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('time.ui.rates.deleteTitle')}
          message={<p>{t('time.ui.rates.deleteMessage', { count: deleting.entryCount })}</p>}
          confirmLabel={t('time.ui.delete')}
          danger
          onConfirm={() =>
            void api
              .call('time.rates.delete', { id: deleting.id, version: deleting.version })
              .then((r) => {
                setNotice(t('time.ui.rates.deleted', { count: r.revalued }));
                query.reload();
              })
              .catch((e: unknown) => setError(toApiError(e)))
              .finally(() => setDeleting(null))
          }
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}
