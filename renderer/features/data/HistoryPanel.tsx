import type { AuditEntry } from '../../../shared/features/data/schemas';
import { formatMoment } from '../../i18n/format';
import { isMessageKey } from '../../../shared/i18n/index';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, Section } from '../../components/Page';
import { useI18n, type I18n } from '../../i18n/I18nProvider';

const label = (i18n: I18n, key: string, fallback: string) => (isMessageKey(key) ? i18n.t(key) : fallback);

function formatValue(i18n: I18n, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && field.endsWith('_cents')) return i18n.money(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return i18n.date(value);
  if (field === 'payment_method' && typeof value === 'string') return label(i18n, `payment.${value}`, value);
  return String(value);
}

/** One line of the log in words: "Adhésion 2025 — modifiée : montant payé 0 € → 50 €". */
function describe(i18n: I18n, entry: AuditEntry): { title: string; details: string[] } {
  const entity = label(i18n, `data.ui.entity.${entry.entity}`, entry.entity);
  const action = label(i18n, `data.ui.action.${entry.action}`, entry.action);
  const year = typeof entry.summary.year === 'number' ? ` ${entry.summary.year}` : '';
  const changes = entry.summary.changes;
  const details =
    changes && typeof changes === 'object'
      ? Object.entries(changes as Record<string, [unknown, unknown]>).map(
          ([field, [before, after]]) =>
            `${label(i18n, `data.ui.column.${field}`, field)} : ${formatValue(i18n, field, before)} → ${formatValue(i18n, field, after)}`,
        )
      : [];
  return { title: `${entity}${year} — ${action}`, details };
}

/** "Historique": who changed what and when on a record (and on what it holds). For any detail page. */
export function HistoryPanel({ entity, entityId }: { entity: string; entityId: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const query = useQuery('audit.list', { entity, entityId, limit: 100 });
  const headingId = `history-${entity}-${entityId}`;
  return (
    <Section title={t('data.ui.history')} id={headingId}>
      <ErrorBanner error={query.error} />
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && query.data.items.length === 0 ? <EmptyState title={t('data.ui.historyEmpty')} /> : null}
      {query.data && query.data.items.length > 0 ? (
        <ol className="plain-list history">
          {query.data.items.map((entry) => {
            const { title, details } = describe(i18n, entry);
            return (
              <li key={entry.id}>
                <p>
                  <strong>{title}</strong>{' '}
                  <span className="muted">
                    {/* The day and the time in the user's time zone: « le 2 décembre 2026 à 14 h 37 ». */}
                    {t('history.by', { when: formatMoment(entry.at, i18n.language), actor: entry.actor })}
                  </span>
                </p>
                {details.length ? (
                  <ul>
                    {details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </Section>
  );
}
