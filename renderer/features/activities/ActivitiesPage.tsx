// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useSearchParams } from '../../app/routing';
import { ACTIVITY_KINDS, VISITOR_KINDS, activityInputSchema, type Activity, type ActivityInput, type ActivityKind } from '../../../shared/features/activities/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog, Modal, DiscardChangesDialog } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { currentYear, todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { ApiError } from '../../../shared/api/errors';
import { numberOrNull } from './common';
import { RecordPicker } from '../../components/RecordPicker';
import { RecordMultiPicker } from '../../components/RecordMultiPicker';
import { PagedTable, usePageOffset, type Column } from '../../components/PagedTable';
import { PAGE_SIZE } from '../../../shared/api/paging';
import { DateInput } from '../../components/DateInput';

const FIELDS = ['kind', 'date', 'title', 'place', 'visitorKind', 'projectFounderId', 'peopleReached', 'campaign', 'note', 'leadOrganisationIds', 'partnerOrganisationIds'];

function toFormValues(a: Activity): ActivityInput {
  return {
    kind: a.kind,
    date: a.date,
    title: a.title,
    place: a.place ?? '',
    visitorKind: a.visitorKind,
    projectFounderId: a.projectFounderId,
    peopleReached: a.peopleReached,
    campaign: a.campaign ?? '',
    note: a.note ?? '',
    leadOrganisationIds: a.leads.map((l) => l.id),
    partnerOrganisationIds: a.partners.map((p) => p.id),
  };
}

/** Every field named, so that a form reset after saving leaves nothing that still counts as changed. */
function emptyActivity(kind: ActivityKind, date: string): ActivityInput {
  return { kind, date, title: '', place: '', visitorKind: null, projectFounderId: null, peopleReached: null, campaign: '', note: '', leadOrganisationIds: [], partnerOrganisationIds: [] };
}

