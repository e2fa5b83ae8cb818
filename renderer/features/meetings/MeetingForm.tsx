// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/features/meetings/kinds';
import { CONVENING_MEANS, meetingInputSchema, type Meeting, type MeetingInput } from '../../../shared/features/meetings/schemas';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { PageHeader } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { FormPicker } from '../../components/RecordPicker';
import { MeetingsSubnav } from './common';
import { DateInput } from '../../components/DateInput';
import { TimeInput } from '../../components/TimeInput';

const FIELDS = [
  'kind',
  'title',
  'date',
  'startTime',
  'endTime',
  'hostOrganisationId',
  'address',
  'convenedOn',
  'convenedByPersonId',
  'convenedHow',
  'chairPersonId',
  'secretaryPersonId',
  'note',
] as const;

function toInput(m: Meeting): MeetingInput {
  return {
    kind: m.kind,
    title: m.title,
    date: m.date,
    startTime: m.startTime ?? '',
    endTime: m.endTime ?? '',
    hostOrganisationId: m.hostOrganisationId,
    address: m.address ?? '',
    convenedOn: m.convenedOn ?? '',
    convenedByPersonId: m.convenedByPersonId,
    convenedHow: m.convenedHow,
    chairPersonId: m.chairPersonId,
    secretaryPersonId: m.secretaryPersonId,
    note: m.note ?? '',
  };
}

/** /reunions/nouvelle */
export function NewMeetingPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const kind = (MEETING_KINDS as readonly string[]).includes(params.get('type') ?? '') ? (params.get('type') as MeetingKind) : 'coordination';
  return (
    <>
      <PageHeader title={t('meetings.ui.newTitle')} />
      <MeetingsSubnav current="list" />
      <MeetingForm meeting={null} defaultKind={kind} />
    </>
  );
}

/** Creates a meeting, or edits one (the Informations tab). */
export function MeetingForm({ meeting, defaultKind = 'coordination', readOnly = false, onSaved }: { meeting: Meeting | null; defaultKind?: MeetingKind; readOnly?: boolean; onSaved?: (m: Meeting) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const defaults: MeetingInput = meeting
    ? toInput(meeting)
    : {
        kind: defaultKind,
        title: '',
        date: todayIso(),
        startTime: '',
        endTime: '',
        hostOrganisationId: null,
        address: '',
        convenedOn: '',
        convenedByPersonId: null,
        convenedHow: null,
        chairPersonId: null,
        secretaryPersonId: null,
        note: '',
      };
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isDirty, isSubmitting },
  } = useForm({ resolver: zodResolver(meetingInputSchema), defaultValues: defaults });
  const { dialog, allowNavigation } = useUnsavedChanges(isDirty);

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      if (meeting) {
        const updated = await api.call('meetings.update', { ...values, id: meeting.id, version: meeting.version });
        reset(toInput(updated));
        onSaved?.(updated);
      } else {
        const created = await api.call('meetings.create', values);
        allowNavigation();
        navigate(`/reunions/${created.id}?onglet=ordre-du-jour`);
      }
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });

  const personSelect = (name: 'convenedByPersonId' | 'chairPersonId' | 'secretaryPersonId', label: string) => (
    <Field label={label} error={errors[name]}>
      {(p) => <FormPicker {...p} control={control} name={name} source="people" emptyLabel={t('common.none')} disabled={readOnly} />}
    </Field>
  );

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={meeting ? t('meetings.ui.infoTitle') : t('meetings.ui.newTitle')}>
      <ErrorBanner error={banner} />
      <fieldset disabled={readOnly}>
        <legend>{t('meetings.ui.what')}</legend>
        <div className="form-grid">
          <Field label={t('meetings.ui.kind')} error={errors.kind} required>
            {(p) => (
              <select {...p} {...register('kind')}>
                {MEETING_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`meetings.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('meetings.ui.title')} error={errors.title} required hint={t('meetings.ui.titleHint')}>
            {(p) => <input {...p} {...register('title')} />}
          </Field>
          <Field label={t('meetings.ui.date')} error={errors.date} required>
            {(p) => <DateInput {...p} {...register('date')} />}
          </Field>
          <Field label={t('meetings.ui.startTime')} error={errors.startTime}>
            {(p) => <TimeInput {...p} {...register('startTime')} />}
          </Field>
          <Field label={t('meetings.ui.endTime')} error={errors.endTime}>
            {(p) => <TimeInput {...p} {...register('endTime')} />}
          </Field>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t('meetings.ui.where')}</legend>
        <div className="form-grid">
          <Field label={t('meetings.ui.host')} error={errors.hostOrganisationId} hint={t('meetings.ui.hostHint')}>
            {(p) => <FormPicker {...p} control={control} name="hostOrganisationId" source="organisations" emptyLabel={t('common.none')} />}
          </Field>
          <Field label={t('meetings.ui.address')} error={errors.address} hint={t('meetings.ui.addressHint')}>
            {(p) => <input {...p} {...register('address')} />}
          </Field>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t('meetings.ui.who')}</legend>
        <div className="form-grid">
          <Field label={t('meetings.ui.convenedOn')} error={errors.convenedOn}>
            {(p) => <DateInput {...p} {...register('convenedOn')} />}
          </Field>
          {personSelect('convenedByPersonId', t('meetings.ui.convenedBy'))}
          <Field label={t('meetings.ui.convenedHow')} error={errors.convenedHow}>
            {(p) => (
              <select {...p} {...register('convenedHow', { setValueAs: (v: string | null) => v || null })}>
                <option value="">{t('common.unspecified')}</option>
                {CONVENING_MEANS.map((c) => (
                  <option key={c} value={c}>
                    {t(`meetings.convenedHow.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {personSelect('chairPersonId', t('meetings.ui.chair'))}
          {personSelect('secretaryPersonId', t('meetings.ui.secretary'))}
          <Field label={t('meetings.ui.note')} error={errors.note} wide hint={t('meetings.ui.noteHint')}>
            {(p) => <textarea {...p} {...register('note')} rows={2} />}
          </Field>
        </div>
      </fieldset>
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {meeting ? t('action.save') : t('meetings.ui.create')}
          </button>
          {meeting ? null : (
            <button type="button" className="btn btn-secondary" onClick={() => navigate('/reunions')}>
              {t('action.cancel')}
            </button>
          )}
        </div>
      )}
      {dialog}
    </form>
  );
}
