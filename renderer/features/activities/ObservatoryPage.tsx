import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiError } from '../../../shared/api/errors';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Badge, Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

function EntryForm({ organisationId, year, onSaved }: { organisationId: number; year: number; onSaved: () => void }) {
  const { t, tKey } = useI18n();
  const form = useQuery('observatory.form', { organisationId, year });
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  if (!form.data) return <Loading />;
  const shown = (id: number) => values[id] ?? (form.data!.values[String(id)] === undefined ? '' : String(form.data!.indicators.find((i) => i.id === id)?.unit === 'euros' ? form.data!.values[String(id)]! / 100 : form.data!.values[String(id)]));
  return (
    <form
      className="form-grid"
      aria-label={t('activity.ui.entryTitle', { name: form.data.organisationName, year })}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api.call('observatory.save', {
            organisationId,
            year,
            values: form.data!.indicators.map((i) => {
              const raw = shown(i.id).replace(/\s/g, '').replace(',', '.');
              const value = raw === '' ? null : Number(raw);
              return { indicatorId: i.id, value: value === null ? null : i.unit === 'euros' ? Math.round(value * 100) : value };
            }),
          });
          setError(null);
          onSaved();
        } catch (err) {
          setError(toApiError(err));
        }
      }}
    >
      <h3 className="field-wide">{t('activity.ui.entryTitle', { name: form.data.organisationName, year })}</h3>
      <ErrorBanner error={error} />
      {form.data.indicators.map((i) => (
        <div className="field" key={i.id}>
          <label htmlFor={`ind-${i.id}`}>
            {i.label} ({tKey(`activity.unit.${i.unit}`)})
          </label>
          <input id={`ind-${i.id}`} inputMode="decimal" value={shown(i.id)} onChange={(e) => setValues({ ...values, [i.id]: e.target.value })} />
        </div>
      ))}
      <div className="form-actions field-wide">
        <button type="submit" className="btn btn-primary">
          {t('activity.ui.saveFigures')}
        </button>
      </div>
    </form>
  );
}

export function ObservatoryPage() {
  const { t, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? new Date().getFullYear() - 1);
  const organisation = params.get('organisation') ? Number(params.get('organisation')) : null;
  const [saved, setSaved] = useState<string | null>(null);
  const data = useQuery('observatory.year', { year });
  const fmt = (unit: string, v: number) => (unit === 'euros' ? `${number(Math.round(v / 100))} €` : number(v, unit === 'tonnes' ? 1 : undefined));
  return (
    <>
      <PageHeader title={t('activity.ui.observatory')} />
      <SuccessBanner message={saved} />
      <div className="filters">
        <label>
          {t('activity.ui.year')} <input type="number" value={year} onChange={(e) => setParams({ year: e.target.value })} />
        </label>
      </div>
      <ErrorBanner error={data.error} />
      {!data.data ? (
        <Loading />
      ) : (
        <>
          <p>{t('activity.ui.returned', { returned: data.data.returned, expected: data.data.expected })}</p>
          {organisation ? (
            <Section title={t('activity.ui.enter')} id="obs-entry">
              <EntryForm
                key={`${organisation}-${year}`}
                organisationId={organisation}
                year={year}
                onSaved={() => {
                  setSaved(t('activity.ui.figuresSaved'));
                  data.reload();
                }}
              />
            </Section>
          ) : null}
          <Section title={t('activity.ui.regionalTotals')} id="obs-totals">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('activity.ui.indicator')}</th>
                  <th scope="col" className="num">{year}</th>
                  <th scope="col" className="num">{year - 1}</th>
                  <th scope="col" className="num">{t('activity.ui.change')}</th>
                </tr>
              </thead>
              <tbody>
                {data.data.totals.map((row) => {
                  const indicator = data.data!.indicators.find((i) => i.id === row.indicatorId)!;
                  return (
                    <tr key={row.indicatorId}>
                      <th scope="row">{indicator.label}</th>
                      <td className="num">{fmt(indicator.unit, row.total)}</td>
                      <td className="num">{row.previous === null ? '—' : fmt(indicator.unit, row.previous)}</td>
                      <td className="num">{row.change === null ? '—' : `${row.change > 0 ? '+' : ''}${number(row.change, 1)} %`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Section>
          <Section title={t('activity.ui.returns')} id="obs-returns">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('activity.ui.organisation')}</th>
                  <th scope="col">{t('activity.ui.status')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {data.data.organisations.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.name}</th>
                    <td>{o.returned ? <Badge tone="ok">{t('activity.ui.returnedYes')}</Badge> : <Badge tone="warn">{t('activity.ui.returnedNo')}</Badge>}</td>
                    <td>
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => setParams({ year: String(year), organisation: String(o.id) })}>
                        {t('activity.ui.enter')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </>
  );
}
