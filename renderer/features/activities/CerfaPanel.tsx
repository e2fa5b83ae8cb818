import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { CerfaReport, CerfaRow } from '../../../shared/features/activities/cerfa';
import { cerfaDocument, cerfaFileName } from '../../../shared/documents/funding/cerfa';
import { api, toApiError } from '../../api/client';
import { saveDocument } from '../../api/save';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import { PdfButton } from '../../components/PdfButton';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';

/** The explanation of one gap over 20 %, typed here and kept for the Cerfa. */
function GapExplanation({ grantId, row, saved, onSaved }: { grantId: number; row: CerfaRow; saved: string; onSaved: (r: CerfaReport) => void }) {
  const { t, tKey, money } = useI18n();
  const [body, setBody] = useState(saved);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => setBody(saved), [saved]);
  const id = `cerfa-${grantId}-gap-${row.account}`;
  return (
    <form
      className="form"
      aria-label={t('cerfa.ui.explain', { account: row.account })}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          onSaved(await api.call('funding.cerfa.explain', { grantId, account: row.account, body }));
          setStatus(t('cerfa.ui.saved'));
          setError(null);
        } catch (err) {
          setError(toApiError(err));
        }
      }}
    >
      <label htmlFor={id}>
        {row.account} {tKey(`cerfa.account.${row.account}`)} : {money(row.plannedCents)} → {money(row.actualCents)}
        {row.gapPercent === null ? '' : ` (${row.gapPercent > 0 ? '+' : ''}${row.gapPercent} %)`}
      </label>
      <textarea id={id} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
      <div>
        <button type="submit" className="btn btn-secondary btn-small">
          {t('cerfa.ui.save')}
        </button>
        {status ? <span role="status"> {status}</span> : null}
      </div>
      <ErrorBanner error={error} />
    </form>
  );
}

/**
 * The grant's Cerfa 15059: the lines still « à classer », the gaps to explain, and the button that
 * writes the document. `version` changes when a budget is saved, so the figures follow.
 */
export function CerfaPanel({ grantId, label, version }: { grantId: number; label: string; version: unknown }) {
  const { t } = useI18n();
  const query = useQuery('funding.cerfa.get', { id: grantId });
  const [report, setReport] = useState<CerfaReport | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const { reload } = query;
  // A budget saved elsewhere on the page changes `version`: reload then, not on the first render.
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);
  useEffect(() => setReport(query.data), [query.data]);

  const write = async (format: DocumentFormat = 'docx') => {
    setError(null);
    setMessage(null);
    try {
      const data = await api.call('funding.cerfa.document', { id: grantId });
      if (await saveDocument(cerfaFileName(data), cerfaDocument(data), format)) setMessage(t('cerfa.ui.generated'));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const gaps = report ? [...report.expenses, ...report.income, ...report.contributions].filter((r) => r.needsExplanation) : [];
  return (
    <section aria-label={`${t('cerfa.ui.title')} — ${label}`}>
      <h4>{t('cerfa.ui.title')}</h4>
      <ErrorBanner error={error ?? query.error} />
      <SuccessBanner message={message} />
      {report?.unclassified.length ? (
        <p className="field-hint" role="note">
          {t('cerfa.ui.unclassified', { lines: report.unclassified.map((l) => `${l.budgetLabel} — ${l.lineLabel}`).join(' ; ') })}
        </p>
      ) : null}
      {report ? (
        gaps.length ? (
          <details>
            <summary>
              {t('cerfa.ui.gaps')} ({gaps.length})
            </summary>
            {gaps.map((row) => (
              <GapExplanation key={row.account} grantId={grantId} row={row} saved={report.explanations[row.account] ?? ''} onSaved={setReport} />
            ))}
          </details>
        ) : (
          <p className="muted">{t('cerfa.ui.noGap')}</p>
        )
      ) : null}
      <button type="button" className="btn btn-secondary btn-small" aria-label={`${t('cerfa.ui.write')} — ${label}`} onClick={() => void write()}>
        {t('cerfa.ui.write')}
      </button>
      <PdfButton small document={`${t('cerfa.ui.title')} — ${label}`} onClick={() => void write('pdf')} />
    </section>
  );
}
