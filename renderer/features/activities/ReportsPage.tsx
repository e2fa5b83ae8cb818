import { useEffect, useState } from 'react';
import { annualReportDocument, partnerReportDocument, reportFileName } from '../../../shared/features/activities/documents';
import { SECTIONS_OF, type ReportType } from '../../../shared/features/activities/schemas';
import { budgetSentence, etpSentence, quantitativeSentences } from '../../../shared/features/activities/sentences';
import { api, toApiError } from '../../api/client';
import { saveDocument } from '../../api/save';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import type { ApiError } from '../../../shared/api/errors';
import { RecordsDialog } from './common';
import { rasteriseCharts } from './rasterise';
import { currentYear } from '../../i18n/format';
import { DateInput } from '../../components/DateInput';

function TextEditor({ type, periodKey, section, initial, onSaved }: { type: ReportType; periodKey: string; section: string; initial: string; onSaved: () => void }) {
  const { t, tKey } = useI18n();
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setBody(initial), [initial]);
  const id = `text-${section}`;
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{tKey(`activity.section.${section}`)}</label>
      <textarea id={id} rows={4} value={body} onChange={(e) => { setBody(e.target.value); setSaved(false); }} />
      <ErrorBanner error={error} />
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          aria-label={`${t('activity.ui.saveText')} : ${tKey(`activity.section.${section}`)}`}
          onClick={async () => {
            try {
              await api.call('reports.texts.save', { type, periodKey, section: section as 'outlook', body });
              setSaved(true);
              setError(null);
              onSaved();
            } catch (e) {
              setError(toApiError(e));
            }
          }}
        >
          {t('activity.ui.saveText')}
        </button>
        {saved ? <span role="status"> {t('activity.ui.textSaved')}</span> : null}
      </div>
    </div>
  );
}

export function ReportsPage() {
  const { t, date } = useI18n();
  const thisYear = currentYear();
  const [type, setType] = useState<ReportType>('partner');
  const [year, setYear] = useState(thisYear - 1);
  const [from, setFrom] = useState(`${thisYear}-01-01`);
  const [to, setTo] = useState(`${thisYear}-12-31`);
  const [grantId, setGrantId] = useState<number | ''>('');
  const [records, setRecords] = useState<{ metric: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const grants = useQuery('funding.grants.list', {});
  const annual = useQuery('reports.annual', type === 'annual' ? { year } : null);
  const partner = useQuery('reports.partner', type === 'partner' ? (grantId ? { grantId } : { from, to }) : null);
  const report = type === 'annual' ? annual : partner;
  const data = report.data;

  const generate = async () => {
    if (!data) return;
    setError(null);
    try {
      const charts = await rasteriseCharts(data.figures);
      const doc = data.type === 'annual' ? annualReportDocument(data, charts) : partnerReportDocument(data, charts);
      if (await saveDocument(reportFileName(data), doc)) setMessage(t('activity.ui.generated'));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <>
      <PageHeader title={t('activity.ui.reports')} />
      <SuccessBanner message={message} />
      <ErrorBanner error={error ?? report.error} />
      <div className="filters">
        <label>
          {t('activity.ui.reportType')}{' '}
          <select value={type} onChange={(e) => setType(e.target.value as ReportType)}>
            <option value="partner">{t('activity.ui.partner')}</option>
            <option value="annual">{t('activity.ui.annual')}</option>
          </select>
        </label>
        {type === 'annual' ? (
          <label>
            {t('activity.ui.year')} <input type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} />
          </label>
        ) : (
          <>
            <label>
              {t('activity.ui.grant')}{' '}
              <select value={grantId} onChange={(e) => setGrantId(e.target.value ? Number(e.target.value) : '')}>
                <option value="">{t('activity.ui.anyPeriod')}</option>
                {(grants.data?.items ?? []).map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.funderName} — {g.programme}
                  </option>
                ))}
              </select>
            </label>
            {grantId === '' ? (
              <>
                <label>
                  {t('activity.ui.from')} <DateInput aria-label={t('activity.ui.from')} value={from} onChange={(e) => setFrom(e.target.value)} />
                </label>
                <label>
                  {t('activity.ui.to')} <DateInput aria-label={t('activity.ui.to')} value={to} onChange={(e) => setTo(e.target.value)} />
                </label>
              </>
            ) : null}
          </>
        )}
      </div>
      {!data ? (
        <Loading />
      ) : (
        <>
          <Section title={t('activity.ui.preview')} id="report-preview">
            <p className="muted">
              {date(data.figures.from)} – {date(data.figures.to)}
            </p>
            <ul className="figure-list" aria-label={t('activity.ui.quantitative')}>
              {quantitativeSentences(data.figures).map((s) => (
                <li key={s.metric}>
                  <button type="button" className="link-button" onClick={() => setRecords({ metric: s.metric })}>
                    {s.text}
                  </button>
                </li>
              ))}
              <li>
                <button type="button" className="link-button" onClick={() => setRecords({ metric: 'hours' })}>
                  {t('activity.ui.humanMeans')} : {etpSentence(data.figures)}
                </button>
              </li>
              <li>
                <button type="button" className="link-button" onClick={() => setRecords({ metric: 'budget' })}>
                  {t('activity.ui.financialMeans')} : {budgetSentence(data.figures)}
                </button>
              </li>
            </ul>
            <button type="button" className="btn btn-primary" onClick={generate}>
              {t('activity.ui.generate')}
            </button>
          </Section>
          <Section title={t('activity.ui.texts')} id="report-texts">
            <div className="form-grid">
              {SECTIONS_OF[data.type].map((section) => (
                <TextEditor key={`${data.periodKey}-${section}`} type={data.type} periodKey={data.periodKey} section={section} initial={data.texts[section] ?? ''} onSaved={report.reload} />
              ))}
            </div>
          </Section>
        </>
      )}
      {records && data ? <RecordsDialog metric={records.metric} from={data.figures.from} to={data.figures.to} onClose={() => setRecords(null)} /> : null}
    </>
  );
}
