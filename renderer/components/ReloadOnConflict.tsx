import type { ApiError } from '../../shared/api/errors';
import { useI18n } from '../i18n/I18nProvider';

let reloading = false;

/** The refusals of a save made from a stale screen: a record saved, or a grid's entry deleted, by someone else since. */
const RELOADABLE = new Set(['pg.error.modifiedMeanwhile', 'time.error.gridDeletedMeanwhileBy', 'time.error.gridDeletedMeanwhile']);

/** True once the page is being reloaded to show a record saved by someone else: the unsaved-changes warning stands aside. */
export function isReloadingAfterConflict(): boolean {
  return reloading;
}

/** Reloads the page, so that every record on it is read again at its current version. */
export function reloadAfterConflict(): void {
  reloading = true;
  window.location.reload();
}

/**
 * Under the error of a form whose record was saved by someone else since it was opened
 * (« modifié entre-temps par … ») : the way to see the other person's values, then redo the change.
 * ErrorBanner shows it, so every form offers it.
 */
export function ReloadOnConflict({ error, onReload = reloadAfterConflict }: { error: ApiError | null | undefined; onReload?: () => void }) {
  const { t } = useI18n();
  if (error?.code !== 'CONFLICT' || !RELOADABLE.has(error.key)) return null;
  return (
    <p>
      <button type="button" className="btn btn-secondary" onClick={onReload}>
        {t('pg.ui.reload')}
      </button>
    </p>
  );
}
