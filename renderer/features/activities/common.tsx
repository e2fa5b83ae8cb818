import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { ApiError } from '../../../shared/api/errors';
import type { Language } from '../../../shared/i18n/index';
import { toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Page';
import { LOCALES } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import './activities.css';

/** Select and number inputs give text; an empty one means "no value". */
export const numberOrNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));

/**
 * Reads a number typed the way people write it: `1 234,5` in French (a dot also works when
 * there is no comma), `1,234.5` in English. Empty is null; anything unreadable is NaN.
 */
export function parseDecimal(text: string, language: Language): number | null {
  let s = text.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  if (language === 'en') s = s.replace(/,/g, '');
  else if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** A number as it is typed back into a field (`1 234,5`), without rounding what was stored. */
export function formatDecimalInput(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 6 }).format(value);
}

/**
 * Puts the server's field issues under their fields and returns what is left for the banner.
 * Unlike `applyServerError` it also places issues on list rows: `reports[1].dueDate` → `reports.1.dueDate`.
 */
export function applyServerIssues<T extends FieldValues>(
  thrown: unknown,
  setError: UseFormSetError<T>,
  accept: (field: string) => boolean,
  rename: (field: string) => string = (f) => f,
): ApiError | null {
  const error = toApiError(thrown);
  const issues = error.issues ?? [];
  if (error.code !== 'VALIDATION' || issues.length === 0) return error;
  const unplaced = issues.filter((issue) => {
    const field = rename(issue.path.replace(/\[(\d+)\]/g, '.$1'));
    if (!accept(field)) return true;
    setError(field as Path<T>, { type: 'server', message: issue.params ? JSON.stringify({ key: issue.key, params: issue.params }) : issue.key }, { shouldFocus: true });
    return false;
  });
  return unplaced.length ? { ...error, issues: unplaced } : null;
}

/** The records behind one figure (dashboard, report preview), in a dialog. */
export function RecordsDialog({ metric, from, to, onClose }: { metric: string; from: string; to: string; onClose: () => void }) {
  const { t, date } = useI18n();
  const records = useQuery('reports.records', { metric, from, to });
  return (
    <Modal title={records.data?.title ?? t('activity.ui.records')} onClose={onClose} size="large">
      {records.error ? (
        <ErrorBanner error={records.error} />
      ) : !records.data ? (
        <Loading />
      ) : records.data.items.length === 0 ? (
        <p>{t('activity.ui.noRecords')}</p>
      ) : (
        <>
          <p className="muted">
            {date(from)} – {date(to)} · {t('activity.ui.recordCount', { count: records.data.items.length })}
          </p>
          <ul>
            {records.data.items.map((r, i) => (
              <li key={i}>
                {r.date ? `${date(r.date)} — ` : ''}
                {r.label}
                {r.detail ? <span className="muted"> · {r.detail}</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
