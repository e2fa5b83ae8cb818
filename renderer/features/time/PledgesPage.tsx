import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { PLEDGE_UNITS, type Pledge } from '../../../shared/features/time/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog, Modal } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { DialogActions, filterToSearch, Progress, RowActions, useTimeFormat } from './common';
import { FormPicker } from '../../components/RecordPicker';
import { DateInput } from '../../components/DateInput';

interface PledgeForm {
  organisationId: string;
  from: string;
  to: string;
  unit: 'hours' | 'etp';
  amount: string;
  agreementReference: string;
  agreementDate: string;
  note: string;
}

const FIELDS = ['organisationId', 'from', 'to', 'unit', 'amount', 'agreementReference', 'agreementDate', 'note'] as const;

function PledgeDialog({ pledge, onClose, onSaved }: { pledge?: Pledge; onClose: () => void; onSaved: () => void }) {
  const { t, number } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const { register, control, handleSubmit, setError: setFieldError, formState, watch } = useForm<PledgeForm>({
    defaultValues: pledge
      ? {
          organisationId: String(pledge.organisationId),
          from: pledge.from,
          to: pledge.to,
          unit: pledge.unit,
          amount: number(pledge.amount),
          agreementReference: pledge.agreementReference ?? '',
          agreementDate: pledge.agreementDate ?? '',
          note: pledge.note ?? '',
        }
      : { organisationId: '', from: '', to: '', unit: 'hours', amount: '', agreementReference: '', agreementDate: '', note: '' },
  });
  const submit = handleSubmit(async (v) => {
    setError(null);
    const amount = Number(v.amount.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
    try {
      await api.call('time.pledges.save', {
        id: pledge?.id,
        version: pledge?.version,
        organisationId: Number(v.organisationId),
        from: v.from,
        to: v.to,
        unit: v.unit,
        amount: Number.isFinite(amount) ? amount : (v.amount as unknown as number),
        agreementReference: v.agreementReference,
        agreementDate: v.agreementDate,
        note: v.note,
      });
      onSaved();
    } catch (e) {
      setError(applyServerError(e, setFieldError, FIELDS));
    }
  });
  const title = pledge ? t('time.ui.pledges.editTitle') : t('time.ui.pledges.newTitle');
  return (
    <Modal title={title} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={title}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field label={t('time.ui.field.organisation')} error={formState.errors.organisationId} required wide>
            {(p) => <FormPicker {...p} control={control} name="organisationId" rules={{ required: 'error.required' }} source="organisations" placeholder={t('time.ui.choose')} />}
          </Field>
          <Field label={t('time.ui.field.from')} error={formState.errors.from} required>
            {(p) => <DateInput {...p} {...register('from', { required: 'error.required' })} />}
          </Field>
          <Field label={t('time.ui.field.to')} error={formState.errors.to} required>
            {(p) => <DateInput {...p} {...register('to', { required: 'error.required' })} />}
          </Field>
          <Field label={t('time.ui.pledges.unit')} error={formState.errors.unit} required>
            {(p) => (
              <select {...p} {...register('unit')}>
                {PLEDGE_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`time.ui.pledges.unit.${u}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={watch('unit') === 'etp' ? t('time.ui.pledges.amountEtp') : t('time.ui.pledges.amountHours')} error={formState.errors.amount} required>
            {(p) => <input {...p} type="text" inputMode="decimal" {...register('amount', { required: 'error.required' })} />}
          </Field>
          <Field label={t('time.ui.pledges.reference')} error={formState.errors.agreementReference}>
            {(p) => <input {...p} type="text" {...register('agreementReference')} />}
          </Field>
          <Field label={t('time.ui.pledges.agreementDate')} error={formState.errors.agreementDate}>
            {(p) => <DateInput {...p} {...register('agreementDate')} />}
          </Field>
          <Field label={t('time.ui.field.note')} error={formState.errors.note} wide>
            {(p) => <textarea {...p} rows={2} {...register('note')} />}
          </Field>
        </div>
        <DialogActions busy={formState.isSubmitting} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** What each member pledged (convention de mise à disposition) and how far it has come. */
export function PledgesPage() {
  const { t, date, number } = useI18n();
  const f = useTimeFormat();
  const query = useQuery('time.pledges.list', {});
  const [editing, setEditing] = useState<Pledge | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Pledge | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('time.ui.pledges.title')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('time.ui.pledges.new')}
          </button>
        }
      />
      <ErrorBanner error={error ?? query.error} />
      <SuccessBanner message={notice} />
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('time.ui.pledges.empty')} /> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('time.ui.pledges.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('time.ui.field.organisation')}</th>
                <th scope="col">{t('time.ui.pledges.period')}</th>
                <th scope="col" className="time-num">
                  {t('time.ui.pledges.pledged')}
                </th>
                <th scope="col">{t('time.ui.pledges.agreement')}</th>
                <th scope="col" className="time-progress-col">
                  {t('time.ui.pledges.progress')}
                </th>
                <th scope="col" className="time-num">
                  {t('time.ui.pledges.remaining')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('time.ui.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => {
                const progress = t('time.ui.pledges.progressText', { percent: f.percent(p.progress), given: f.duration(p.givenMinutes), pledged: f.duration(p.pledgedMinutes) });
                return (
                  <tr key={p.id}>
                    <td>{p.organisationName}</td>
                    <td className="nowrap">
                      {f.shortDate(p.from)} – {f.shortDate(p.to)}
                    </td>
                    <td className="time-num">
                      {p.unit === 'etp' ? `${number(p.amount)} ${t('time.ui.etpUnit')}` : f.duration(p.pledgedMinutes)}
                      {p.unit === 'etp' ? <div className="muted">{f.duration(p.pledgedMinutes)}</div> : null}
                    </td>
                    <td>
                      {p.agreementReference ?? '—'}
                      {p.agreementDate ? <div className="muted">{date(p.agreementDate)}</div> : null}
                    </td>
                    <td className="time-progress-col">
                      <Progress value={p.progress} label={progress} />
                      <Link to={`/temps/saisies?${filterToSearch({ organisationId: p.organisationId, from: p.from, to: p.to })}`} className="time-progress-text">
                        {progress}
                      </Link>
                      {p.pendingMinutes ? <div className="muted">{t('member14.pending', { duration: f.duration(p.pendingMinutes) })}</div> : null}
                    </td>
                    <td className="time-num">{f.duration(p.remainingMinutes)}</td>
                    <td className="actions-cell nowrap">
                      <RowActions onEdit={() => setEditing(p)} onDelete={() => setDeleting(p)} editLabel={t('time.ui.pledges.editOf', { organisation: p.organisationName })} deleteLabel={t('time.ui.pledges.deleteOf', { organisation: p.organisationName })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? (
        <PledgeDialog
          pledge={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('time.ui.pledges.saved'));
            query.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('time.ui.pledges.deleteTitle')}
          message={<p>{t('time.ui.pledges.deleteMessage', { organisation: deleting.organisationName })}</p>}
          confirmLabel={t('time.ui.delete')}
          danger
          onConfirm={() =>
            void api
              .call('time.pledges.delete', { id: deleting.id, version: deleting.version })
              .then(() => query.reload())
              .catch((e: unknown) => setError(toApiError(e)))
              .finally(() => setDeleting(null))
          }
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}
