import { useState } from 'react';
import { Link, useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { buildNetworkSummary, networkChart } from '../../../shared/documents/time/network-summary';
import { SUMMARY_GROUPS, type SummaryGroup, type SummaryLine } from '../../../shared/features/time/schemas';
import { api, toApiError } from '../../api/client';
import { saveDocument } from '../../api/save';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import { PdfButton } from '../../components/PdfButton';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useAssociation } from '../../app/AssociationProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { svgToPng } from '../activities/rasterise';
import { filterToSearch, useTimeFormat } from './common';
import { RecordPicker } from '../../components/RecordPicker';
import { todayIso } from '../../i18n/format';
import { formatMonth } from '../../../shared/format/fr';
import { DateInput } from '../../components/DateInput';

/** Calendar arithmetic in UTC on a (year, month, day) that may overflow: no local zone shifts it. */
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** Ready-made periods: the calendar (or financial) year, the previous one, the quarter, and 2,5 years. */
function presets(startMonth: number, today: string = todayIso()) {
  const [thisYear, month] = today.split('-').map(Number) as [number, number];
  const year = month >= startMonth ? thisYear : thisYear - 1;
  const fy = (y: number) => ({ from: iso(y, startMonth - 1, 1), to: iso(y + 1, startMonth - 1, 0) });
  const q = Math.floor((month - 1) / 3);
  return {
    thisYear: fy(year),
    lastYear: fy(year - 1),
    thisQuarter: { from: iso(thisYear, q * 3, 1), to: iso(thisYear, q * 3 + 3, 0) },
    thirtyMonths: { from: iso(thisYear - 2, 0, 1), to: iso(thisYear, 6, 0) },
  };
}

