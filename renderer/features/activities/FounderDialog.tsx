// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { FOUNDER_STAGES, founderInputSchema, type Founder } from '../../../shared/features/activities/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal, DiscardChangesDialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Page';
import { applyServerError } from '../../components/forms';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { useI18n } from '../../i18n/I18nProvider';
import { FormPicker } from '../../components/RecordPicker';
import { FormActions } from '../../components/FormActions';

type FounderForm = z.input<typeof founderInputSchema>;
type FounderValues = z.output<typeof founderInputSchema>;
const FIELDS = ['name', 'territory', 'contact', 'stage', 'organisationId', 'note'];

interface FounderDialogProps {
  founder: Founder | null;
  onClose: () => void;
  onSaved: (founder: Founder) => void;
  onDeleted?: (name: string) => void;
}

/** Creates or edits a project founder: who, where, how to reach them, how far along, and the member they became. */
export function FounderDialog({ founder, onClose, onSaved, onDeleted }: FounderDialogProps) {
  const { t, tKey } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const members = useQuery('organisations.list', { kind: 'member' });
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<FounderForm, unknown, FounderValues>({
    resolver: zodResolver(founderInputSchema),
    defaultValues: founder
      ? { name: founder.name, territory: founder.territory ?? '', contact: founder.contact ?? '', stage: founder.stage, organisationId: founder.organisationId, note: founder.note ?? '' }
      : { name: '', territory: '', contact: '', stage: 'idea', organisationId: null, note: '' },
  });
  const { dialog: leaveDialog, allowNavigation } = useUnsavedChanges(isDirty);
  const options = members.data?.items.map((o) => ({ id: o.id, name: o.name })) ?? [];
  if (founder?.organisationId && !options.some((o) => o.id === founder.organisationId)) options.unshift({ id: founder.organisationId, name: founder.organisationName ?? `#${founder.organisationId}` });

  const requestClose = () => (isDirty ? setConfirmClose(true) : onClose());
  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      const saved = founder ? await api.call('activities.founders.update', { ...values, id: founder.id, version: founder.version }) : await api.call('activities.founders.create', values);
      allowNavigation();
      onSaved(saved);
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });

  return (
    <Modal title={founder ? t('activity.ui.editFounderOf', { name: founder.name }) : t('activity.ui.newFounder')} onClose={requestClose} size="large">
      <ErrorBanner error={banner ?? members.error} />
      {/* The picker is filled before the form shows, so the select never mounts without its chosen option. */}
      {!members.data ? <Loading /> : (
      <form className="form" aria-label={founder ? t('activity.ui.editFounder') : t('activity.ui.newFounder')} onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <Field label={t('activity.ui.name')} error={errors.name} hint={t('activity.ui.founderNameHint')} required wide>
            {(p) => <input {...p} {...register('name')} />}
          </Field>
          <Field label={t('activity.ui.territory')} error={errors.territory}>
            {(p) => <input {...p} {...register('territory')} />}
          </Field>
          <Field label={t('activity.ui.contact')} error={errors.contact} hint={t('activity.ui.contactHint')}>
            {(p) => <input {...p} {...register('contact')} />}
          </Field>
          <Field label={t('activity.ui.stage')} error={errors.stage} required>
            {(p) => (
              <select {...p} {...register('stage')}>
                {FOUNDER_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {tKey(`activity.stage.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('activity.ui.becameMember')} error={errors.organisationId} hint={t('activity.ui.becameMemberHint')}>
            {(p) => <FormPicker {...p} control={control} name="organisationId" source="organisations" kind="member" emptyLabel={t('common.none')} />}
          </Field>
          <Field label={t('common.note')} error={errors.note} wide>
            {(p) => <textarea {...p} {...register('note')} rows={3} />}
          </Field>
        </div>
        <FormActions
          submitLabel={t('activity.ui.saveFounder')}
          busy={isSubmitting}
          onCancel={requestClose}
          deletion={
            founder && onDeleted
              ? {
                  question: t('edit.founder.deleteQuestion', { name: founder.name }),
                  run: async () => {
                    try {
                      await api.call('activities.founders.delete', { id: founder.id, version: founder.version });
                      allowNavigation();
                      onDeleted(founder.name);
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
