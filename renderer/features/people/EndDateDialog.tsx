// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ApiError } from '../../../shared/api/errors';
import { endDatedSchema } from '../../../shared/features/people/schemas';
import { Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { FormActions } from '../../components/FormActions';
import { DateInput } from '../../components/DateInput';

const endDateSchema = endDatedSchema.pick({ endDate: true });

/** Closes an affiliation or an office at a date: the record stays, as history. */
export function EndDateDialog({
  title,
  intro,
  onSubmit,
  onClose,
}: {
  title: string;
  intro: string;
  onSubmit: (endDate: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(endDateSchema), defaultValues: { endDate: todayIso() } });

  const submit = handleSubmit(async ({ endDate }) => {
    setBanner(null);
    try {
      await onSubmit(endDate);
    } catch (e) {
      setBanner(applyServerError(e, setError, ['endDate']));
    }
  });

  return (
    <Modal title={title} onClose={onClose}>
      <p>{intro}</p>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit} noValidate>
        <Field label={t('affiliation.endDate')} error={errors.endDate} required>
          {(p) => <DateInput {...p} {...register('endDate')} />}
        </Field>
        <FormActions submitLabel={t('action.confirm')} busy={isSubmitting} onCancel={onClose} />
      </form>
    </Modal>
  );
}