interface ActivityFormProps {
  /** The activity to edit; absent to log a new one. */
  activity?: Activity;
  onSaved: () => void;
  onCancel?: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

function ActivityForm({ activity, onSaved, onCancel, onDirtyChange }: ActivityFormProps) {
  const { t, tKey } = useI18n();
  const founders = useQuery('activities.founders.list', {});
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    control,
    register,
    handleSubmit,
    watch,
    reset,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ActivityInput>({
    resolver: zodResolver(activityInputSchema) as never,
    defaultValues: activity ? toFormValues(activity) : emptyActivity('awareness', todayIso()),
  });
  useEffect(() => onDirtyChange(isDirty), [isDirty, onDirtyChange]);
  const kind = watch('kind');
  const leads = watch('leadOrganisationIds');
  const submit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      if (activity) {
        await api.call('activities.update', { ...values, id: activity.id, version: activity.version });
      } else {
        await api.call('activities.create', values);
        reset(emptyActivity(values.kind, values.date));
      }
      onSaved();
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });
  // The founders' select is filled before the form shows, so it never mounts without its chosen option.
  if (!founders.data) return founders.error ? <ErrorBanner error={founders.error} /> : <Loading />;
  return (
    <form className="form-grid" aria-label={activity ? t('activity.ui.editActivity') : t('activity.ui.newActivity')} onSubmit={submit} noValidate>
      <ErrorBanner error={banner} />
      <Field label={t('activity.ui.kind')} error={errors.kind} required>
        {(c) => (
          <select {...c} {...register('kind')}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {tKey(`activity.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('activity.ui.date')} error={errors.date} required>
        {(c) => <DateInput {...c} {...register('date')} />}
      </Field>
      <Field label={t('activity.ui.title')} error={errors.title} required wide>
        {(c) => <input {...c} {...register('title')} />}
      </Field>
      <Field label={t('activity.ui.place')} error={errors.place}>
        {(c) => <input {...c} {...register('place')} />}
      </Field>
      {kind === 'visit' ? (
        <Field label={t('activity.ui.visitor')} error={errors.visitorKind} required>
          {(c) => (
            <select {...c} {...register('visitorKind', { setValueAs: (v) => (v === '' ? null : v) })}>
              <option value="">—</option>
              {VISITOR_KINDS.map((v) => (
                <option key={v} value={v}>
                  {tKey(`activity.visitor.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {kind === 'support' || kind === 'visit' ? (
        <Field label={t('activity.ui.founder')} error={errors.projectFounderId}>
          {(c) => (
            <select {...c} {...register('projectFounderId', { setValueAs: numberOrNull })}>
              <option value="">—</option>
              {(founders.data?.items ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('activity.ui.reached')} error={errors.peopleReached}>
        {(c) => <input type="number" min={0} step={1} {...c} {...register('peopleReached', { setValueAs: numberOrNull })} />}
      </Field>
      <Field label={t('activity.ui.campaign')} error={errors.campaign} hint={t('activity.ui.campaignHint')}>
        {(c) => <input {...c} {...register('campaign')} />}
      </Field>
      {/* Searched on the server: every structure of the network is never loaded for a form. */}
      <Field label={t('activity.ui.leads')} error={errors.leadOrganisationIds} required wide>
        {(c) => (
          <Controller
            control={control}
            name="leadOrganisationIds"
            render={({ field }) => (
              <RecordMultiPicker {...c} source="organisations" kind="member" known={activity?.leads.map((o) => ({ id: o.id, label: o.name }))} value={field.value ?? []} onChange={field.onChange} onBlur={field.onBlur} />
            )}
          />
        )}
      </Field>
      <Field label={t('activity.ui.partners')} error={errors.partnerOrganisationIds} wide>
        {(c) => (
          <Controller
            control={control}
            name="partnerOrganisationIds"
            render={({ field }) => (
              <RecordMultiPicker
                {...c}
                source="organisations"
                exclude={leads ?? []}
                known={activity?.partners.map((o) => ({ id: o.id, label: o.name }))}
                value={field.value ?? []}
                onChange={field.onChange}
                onBlur={field.onBlur}
              />
            )}
          />
        )}
      </Field>
      <Field label={t('activity.ui.note')} error={errors.note} wide>
        {(c) => <textarea rows={2} {...c} {...register('note')} />}
      </Field>
      <div className="form-actions field-wide">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {t('activity.ui.save')}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Editing in a dialog: closing with unsaved changes asks first. */
function EditActivityDialog({ activity, onClose, onSaved, onDirtyChange }: { activity: Activity; onClose: () => void; onSaved: () => void; onDirtyChange: (dirty: boolean) => void }) {
  const { t } = useI18n();
  const [dirty, setDirty] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const requestClose = () => (dirty ? setConfirmClose(true) : onClose());
  return (
    <Modal title={t('activity.ui.editActivityOf', { title: activity.title })} onClose={requestClose} size="large">
      <ActivityForm
        activity={activity}
        onSaved={onSaved}
        onCancel={requestClose}
        onDirtyChange={(d) => {
          setDirty(d);
          onDirtyChange(d);
        }}
      />
      {confirmClose ? (
        <DiscardChangesDialog onLeave={onClose} onStay={() => setConfirmClose(false)} />
      ) : null}
    </Modal>
  );
}

export function ActivitiesPage() {
  const { t, tKey, date, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? currentYear());
  const kind = (params.get('kind') ?? '') as ActivityKind | '';
  const lead = params.get('organisation') ? Number(params.get('organisation')) : null;
  const [saved, setSaved] = useState<string | null>(null);
  const [editing, setEditing] = useState<Activity | null>(null);
  const [deleting, setDeleting] = useState<Activity | null>(null);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const [newDirty, setNewDirty] = useState(false);
  const [editDirty, setEditDirty] = useState(false);
  const { dialog: leaveDialog } = useUnsavedChanges(newDirty || editDirty);
  // The service filters on any role; the list keeps the activities this organisation led.
  const filters = { from: `${year}-01-01`, to: `${year}-12-31`, ...(kind ? { kind } : {}), ...(lead ? { organisationId: lead, leadOnly: true } : {}) };
  const [offset, setOffset] = usePageOffset(filters);
  // One page at a time: 25 000 activities at national scale, a few thousand in a year.
  const list = useQuery('activities.list', { ...filters, offset, limit: PAGE_SIZE });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  const columns: Column<Activity>[] = [
    { header: t('activity.ui.date'), className: 'nowrap', cell: (a) => date(a.date) },
    { header: t('activity.ui.kind'), cell: (a) => `${tKey(`activity.kind.${a.kind}`)}${a.visitorKind ? ` (${tKey(`activity.visitor.${a.visitorKind}`)})` : ''}` },
    {
      header: t('activity.ui.title'),
      rowHeader: true,
      cell: (a) => (
        <>
          {a.title}
          {a.campaign ? <span className="muted"> — {a.campaign}</span> : null}
          {a.projectFounderName ? <span className="muted"> · {a.projectFounderName}</span> : null}
        </>
      ),
    },
    { header: t('activity.ui.leads'), cell: (a) => a.leads.map((l) => l.name).join(', ') },
    { header: t('activity.ui.reached'), className: 'num', cell: (a) => (a.peopleReached === null ? '—' : number(a.peopleReached)) },
    {
      header: <span className="visually-hidden">{t('activity.ui.rowActions')}</span>,
      cell: (a) => (
        <div className="row-buttons">
          <button type="button" className="btn btn-secondary btn-small" aria-label={t('activity.ui.editOf', { title: a.title })} onClick={() => setEditing(a)}>
            {t('action.edit')}
          </button>
          <button type="button" className="btn btn-danger-quiet btn-small" aria-label={t('activity.ui.deleteOf', { title: a.title })} onClick={() => setDeleting(a)}>
            {t('activity.ui.delete')}
          </button>
        </div>
      ),
    },
  ];

  const setFilter = (key: 'year' | 'kind' | 'organisation', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (!next.get('year')) next.set('year', String(year));
    setParams(next);
  };

  const remove = async () => {
    if (!deleting) return;
    try {
      await api.call('activities.delete', { id: deleting.id, version: deleting.version });
      setSaved(t('activity.ui.deleted', { title: deleting.title }));
      setDeleting(null);
      setDeleteError(null);
      list.reload();
    } catch (e) {
      setDeleting(null);
      setDeleteError(toApiError(e));
    }
  };

  return (
    <>
      <PageHeader title={t('activity.ui.activities')} />
      <SuccessBanner message={saved} />
      <Section title={t('activity.ui.newActivity')} id="new-activity">
        <ActivityForm
          onDirtyChange={setNewDirty}
          onSaved={() => {
            setSaved(t('activity.ui.saved'));
            list.reload();
          }}
        />
      </Section>
      <Section title={t('activity.ui.count', { count: total })} id="activity-list">
        <div className="filters">
          <label>
            {t('activity.ui.year')} <input type="number" className="input-short" value={year} onChange={(e) => setFilter('year', e.target.value)} />
          </label>
          <label>
            {t('activity.ui.kind')}{' '}
            <select value={kind} onChange={(e) => setFilter('kind', e.target.value)}>
              <option value="">{t('activity.ui.filterKind')}</option>
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tKey(`activity.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('activity.ui.filterLeadLabel')}{' '}
            <RecordPicker
              source="organisations"
              kind="member"
              value={lead}
              emptyLabel={t('activity.ui.filterLead')}
              aria-label={t('activity.ui.filterLeadLabel')}
              onChange={(id) => setFilter('organisation', id === null ? '' : String(id))}
            />
          </label>
        </div>
        <ErrorBanner error={list.error ?? deleteError} />
        {!list.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <EmptyState title={t('activity.ui.none')} />
        ) : (
          <PagedTable
            caption={t('activity.ui.activities')}
            compact
            columns={columns}
            rows={items}
            rowKey={(a) => a.id}
            total={total}
            offset={offset}
            onOffset={setOffset}
          />
        )}
      </Section>
      {editing ? (
        <EditActivityDialog
          key={editing.id}
          activity={editing}
          onDirtyChange={setEditDirty}
          onClose={() => {
            setEditDirty(false);
            setEditing(null);
          }}
          onSaved={() => {
            setEditDirty(false);
            setEditing(null);
            setSaved(t('activity.ui.saved'));
            list.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('activity.ui.deleteTitle')}
          message={<p>{t('activity.ui.deleteMessage', { title: deleting.title, date: date(deleting.date) })}</p>}
          confirmLabel={t('activity.ui.delete')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
      {leaveDialog}
    </>
  );
}