/** Hours, ETP and euros over any period, grouped any way; every figure opens the entries behind it. */
export function SummaryPage() {
  const { t, date, number, language } = useI18n();
  const f = useTimeFormat();
  const { settings } = useAssociation();
  const [params, setParams] = useSearchParams();
  const ready = presets(settings?.financialYearStartMonth ?? 1);
  const from = params.get('du') ?? ready.thisYear.from;
  const to = params.get('au') ?? ready.thisYear.to;
  const by = (SUMMARY_GROUPS as readonly string[]).includes(params.get('par') ?? '') ? (params.get('par') as SummaryGroup) : 'organisation';
  const organisationId = Number(params.get('structure')) || undefined;
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && to >= from;
  const query = useQuery('time.summary', valid ? { from, to, by, organisationId } : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const label = (line: SummaryLine) => {
    if (by === 'nature') return t(`time.nature.${line.key.slice('nature:'.length) as 'secondment' | 'volunteering'}`);
    if (by === 'month') {
      return formatMonth(line.key.slice('month:'.length), language);
    }
    if (line.key.endsWith(':none')) return t('time.ui.grid.noPerson');
    return line.label;
  };
  const link = (line: SummaryLine) => `/temps/saisies?${filterToSearch(line.filter)}`;

  const downloadNetwork = async (format: DocumentFormat = 'docx') => {
    setError(null);
    setBusy(true);
    try {
      const data = await api.call('time.networkSummary', { from, to });
      const chart = networkChart(data);
      await saveDocument(`temps-reseau-${from}-${to}.docx`, buildNetworkSummary(data, chart, await svgToPng(chart.svg, chart.width, chart.height)), format);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const summary = query.data;
  return (
    <>
      <PageHeader
        title={t('time.ui.summary.title')}
        subtitle={summary ? t('time.ui.summary.subtitle', { from: date(summary.from), to: date(summary.to), base: number(summary.etpHours) }) : undefined}
        actions={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => void downloadNetwork()} disabled={!valid || busy}>
              {t('time.ui.summary.downloadNetwork')}
            </button>
            <PdfButton document={t('time.ui.summary.downloadNetwork')} onClick={() => void downloadNetwork('pdf')} disabled={!valid || busy} />
          </>
        }
      />
      <form className="filters" aria-label={t('time.ui.summary.pickers')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="summary-from">{t('time.ui.field.from')}</label>
          <DateInput id="summary-from" value={from} onChange={(e) => update({ du: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="summary-to">{t('time.ui.field.to')}</label>
          <DateInput id="summary-to" value={to} onChange={(e) => update({ au: e.target.value })} aria-invalid={!valid || undefined} />
        </div>
        <div className="field">
          <label htmlFor="summary-preset">{t('time.ui.summary.preset')}</label>
          <select
            id="summary-preset"
            value=""
            onChange={(e) => {
              const p = ready[e.target.value as keyof typeof ready];
              if (p) update({ du: p.from, au: p.to });
            }}
          >
            <option value="">{t('time.ui.choose')}</option>
            {(Object.keys(ready) as (keyof typeof ready)[]).map((k) => (
              <option key={k} value={k}>
                {t(`time.ui.summary.preset.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="summary-by">{t('time.ui.summary.by')}</label>
          <select id="summary-by" value={by} onChange={(e) => update({ par: e.target.value })}>
            {SUMMARY_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`time.cli.group.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="summary-organisation">{t('time.ui.field.organisation')}</label>
          <RecordPicker id="summary-organisation" source="organisations" value={organisationId ? Number(organisationId) : null} emptyLabel={t('time.ui.all')} onChange={(id) => update({ structure: id === null ? '' : String(id) })} />
        </div>
      </form>
      {!valid ? <p className="field-error">{t('error.endBeforeStart')}</p> : null}
      <ErrorBanner error={error ?? query.error} />
      {query.loading && !summary ? <Loading /> : null}
      {summary && summary.groups.length === 0 ? <EmptyState title={t('time.ui.summary.empty')} /> : null}
      {summary && summary.groups.length ? (
        <>
          <dl className="summary time-totals">
            <div>
              <dt>{t('time.ui.total.hours')}</dt>
              <dd>
                <Link to={link(summary.total)} data-testid="summary-total-hours">
                  {f.duration(summary.total.minutes)}
                </Link>
              </dd>
            </div>
            <div>
              <dt>{t('time.ui.total.etp')}</dt>
              <dd data-testid="summary-total-etp">{f.etp(summary.total.etp)}</dd>
            </div>
            <div>
              <dt>{t('time.ui.total.value')}</dt>
              <dd data-testid="summary-total-value">{f.euros(summary.total.valueCents)}</dd>
            </div>
          </dl>
          {summary.pendingMinutes ? (
            <p className="field-hint" data-testid="summary-pending">
              {t('member14.summary.pending', { duration: f.duration(summary.pendingMinutes) })}
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('time.ui.summary.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`time.cli.group.${by}`)}</th>
                  <th scope="col" className="time-num">
                    {t('time.ui.total.hours')}
                  </th>
                  <th scope="col" className="time-num">
                    {t('time.ui.summary.decimalHours')}
                  </th>
                  <th scope="col" className="time-num">
                    {by === 'month' || by === 'quarter' || by === 'year' ? t('time.ui.summary.etpOfPeriod') : t('time.ui.total.etp')}
                  </th>
                  <th scope="col" className="time-num">
                    {t('time.ui.total.value')}
                  </th>
                  <th scope="col" className="time-num">
                    {t('time.ui.total.entries')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">
                      <Link to={link(g)}>{label(g)}</Link>
                    </th>
                    <td className="time-num">
                      <Link to={link(g)} aria-label={t('time.ui.summary.openEntries', { label: label(g) })}>
                        {f.duration(g.minutes)}
                      </Link>
                    </td>
                    <td className="time-num">{f.hours(g.minutes)}</td>
                    <td className="time-num">{f.etp(g.etp)}</td>
                    <td className="time-num">{f.euros(g.valueCents)}</td>
                    <td className="time-num">{g.count}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">
                    <Link to={link(summary.total)}>{t('time.ui.total.label')}</Link>
                  </th>
                  <td className="time-num">
                    <Link to={link(summary.total)}>{f.duration(summary.total.minutes)}</Link>
                  </td>
                  <td className="time-num">{f.hours(summary.total.minutes)}</td>
                  <td className="time-num">{f.etp(summary.total.etp)}</td>
                  <td className="time-num">{f.euros(summary.total.valueCents)}</td>
                  <td className="time-num">{summary.total.count}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="field-hint">{t('time.ui.summary.etpNote', { base: number(summary.etpHours) })}</p>
        </>
      ) : null}
    </>
  );
}
