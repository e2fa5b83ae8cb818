import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { ACTIVITY_KINDS, VISITOR_KINDS, activityInputSchema, type ActivityInput, type ActivityKind } from '../../../shared/features/activities/schemas';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import type { ApiError } from '../../../shared/api/errors';

const idList = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : v ? [Number(v)] : []);

const FIELDS = ['kind', 'date', 'title', 'place', 'visitorKind', 'projectFounderId', 'peopleReached', 'campaign', 'note', 'leadOrganisationIds', 'partnerOrganisationIds'];

function ActivityForm({ onSaved }: { onSaved: () => void }) {
  const { t, tKey } = useI18n();
  const organisations = useQuery('organisations.list', {});
  const founders = useQuery('activities.founders.list', {});
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    watch,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ActivityInput>({
    // Checkbox groups give their values as text: the ids are numbers before the schema sees them.
    resolver: ((values: ActivityInput, context: unknown, options: never) =>
      zodResolver(activityInputSchema)(
        { ...values, leadOrganisationIds: idList(values.leadOrganisationIds), partnerOrganisationIds: idList(values.partnerOrganisationIds) },
        context,
        options,
      )) as never,
    defaultValues: { kind: 'awareness', date: new Date().toISOString().slice(0, 10), title: '', leadOrganisationIds: [], partnerOrganisationIds: [] },
  });
  const kind = watch('kind');
  const orgs = organisations.data?.items ?? [];
  const members = orgs.filter((o) => o.kind === 'member');
  const others = orgs.filter((o) => o.kind !== 'member');
  const submit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('activities.create', values);
      reset({ kind: values.kind, date: values.date, title: '', leadOrganisationIds: [], partnerOrganisationIds: [] });
      onSaved();
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });
  const numberOrNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
  return (
    <form className="form-grid" aria-label={t('activity.ui.newActivity')} onSubmit={submit} noValidate>
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
        {(c) => <input type="date" {...c} {...register('date')} />}
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
      <fieldset className="field field-wide checkbox-list" aria-invalid={Boolean(errors.leadOrganisationIds)}>
        <legend>
          {t('activity.ui.leads')} <span aria-hidden="true">*</span>
        </legend>
        {members.map((o) => (
          <label key={o.id} className="checkbox">
            <input type="checkbox" value={o.id} {...register('leadOrganisationIds')} /> {o.name}
          </label>
        ))}
        {errors.leadOrganisationIds?.message ? (
          <p className="field-error" role="alert">
            {tKey(errors.leadOrganisationIds.message)}
          </p>
        ) : null}
      </fieldset>
      {others.length ? (
        <fieldset className="field field-wide checkbox-list">
          <legend>{t('activity.ui.partners')}</legend>
          {others.map((o) => (
            <label key={o.id} className="checkbox">
              <input type="checkbox" value={o.id} {...register('partnerOrganisationIds')} /> {o.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field label={t('activity.ui.note')} error={errors.note} wide>
        {(c) => <textarea rows={2} {...c} {...register('note')} />}
      </Field>
      <div className="form-actions field-wide">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {t('activity.ui.save')}
        </button>
      </div>
    </form>
  );
}

export function ActivitiesPage() {
  const { t, tKey, date, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? new Date().getFullYear());
  const kind = (params.get('kind') ?? '') as ActivityKind | '';
  const [saved, setSaved] = useState<string | null>(null);
  const list = useQuery('activities.list', { from: `${year}-01-01`, to: `${year}-12-31`, ...(kind ? { kind } : {}) });
  return (
    <>
      <PageHeader title={t('activity.ui.activities')} />
      <SuccessBanner message={saved} />
      <Section title={t('activity.ui.newActivity')} id="new-activity">
        <ActivityForm
          onSaved={() => {
            setSaved(t('activity.ui.saved'));
            list.reload();
          }}
        />
      </Section>
      <Section title={t('activity.ui.count', { count: list.data?.total ?? 0 })} id="activity-list">
        <div className="filters">
          <label>
            {t('activity.ui.year')}{' '}
            <input type="number" value={year} onChange={(e) => setParams({ year: e.target.value, ...(kind ? { kind } : {}) })} />
          </label>
          <label>
            {t('activity.ui.kind')}{' '}
            <select value={kind} onChange={(e) => setParams({ year: String(year), ...(e.target.value ? { kind: e.target.value } : {}) })}>
              <option value="">{t('activity.ui.filterKind')}</option>
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tKey(`activity.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorBanner error={list.error} />
        {!list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={t('activity.ui.none')} />
        ) : (
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('activity.ui.date')}</th>
                  <th scope="col">{t('activity.ui.kind')}</th>
                  <th scope="col">{t('activity.ui.title')}</th>
                  <th scope="col">{t('activity.ui.leads')}</th>
                  <th scope="col" className="num">
                    {t('activity.ui.reached')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id}>
                    <td className="nowrap">{date(a.date)}</td>
                    <td>
                      {tKey(`activity.kind.${a.kind}`)}
                      {a.visitorKind ? ` (${tKey(`activity.visitor.${a.visitorKind}`)})` : ''}
                    </td>
                    <th scope="row">
                      {a.title}
                      {a.campaign ? <span className="muted"> — {a.campaign}</span> : null}
                    </th>
                    <td>{a.leads.map((l) => l.name).join(', ')}</td>
                    <td className="num">{a.peopleReached === null ? '—' : number(a.peopleReached)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}
