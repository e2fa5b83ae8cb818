import type { ReactNode } from 'react';
import type { ApiError } from '../../shared/api/errors';
import { useI18n } from '../i18n/I18nProvider';
import { ReloadOnConflict } from './ReloadOnConflict';

/**
 * An API error in words from the catalogue, with its field issues when they were not shown beside fields,
 * and the offer to reload when the record was saved by someone else meanwhile.
 */
export function ErrorBanner({ error, showIssues = true, onReload }: { error: ApiError | null | undefined; showIssues?: boolean; onReload?: () => void }) {
  const { tKey } = useI18n();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      <p>{tKey(error.key, error.params)}</p>
      {showIssues && error.issues?.length ? (
        <ul>
          {error.issues.map((issue, i) => (
            <li key={i}>{tKey(issue.key, issue.params)}</li>
          ))}
        </ul>
      ) : null}
      <ReloadOnConflict error={error} onReload={onReload} />
    </div>
  );
}

export function SuccessBanner({ message, action }: { message: string | null; action?: ReactNode }) {
  if (!message) return null;
  return (
    <div className="banner banner-success" role="status">
      <p>{message}</p>
      {action}
    </div>
  );
}
