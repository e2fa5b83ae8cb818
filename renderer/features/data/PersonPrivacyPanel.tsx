import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { buildPersonalDataDocument, personalDataFileName } from '../../../shared/documents/data/processing-register';
import type { ErasureResult } from '../../../shared/features/data/schemas';
import { api, toApiError } from '../../api/client';
import { saveDocument, saveText } from '../../api/save';
import { PdfButton } from '../../components/PdfButton';
import { useAssociation } from '../../app/AssociationProvider';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * "Données personnelles" on a person's page: everything held about them (JSON for a program,
 * Word for a person), and erasure by anonymisation, which says what legal records keep the name.
 */
export function PersonPrivacyPanel({ personId, name, onErased }: { personId: number; name: string; onErased: () => void }) {
  const { t } = useI18n();
  const { settings } = useAssociation();
  const [error, setError] = useState<ApiError | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [erased, setErased] = useState<ErasureResult | null>(null);

  const exportAs = async (format: 'json' | 'docx' | 'pdf') => {
    setError(null);
    try {
      const data = await api.call('privacy.personExport', { personId });
      const base = personalDataFileName(data);
      const json = () => saveText(`${base}.json`, `${JSON.stringify(data, null, 2)}\n`, 'application/json;charset=utf-8');
      if (format === 'json') await json();
      else {
        // The letter to the person, and the machine-readable copy it announces, saved beside it.
        await saveDocument(`${base}.docx`, buildPersonalDataDocument(data, { ...settings, name: settings?.associationName ?? 'Maillage' }), format);
        await json();
      }
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      setErased(await api.call('privacy.erase', { personId, confirm: true }));
      setConfirm(false);
      onErased();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('data.ui.personalData')} id="person-personal-data">
      <p className="section-intro">{t('data.ui.personalDataIntro')}</p>
      <ErrorBanner error={error} />
      <SuccessBanner
        message={
          erased
            ? `${t('data.ui.erased', { name: erased.anonymousName })} ${
                erased.keptInLegalRecords > 0 ? t('data.ui.erasedKept', { count: erased.keptInLegalRecords }) : t('data.ui.erasedNothingKept')
              }`
            : null
        }
      />
      <div className="section-actions">
        <button type="button" className="btn btn-secondary" onClick={() => void exportAs('docx')}>
          {t('data.ui.personExportDocx')}
        </button>
        <PdfButton document={t('data.ui.personExportDocx')} onClick={() => void exportAs('pdf')} />
        <button type="button" className="btn btn-secondary" onClick={() => void exportAs('json')}>
          {t('data.ui.personExportJson')}
        </button>
        <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirm(true)}>
          {t('data.ui.erase')}
        </button>
      </div>
      {confirm ? (
        <ConfirmDialog
          title={t('data.ui.eraseTitle', { name })}
          message={
            <>
              <p>{t('data.ui.eraseMessage', { name, id: personId })}</p>
              <p>{t('data.ui.eraseLegal')}</p>
            </>
          }
          confirmLabel={t('data.ui.eraseConfirm')}
          danger
          busy={busy}
          onConfirm={() => void erase()}
          onCancel={() => setConfirm(false)}
        />
      ) : null}
    </Section>
  );
}
