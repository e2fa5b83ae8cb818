// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { INDICATOR_UNITS, indicatorInputSchema, type Indicator } from '../../../shared/features/activities/schemas';
import { api } from '../../api/client';
import { Modal, DiscardChangesDialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { useI18n } from '../../i18n/I18nProvider';
import { FormActions } from '../../components/FormActions';

type IndicatorForm = z.input<typeof indicatorInputSchema>;
type IndicatorValues = z.output<typeof indicatorInputSchema>;
const FIELDS = ['code', 'label', 'unit', 'active'];

/**
 * Adds an indicator to the observatory, or renames or deactivates one. The code and the unit
 * of an existing indicator stay as they are: figures already entered were checked against them.
 */
export function IndicatorDialog({ indicator, onClose, onSaved }: { indicator: Indicator | null; onClose: () => void; onSaved: (i: Indicator) => void }) {
  const { t, tKey } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<IndicatorForm, unknown, IndicatorValues>({
    resolver: zodResolver(indicatorInputSchema),
    defaultValues: indicator ? { id: indicator.id, code: indicator.code, label: indicator.label, unit: indicator.unit, active: indicator.active } : { code: '', label: '', unit: 'count', active: true },
  });
  const requestClose = () => (isDirty ? setConfirmClose(true) : onClose());
  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      onSaved(await api.call('observatory.indicators.save', values));
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });
  return (
    <Modal title={indicator ? t('activity.ui.editIndicatorOf', { label: indicator.label }) : t('activity.ui.newIndicator')} onClose={requestClose}>
      <ErrorBanner error={banner} />
      <form className="form" aria-label={indicator ? t('activity.ui.editIndicator') : t('activity.ui.newIndicator')} onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <Field label={t('activity.ui.indicatorLabel')} error={errors.label} required wide>
            {(p) => <input {...p} {...register('label')} />}
          </Field>
          <Field label={t('activity.ui.indicatorCode')} error={errors.code} hint={indicator ? t('activity.ui.codeFixed') : t('activity.ui.codeHint')} required>
            {(p) => <input {...p} {...register('code')} readOnly={Boolean(indicator)} className="mono" />}
          </Field>
          {indicator ? (
            <div className="field">
              <span className="field-label">{t('activity.ui.unit')}</span>
              <p className="field-static">{tKey(`activity.unitName.${indicator.unit}`)}</p>
              <p className="field-hint">{t('activity.ui.unitFixed')}</p>
            </div>
          ) : (
            <Field label={t('activity.ui.unit')} error={errors.unit} required>
              {(p) => (
                <select {...p} {...register('unit')}>
                  {INDICATOR_UNITS.map((u) => (
                    <option key={u} value={u}>
                      {tKey(`activity.unitName.${u}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div className="field field-check">
            <input id="indicator-active" type="checkbox" {...register('active')} />
            <label htmlFor="indicator-active">{t('activity.ui.indicatorActive')}</label>
          </div>
        </div>
        <FormActions submitLabel={t('action.save')} busy={isSubmitting} onCancel={requestClose} />
      </form>
      {confirmClose ? (
        <DiscardChangesDialog onLeave={onClose} onStay={() => setConfirmClose(false)} />
      ) : null}
    </Modal>
  );
}
