import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { buildCertificate, certificateFileName } from '../../../shared/documents/time/certificate';
import { formatDuration } from '../../../shared/features/time/duration';
import { api, toApiError } from '../../api/client';
import { saveDocument } from '../../api/save';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { EmptyState, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { currentYear } from '../../i18n/format';
import { useTimeFormat } from '../time/common';
import { MemberOrganisationPicker, useMemberOrganisation } from './common';

/** « Mes attestations »: the organisation's certificate of each year, on validated hours, as .docx. */
export function MyCertificatesPage() {
  const { t } = useI18n();
  const f = useTimeFormat();
  const { organisationId, picker } = useMemberOrganisation();
  const thisYear = currentYear();
  const years = [thisYear, thisYear - 1, thisYear - 2];
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const review = useQuery('time.validation.list', organisationId ? { organisationId } : null);

  const download = async (year: number) => {
    if (!organisationId) return;
    setError(null);
    setNotice(null);
    setBusy(year);
    try {
      const data = await api.call('time.certificate', { organisationId, from: `${year}-01-01`, to: `${year}-12-31` });
      const saved = await saveDocument(certificateFileName(data), buildCertificate(data));
      if (saved) setNotice(t('time.ui.certificates.done', { organisation: data.organisation.name, duration: f.duration(data.total.minutes), value: f.euros(data.total.valueCents) }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader title={t('member14.certificates.title')} subtitle={t('member14.certificates.subtitle')} />
      {picker ? <MemberOrganisationPicker organisationId={organisationId} /> : null}
      {organisationId === null ? (
        <EmptyState title={t('member14.myTime.noOrganisation')} />
      ) : (
        <Section title={t('member14.certificates.title')} id="member-certificates">
          <ErrorBanner error={error} />
          <SuccessBanner message={notice} />
          {review.data?.pendingMinutes ? <p className="field-hint">{t('member14.summary.pending', { duration: formatDuration(review.data.pendingMinutes) })}</p> : null}
          <div className="row-actions">
            {years.map((year) => (
              <button key={year} type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => void download(year)}>
                {t('member14.certificates.year', { year })}
              </button>
            ))}
          </div>
        </Section>
      )}
    </>
  );
}
