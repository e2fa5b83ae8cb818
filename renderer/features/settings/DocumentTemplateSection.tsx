import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { bytesToBase64 } from '../../../shared/api/files';
import type { TemplateInfo } from '../../../shared/features/documents/contract';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { FilePicker } from '../../components/FilePicker';
import { Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

const cm = (twips: number | null) => (twips === null ? '?' : String(Math.round((twips / 567) * 10) / 10).replace('.', ','));

/** Réglages › the association's Word template: chosen, checked by main (refused with nothing changed), or removed. */
export function DocumentTemplateSection() {
  const { t } = useI18n();
  const template = useQuery('documents.template.get', {});
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      setNotice(await work());
      template.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const choose = (file: File | undefined) => {
    if (!file) return;
    void act(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      await api.call('documents.template.set', { fileName: file.name, base64: bytesToBase64(bytes) });
      return t('docs12.ui.template.saved');
    });
  };
  const current: TemplateInfo | null | undefined = template.data;
  return (
    <Section title={t('docs12.ui.template.title')} id="settings-template">
      <p className="section-intro">{t('docs12.ui.template.intro')}</p>
      <ErrorBanner error={error ?? template.error} />
      <SuccessBanner message={notice} />
      <p role="status">
        {current
          ? t('docs12.ui.template.current', { file: current.fileName, headers: current.headers, footers: current.footers, width: cm(current.pageWidth), height: cm(current.pageHeight) })
          : current === null
            ? t('docs12.ui.template.none')
            : null}
      </p>
      <div className="section-actions">
        <label htmlFor="settings-template-file">{t('docs12.ui.template.choose')}</label>
        <FilePicker id="settings-template-file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" fileName={current?.fileName ?? null} onFile={choose} disabled={busy} />
        {current ? (
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void act(async () => (await api.call('documents.template.clear', {}), t('docs12.ui.template.cleared')))}>
            {t('docs12.ui.template.clear')}
          </button>
        ) : null}
      </div>
    </Section>
  );
}
