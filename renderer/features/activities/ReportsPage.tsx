import { useCallback, useEffect, useRef, useState } from 'react';
import { Field } from '../../components/Field';
import { annualReportDocument, partnerReportDocument, reportFileName } from '../../../shared/features/activities/documents';
import { SECTIONS_OF, type ReportType } from '../../../shared/features/activities/schemas';
import { budgetSentence, etpSentence, quantitativeSentences } from '../../../shared/features/activities/sentences';
import { api, toApiError } from '../../api/client';
import { documentWording, saveDocument } from '../../api/save';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import { PdfButton } from '../../components/PdfButton';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import type { ApiError } from '../../../shared/api/errors';
import { RecordsDialog } from './common';
import { rasteriseCharts } from './rasterise';
import { currentYear } from '../../i18n/format';
import { DateInput } from '../../components/DateInput';

/** How long typing may pause before the text is saved. */
const AUTOSAVE_MS = 800;
type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/**
 * One text of the report, saved as it is typed (after a short pause, and on leaving the field):
 * nothing typed is left out of the document. `register` lets the page flush it before generating.
 */
function TextEditor({
  type,
  periodKey,
  section,
  initial,
  initialVersion,
  register,
}: {
  type: ReportType;
  periodKey: string;
  section: string;
  initial: string;
  /** The text's version as the page read it (0: no text yet); each save names the last one it knows. */
  initialVersion: number;
  register: (section: string, flush: (() => Promise<void>) | null) => void;
}) {
  const { t, tKey } = useI18n();
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const saved = useRef(initial);
  const latest = useRef(initial);
  const version = useRef(initialVersion);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // One save at a time: the next names the version the previous one produced.
  const inflight = useRef<Promise<void>>(Promise.resolve());
  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = latest.current;
    if (text === saved.current) return;
    setState('saving');
    try {
      const result = await api.call('reports.texts.save', { type, periodKey, section: section as 'outlook', body: text, version: version.current });
      version.current = result.versions?.[section] ?? 0;
      saved.current = text;
      setError(null);
      setState(latest.current === text ? 'saved' : 'pending');
    } catch (e) {
      setError(toApiError(e));
      setState('error');
      throw e;
    }
  }, [type, periodKey, section]);
  const save = useCallback(() => {
    const next = inflight.current.catch(() => undefined).then(saveNow);
    inflight.current = next;
    return next;
  }, [saveNow]);
  useEffect(() => {
    register(section, save);
    return () => register(section, null);
  }, [register, section, save]);
  const id = `text-${section}`;
  const label = tKey(`activity.section.${section}`);
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={4}
        value={body}
        aria-describedby={`${id}-state`}
        onChange={(e) => {
          setBody(e.target.value);
          latest.current = e.target.value;
          setState('pending');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void save().catch(() => undefined), AUTOSAVE_MS);
        }}
        onBlur={() => void save().catch(() => undefined)}
      />
      <ErrorBanner error={error} />
      <p className="field-hint" id={`${id}-state`} role="status">
        {state === 'saved' ? (body ? t('activity.ui.textSaved') : '') : state === 'error' ? t('edit.report.notSaved') : t('edit.report.saving')}
      </p>
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
  const [evidence, setEvidence] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const grants = useQuery('funding.grants.list', {});
  const annual = useQuery('reports.annual', type === 'annual' ? { year } : null);
  const partner = useQuery('reports.partner', type === 'partner' ? (grantId ? { grantId } : { from, to }) : null);
  const report = type === 'annual' ? annual : partner;
  const data = report.data;

  const flushers = useRef(new Map<string, () => Promise<void>>());
  const register = useCallback((section: string, flush: (() => Promise<void>) | null) => {
    if (flush) flushers.current.set(section, flush);
    else flushers.current.delete(section);
  }, []);

  const generate = async (format: DocumentFormat = 'docx') => {
    if (!data) return;
    setError(null);
    try {
      // Every text typed goes in: pending ones are saved first, then the report is read afresh.
      await Promise.all([...flushers.current.values()].map((flush) => flush()));
      const fresh = data.type === 'annual' ? await api.call('reports.annual', { year, evidence }) : await api.call('reports.partner', grantId ? { grantId, evidence } : { from, to, evidence });
      const charts = await rasteriseCharts(fresh.figures);
      const wording = await documentWording();
      const doc = fresh.type === 'annual' ? annualReportDocument(fresh, charts, wording) : partnerReportDocument(fresh, charts, wording);
      // The table of contents gets its page numbers from LibreOffice when it is installed; else Word fills it on opening. Say which.
      let toc = '';
      const saved = await saveDocument(reportFileName(fresh), doc, format, {
        updateFields: true,
        onFinished: ({ fieldsUpdated }) => {
          toc = t(fieldsUpdated ? 'docs.office.tocUpdated' : 'docs.office.tocOnOpen');
        },
      });
      if (saved) setMessage(`${t('activity.ui.generated')} ${toc}`);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <>
      <PageHeader title={t('activity.ui.reports')} />
      <SuccessBanner message={message} />
      <ErrorBanner error={error ?? report.error} />
      <div className="filters" role="search" aria-label={t('edit.report.filters')}>
        <Field label={t('activity.ui.reportType')}>
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value as ReportType)}>
              <option value="partner">{t('activity.ui.partner')}</option>
              <option value="annual">{t('activity.ui.annual')}</option>
            </select>
          )}
        </Field>
        {type === 'annual' ? (
          <Field label={t('activity.ui.year')}>
            {(p) => <input {...p} type="number" className="input-short" value={year} onChange={(e) => setYear(Number(e.target.value))} />}
          </Field>
        ) : (
          <>
            <Field label={t('activity.ui.grant')}>
              {(p) => (
                <select {...p} value={grantId} onChange={(e) => setGrantId(e.target.value ? Number(e.target.value) : '')}>
                  <option value="">{t('activity.ui.anyPeriod')}</option>
                  {(grants.data?.items ?? []).map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.funderName} — {g.programme}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {grantId === '' ? (
              <>
                <Field label={t('activity.ui.from')}>{(p) => <DateInput {...p} value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
                <Field label={t('activity.ui.to')}>{(p) => <DateInput {...p} value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
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
            <div className="field">
              <label className="inline-choice">
                <input type="checkbox" checked={evidence} onChange={(e) => setEvidence(e.target.checked)} aria-describedby="evidence-hint" /> {t('evidence.option')}
              </label>
              <p className="hint" id="evidence-hint">
                {t('evidence.optionHint')}
              </p>
            </div>
            <button type="button" className="btn btn-primary" onClick={() => void generate()}>
              {t('activity.ui.generate')}
            </button>
            <PdfButton document={t('activity.ui.generate')} onClick={() => void generate('pdf')} />
          </Section>
          <Section title={t('activity.ui.texts')} id="report-texts">
            <p className="section-intro">{t('edit.report.autosave')}</p>
            <div className="form-grid">
              {SECTIONS_OF[data.type].map((section) => (
                <TextEditor key={`${data.periodKey}-${section}`} type={data.type} periodKey={data.periodKey} section={section} initial={data.texts[section] ?? ''} initialVersion={data.textVersions?.[section] ?? 0} register={register} />
              ))}
            </div>
          </Section>
        </>
      )}
      {records && data ? <RecordsDialog metric={records.metric} from={data.figures.from} to={data.figures.to} onClose={() => setRecords(null)} /> : null}
    </>
  );
}
