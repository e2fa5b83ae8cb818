import type { ApiError } from '../../shared/api/errors';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Under the error banner of a form whose record was saved by someone else since it was opened
 * (« modifié entre-temps par … ») : the way to see the other person's values, then redo the change.
 */
export function ReloadOnConflict({ error, onReload }: { error: ApiError | null; onReload: () => void }) {
  const { t } = useI18n();
  if (error?.code !== 'CONFLICT') return null;
  return (
    <p>
      <button type="button" className="btn btn-secondary" onClick={onReload}>
        {t('pg.ui.reload')}
      </button>
    </p>
  );
}
