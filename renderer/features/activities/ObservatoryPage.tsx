import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import type { Indicator } from '../../../shared/features/activities/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Badge, Loading, PageHeader, Section } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { currentYear, formatMoneyInput, parseMoney } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDecimalInput, parseDecimal } from './common';
import { IndicatorDialog } from './IndicatorDialog';

/** The figure as typed in its field: euros travel as cents, the rest in the indicator's own unit. */
function toText(indicator: Indicator, value: number | undefined, language: 'fr' | 'en'): string {
  if (value === undefined) return '';
  return indicator.unit === 'euros' ? formatMoneyInput(value, language) : formatDecimalInput(value, language);
}

interface EntryFormProps {
  organisationId: number;
  year: number;
  onSaved: () => void;
  onClose: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** The figures of one organisation for one year, one field per active indicator, each with its unit. */
export function EntryForm({ organisationId, year, onSaved, onClose, onDirtyChange }: EntryFormProps) {
  const { t, tKey, language } = useI18n();
  const form = useQuery('observatory.form', { organisationId, year });
  const [values, setValues] = useState<Record<number, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<number, string>>({});
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const data = form.data;

  const initial = useMemo(() => {
    const out: Record<number, string> = {};
    for (const i of data?.indicators ?? []) out[i.id] = toText(i, data?.values[String(i.id)], language);
    return out;
  }, [data, language]);
  const dirty = Object.entries(values).some(([id, v]) => v !== initial[Number(id)]);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // Fresh figures from the service replace what was typed (after a save they are the same, normalised).
  useEffect(() => setValues({}), [data]);
  const shownOnce = Boolean(data);
  useEffect(() => {
    if (shownOnce) heading.current?.scrollIntoView({ block: 'start' });
  }, [shownOnce]);

  if (form.error) return <ErrorBanner error={form.error} />;
  if (!data) return <Loading />;
  const shown = (id: number) => values[id] ?? initial[id] ?? '';

  const submit = async () => {
    setBanner(null);
    const errors: Record<number, string> = {};
    const entries = data.indicators.map((i) => {
      const text = shown(i.id);
      if (i.unit === 'euros') {
        if (text.trim() === '') return { indicatorId: i.id, value: null };
        const parsed = parseMoney(text, language);
        if (!parsed.ok) errors[i.id] = JSON.stringify({ key: 'error.activity.unitEuros', params: { indicator: i.label } });
        return { indicatorId: i.id, value: parsed.ok ? parsed.cents : null };
      }
      const n = parseDecimal(text, language);
      if (n !== null && Number.isNaN(n)) errors[i.id] = 'error.number';
      return { indicatorId: i.id, value: n === null || Number.isNaN(n) ? null : n };
    });
    setFieldErrors(errors);
    if (Object.keys(errors).length) {
      document.getElementById(`ind-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.call('observatory.save', { organisationId, year, values: entries });
      form.reload();
      onSaved();
    } catch (err) {
      const error = toApiError(err);
      // `values[3].value` names the fourth indicator of the form: its error goes under its field.
      const placed: Record<number, string> = {};
      const rest = (error.issues ?? []).filter((issue) => {
        const m = /^values\[(\d+)\]\.value$/.exec(issue.path);
        const indicator = m ? data.indicators[Number(m[1])] : undefined;
        if (!indicator) return true;
        placed[indicator.id] = issue.params ? JSON.stringify({ key: issue.key, params: issue.params }) : issue.key;
        return false;
      });
      setFieldErrors(placed);
      setBanner(Object.keys(placed).length && rest.length === 0 ? null : { ...error, issues: rest });
      const first = Object.keys(placed)[0];
      if (first) document.getElementById(`ind-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form"
      aria-label={t('activity.ui.entryTitle', { name: data.organisationName, year })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 ref={heading} tabIndex={-1}>
        {t('activity.ui.entryTitle', { name: data.organisationName, year })}
      </h3>
      <p className="field-hint">{t('activity.ui.entryHint')}</p>
      <ErrorBanner error={banner} />
      <div className="entry-grid">
        {data.indicators.map((i) => (
          <Field key={i.id} label={`${i.label} (${tKey(`activity.unit.${i.unit}`)})`} error={fieldErrors[i.id] ? { message: fieldErrors[i.id] } : undefined}>
            {(p) => <input {...p} id={`ind-${i.id}`} inputMode="decimal" value={shown(i.id)} onChange={(e) => setValues({ ...values, [i.id]: e.target.value })} />}
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('activity.ui.saveFigures')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('activity.ui.closeEntry')}
        </button>
      </div>
    </form>
  );
}

function IndicatorsSection() {
  const { t, tKey } = useI18n();
  const list = useQuery('observatory.indicators.list', { includeInactive: true });
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Section
      title={t('activity.ui.indicators')}
      id="obs-indicators"
      actions={
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing('new')}>
          {t('activity.ui.newIndicator')}
        </button>
      }
    >
      <SuccessBanner message={message} />
      <ErrorBanner error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('activity.ui.indicatorLabel')}</th>
              <th scope="col">{t('activity.ui.indicatorCode')}</th>
              <th scope="col">{t('activity.ui.unit')}</th>
              <th scope="col">{t('activity.ui.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('activity.ui.rowActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.label}</th>
                <td className="mono">{i.code}</td>
                <td>{tKey(`activity.unitName.${i.unit}`)}</td>
                <td>{i.active ? <Badge tone="ok">{t('activity.ui.active')}</Badge> : <Badge>{t('activity.ui.inactive')}</Badge>}</td>
                <td>
                  <button type="button" className="btn btn-secondary btn-small" aria-label={t('activity.ui.editIndicatorOf', { label: i.label })} onClick={() => setEditing(i)}>
                    {t('action.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <IndicatorDialog
          indicator={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(i) => {
            setEditing(null);
            setMessage(t('activity.ui.indicatorSaved', { label: i.label }));
            list.reload();
          }}
        />
      ) : null}
    </Section>
  );
}

export function ObservatoryPage() {
  const { t, number, money } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? currentYear() - 1);
  const organisation = params.get('organisation') ? Number(params.get('organisation')) : null;
  const [saved, setSaved] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const { dialog: leaveDialog } = useUnsavedChanges(dirty);
  const data = useQuery('observatory.year', { year });
  const fmt = (unit: string, v: number) => (unit === 'euros' ? money(Math.round(v / 100) * 100) : number(v, unit === 'tonnes' ? 1 : undefined));
  return (
    <>
      <PageHeader title={t('activity.ui.observatory')} />
      <SuccessBanner message={saved} />
      <div className="filters">
        <label>
          {t('activity.ui.year')} <input type="number" className="input-short" value={year} onChange={(e) => setParams({ year: e.target.value })} />
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
                onDirtyChange={setDirty}
                onClose={() => setParams({ year: String(year) })}
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
                  <th scope="col" className="num">
                    {year}
                  </th>
                  <th scope="col" className="num">
                    {year - 1}
                  </th>
                  <th scope="col" className="num">
                    {t('activity.ui.change')}
                  </th>
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
                  <th scope="col">
                    <span className="visually-hidden">{t('activity.ui.rowActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.data.organisations.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.name}</th>
                    <td>{o.returned ? <Badge tone="ok">{t('activity.ui.returnedYes')}</Badge> : <Badge tone="warn">{t('activity.ui.returnedNo')}</Badge>}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        aria-label={t('activity.ui.enterFor', { name: o.name, year })}
                        aria-pressed={organisation === o.id}
                        onClick={() => setParams({ year: String(year), organisation: String(o.id) })}
                      >
                        {o.returned ? t('action.edit') : t('activity.ui.enter')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <IndicatorsSection />
        </>
      )}
      {leaveDialog}
    </>
  );
}
