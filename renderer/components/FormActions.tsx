import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** The row under a form: the primary submit button, then "Annuler". */
export function FormActions({ submitLabel, busy, onCancel }: { submitLabel: ReactNode; busy: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {submitLabel}
      </button>
      <button type="button" className="btn btn-secondary" onClick={onCancel}>
        {t('action.cancel')}
      </button>
    </div>
  );
}
