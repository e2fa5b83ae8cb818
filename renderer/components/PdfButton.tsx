import { useI18n } from '../i18n/I18nProvider';

/**
 * « Exporter en PDF », beside a document's .docx button. Its accessible name says which document,
 * since a page may carry several.
 */
export function PdfButton({ document, onClick, disabled, small }: { document: string; onClick: () => void; disabled?: boolean; small?: boolean }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={small ? 'btn btn-secondary btn-small' : 'btn btn-secondary'}
      aria-label={t('docs12.ui.exportPdfOf', { document: document.replace(/\s*\(\.docx\)$/, '') })}
      onClick={onClick}
      disabled={disabled}
    >
      {t('docs12.ui.exportPdf')}
    </button>
  );
}
