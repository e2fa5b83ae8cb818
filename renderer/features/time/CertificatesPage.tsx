import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { buildCertificate, certificateFileName } from '../../../shared/documents/time/certificate';
import { api, toApiError } from '../../api/client';
import { documentWording, saveDocument } from '../../api/save';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import { PdfButton } from '../../components/PdfButton';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useOrganisationOptions, useTimeFormat } from './common';
import { RecordPicker } from '../../components/RecordPicker';
import { currentYear } from '../../i18n/format';
import { DateInput } from '../../components/DateInput';

/** The certificate of one organisation for one period (attestation de mise à disposition), as .docx. */
export function CertificatesPage() {
  const { t } = useI18n();
  const f = useTimeFormat();
  const organisations = useOrganisationOptions();
  const year = currentYear();
  const [organisationId, setOrganisationId] = useState('');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = organisationId || String(organisations.find((o) => o.kind === 'member')?.id ?? '');

  const download = async (format: DocumentFormat = 'docx') => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const data = await api.call('time.certificate', { organisationId: Number(chosen), from, to });
      const saved = await saveDocument(certificateFileName(data), buildCertificate(data, await documentWording()), format);
      if (saved) setNotice(t('time.ui.certificates.done', { organisation: data.organisation.name, duration: f.duration(data.total.minutes), value: f.euros(data.total.valueCents) }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('time.ui.certificates.title')} subtitle={t('time.ui.certificates.subtitle')} />
      <Section title={t('time.ui.certificates.heading')} id="certificate-heading">
        <form
          className="form"
          aria-label={t('time.ui.certificates.heading')}
          onSubmit={(e) => {
            e.preventDefault();
            void download();
          }}
        >
          <ErrorBanner error={error} />
          <SuccessBanner message={notice} />
          <div className="form-grid">
            <div className="field field-wide">
              <label htmlFor="certificate-organisation">{t('time.ui.field.organisation')}</label>
              <RecordPicker id="certificate-organisation" source="organisations" value={chosen ? Number(chosen) : null} onChange={(id) => id !== null && setOrganisationId(String(id))} />
            </div>
            <div className="field">
              <label htmlFor="certificate-from">{t('time.ui.field.from')}</label>
              <DateInput id="certificate-from" value={from} onChange={(e) => setFrom(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="certificate-to">{t('time.ui.field.to')}</label>
              <DateInput id="certificate-to" value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !chosen}>
              {t('time.ui.certificates.download')}
            </button>
            <PdfButton document={t('time.ui.certificates.download')} onClick={() => void download('pdf')} disabled={busy || !chosen} />
          </div>
        </form>
      </Section>
    </>
  );
}
