import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { DURATION_PROBLEM_KEYS, formatDuration, parseDuration } from '../../../shared/features/time/duration';
import { NATURES, type Entry, type Nature, type TimeWarning } from '../../../shared/features/time/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { useI18n } from '../../i18n/I18nProvider';
import type { ApiError } from '../../../shared/api/errors';
import { DialogActions, useCategories } from './common';
import { FormPicker } from '../../components/RecordPicker';
import { todayIso } from '../../i18n/format';
import { DateInput } from '../../components/DateInput';

interface FormValues {
  organisationId: string;
  personId: string;
  date: string;
  duration: string;
  categoryId: string;
  nature: Nature;
  meetingId: string;
  activityId: string;
  note: string;
  confirmFarFuture: boolean;
}

const FIELDS = ['organisationId', 'personId', 'date', 'duration', 'categoryId', 'nature', 'meetingId', 'activityId', 'note'] as const;

/**
 * One entry, created or changed. The duration is typed as people type it and read back at once;
 * the service checks everything again (closed periods, 24 h a day) and may answer with remarks.
 */
export function EntryDialog({
  entry,
  defaults,
  onClose,
  onSaved,
}: {
  entry?: Entry;
  defaults?: Partial<FormValues>;
  onClose: () => void;
  onSaved: (warnings: TimeWarning[]) => void;
}) {
  const { t, tKey, date } = useI18n();
  const categories = useCategories(true);
  const [error, setError] = useState<ApiError | null>(null);
  // The service refused a date more than a year ahead: the confirmation box is offered from then on.
  const [askFarFuture, setAskFarFuture] = useState(false);
  const { register, control, handleSubmit, watch, setError: setFieldError, formState } = useForm<FormValues>({
    defaultValues: entry
      ? {
          organisationId: String(entry.organisationId),
          personId: entry.personId === null ? '' : String(entry.personId),
          date: entry.date,
          duration: formatDuration(entry.minutes),
          categoryId: String(entry.categoryId),
          nature: entry.nature,
          meetingId: entry.meetingId === null ? '' : String(entry.meetingId),
          activityId: entry.activityId === null ? '' : String(entry.activityId),
          note: entry.note ?? '',
          confirmFarFuture: false,
        }
      : { organisationId: '', personId: '', date: '', duration: '', categoryId: '', nature: 'secondment', meetingId: '', activityId: '', note: '', confirmFarFuture: false, ...defaults },
  });
  const typed = watch('duration');
  // Meetings and activities of the entry's year, to link it to what the time was given for.
  const year = Number((watch('date') || todayIso()).slice(0, 4));
  const meetings = useQuery('meetings.list', { year });
  const activities = useQuery('activities.list', { from: `${year}-01-01`, to: `${year}-12-31`, limit: 1000 });
  const reading = typed ? parseDuration(typed) : null;

  const submit = handleSubmit(async (values) => {
    setError(null);
    const input = {
      organisationId: Number(values.organisationId),
      personId: values.personId === '' ? null : Number(values.personId),
      date: values.date,
      minutes: values.duration,
      categoryId: Number(values.categoryId),
      nature: values.nature,
      meetingId: values.meetingId === '' ? null : Number(values.meetingId),
      activityId: values.activityId === '' ? null : Number(values.activityId),
      note: values.note,
      confirmFarFuture: askFarFuture && values.confirmFarFuture,
    };
    try {
      const result = entry ? await api.call('time.entries.update', { id: entry.id, version: entry.version, ...input }) : await api.call('time.entries.create', input);
      onSaved(result.warnings);
    } catch (e) {
      if (toApiError(e).issues?.some((i) => i.key === 'error.time.farFuture')) setAskFarFuture(true);
      setError(applyServerError(e, setFieldError, FIELDS, { minutes: 'duration' }));
    }
  });

  const categoryOptions = (categories.data?.items ?? []).filter((c) => c.active || c.id === entry?.categoryId);
  return (
    <Modal title={entry ? t('time.ui.entry.editTitle') : t('time.ui.entry.newTitle')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate aria-label={entry ? t('time.ui.entry.editTitle') : t('time.ui.entry.newTitle')}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field label={t('time.ui.field.organisation')} error={formState.errors.organisationId} required>
            {(p) => <FormPicker {...p} control={control} name="organisationId" rules={{ required: 'error.required' }} source="organisations" placeholder={t('time.ui.choose')} />}
          </Field>
          <Field label={t('time.ui.field.person')} error={formState.errors.personId} hint={t('time.ui.entry.personHint')}>
            {(p) => <FormPicker {...p} control={control} name="personId" source="people" emptyLabel={t('time.ui.grid.noPerson')} />}
          </Field>
          <Field label={t('time.ui.field.date')} error={formState.errors.date} required>
            {(p) => <DateInput {...p} {...register('date', { required: 'error.required' })} />}
          </Field>
          {askFarFuture ? (
            <div className="field field-check">
              <input id="entry-confirm-far-future" type="checkbox" {...register('confirmFarFuture')} />
              <label htmlFor="entry-confirm-far-future">{t('time.ui.confirmFarFuture')}</label>
            </div>
          ) : null}
          <Field
            label={t('time.ui.field.duration')}
            error={formState.errors.duration}
            required
            hint={reading?.ok ? t('time.ui.entry.readAs', { duration: formatDuration(reading.minutes) }) : t('time.ui.entry.durationHint')}
          >
            {(p) => <input {...p} type="text" inputMode="decimal" autoComplete="off" {...register('duration', { required: 'error.time.durationRequired' })} />}
          </Field>
          <Field label={t('time.ui.field.category')} error={formState.errors.categoryId} required>
            {(p) => (
              <select {...p} {...register('categoryId', { required: 'error.required' })}>
                <option value="">{t('time.ui.choose')}</option>
                {categoryOptions.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('time.ui.field.nature')} error={formState.errors.nature} required>
            {(p) => (
              <select {...p} {...register('nature')}>
                {NATURES.map((n) => (
                  <option key={n} value={n}>
                    {t(`time.nature.${n}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('time.ui.field.meeting')} error={formState.errors.meetingId}>
            {(p) => (
              <select {...p} {...register('meetingId')}>
                <option value="">{t('time.ui.none')}</option>
                {(meetings.data?.items ?? []).map((m) => (
                  <option key={m.id} value={m.id}>
                    {date(m.date)} — {m.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('time.ui.field.activity')} error={formState.errors.activityId}>
            {(p) => (
              <select {...p} {...register('activityId')}>
                <option value="">{t('time.ui.none')}</option>
                {(activities.data?.items ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {date(a.date)} — {a.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('time.ui.field.note')} error={formState.errors.note} wide>
            {(p) => <textarea {...p} rows={2} {...register('note')} />}
          </Field>
        </div>
        {reading && !reading.ok ? (
          <p className="field-hint" aria-live="polite">
            {tKey(DURATION_PROBLEM_KEYS[reading.problem])}
          </p>
        ) : null}
        <DialogActions busy={formState.isSubmitting} onCancel={onClose} />
      </form>
    </Modal>
  );
}
