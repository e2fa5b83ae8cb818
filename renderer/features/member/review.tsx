import './member.css';
import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { formatDuration } from '../../../shared/features/time/duration';
import type { Grid, GridSave, Nature } from '../../../shared/features/time/schemas';
import { api, toApiError } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { isStructure, useCaller } from './caller';

/** Above the month grid: the month validated, hours waiting, requests not yet answered. */
export function ReviewBanners({ grid, pendingMinutes }: { grid: Grid; pendingMinutes: number }) {
  const { t } = useI18n();
  // The structure asks before changing a validated month; the secretariat changes it directly.
  const member = isStructure(useCaller());
  if (!grid.monthValidated && !pendingMinutes && !grid.openRequests) return null;
  return (
    <div className="banner time-banner-info" role="status" data-testid="review-banners">
      {grid.monthValidated ? <p>{t(member ? 'member14.grid.monthValidated' : 'member14.grid.monthValidatedStaff')}</p> : null}
      {pendingMinutes ? <p>{t('member14.grid.pendingCells', { duration: formatDuration(pendingMinutes) })}</p> : null}
      {grid.openRequests ? <p>{t('member14.grid.openRequests', { count: grid.openRequests })}</p> : null}
    </div>
  );
}

/** A refused save of a validated month becomes a request: the same cells, and why. */
export function ChangeRequestForm({
  organisationId,
  month,
  nature,
  rows,
  onSent,
}: {
  organisationId: number;
  month: string;
  nature: Nature;
  rows: GridSave['rows'];
  onSent: (message: string) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="form section"
      aria-label={t('member14.request.title')}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        api
          .call('time.validation.requestChange', { organisationId, month, nature, rows, reason })
          .then(() => onSent(t('member14.request.sent')))
          .catch((err: unknown) => setError(toApiError(err)))
          .finally(() => setBusy(false));
      }}
    >
      <h3>{t('member14.request.title')}</h3>
      <ErrorBanner error={error} />
      <div className="field field-wide">
        <label htmlFor="change-request-reason">{t('member14.request.reason')}</label>
        <textarea id="change-request-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('member14.request.send')}
        </button>
      </div>
    </form>
  );
}
