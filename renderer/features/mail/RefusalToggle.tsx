import { useId, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';

/** « Refuse le courrier »: shown and changed on the person's page; such a person only gets legal notices. */
export function RefusalToggle({ personId }: { personId: number }) {
  const { t } = useI18n();
  const id = useId();
  const refusal = useQuery('mail.refusal.get', { personId });
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const change = async (refusesMail: boolean) => {
    setSaving(true);
    setError(null);
    try {
      await api.call('mail.refusal.set', { personId, refusesMail });
      refusal.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };
  if (!refusal.data) return <ErrorBanner error={refusal.error} />;
  return (
    <div className="mail-refusal">
      <ErrorBanner error={error} />
      <p className="checkbox-line">
        <input id={id} type="checkbox" checked={refusal.data.refusesMail} disabled={saving} onChange={(e) => void change(e.target.checked)} aria-describedby={`${id}-hint`} />
        <label htmlFor={id}>{t('mail.refusal.label')}</label>
      </p>
      <p className="field-hint" id={`${id}-hint`}>
        {refusal.data.refusesMail ? t('mail.refusal.on') : t('mail.refusal.hint')}
      </p>
    </div>
  );
}
