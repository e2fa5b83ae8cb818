import { Link, useSearchParams } from 'react-router';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/features/meetings/kinds';
import { MEETING_STATUSES, type MeetingListItem, type MeetingStatus } from '../../../shared/features/meetings/schemas';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { MeetingsSubnav, StatusBadge, useSchedule } from './common';

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Meetings by series (kind), newest first; filters in the URL so that coming back restores them. */
export function MeetingListPage() {
  const { t, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const kind = oneOf(MEETING_KINDS, params.get('type'));
  const status = oneOf(MEETING_STATUSES, params.get('statut'));
  const year = Number(params.get('annee')) || undefined;
  const query = useQuery('meetings.list', { kind, status, year });

  const update = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const items = query.data?.items ?? [];
  const series = MEETING_KINDS.map((k) => ({ kind: k, items: items.filter((m) => m.kind === k) })).filter((s) => s.items.length > 0);

  return (
    <>
      <PageHeader
        title={t('meetings.ui.listTitle')}
        actions={
          <Link className="btn btn-primary" to={kind ? `/reunions/nouvelle?type=${kind}` : '/reunions/nouvelle'}>
            {t('meetings.ui.new')}
          </Link>
        }
      />
      <MeetingsSubnav current="list" />
      <form className="filters" aria-label={t('meetings.ui.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="meetings-kind">{t('meetings.ui.kind')}</label>
          <select id="meetings-kind" value={kind ?? ''} onChange={(e) => update('type', e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetings.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="meetings-year">{t('meetings.ui.year')}</label>
          <select id="meetings-year" value={year ?? ''} onChange={(e) => update('annee', e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {(query.data?.years ?? (year ? [year] : [])).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="meetings-status">{t('meetings.ui.status')}</label>
          <select id="meetings-status" value={status ?? ''} onChange={(e) => update('statut', e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {MEETING_STATUSES.map((s: MeetingStatus) => (
              <option key={s} value={s}>
                {t(`meetings.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorBanner error={query.error} />
      <p className="list-count" aria-live="polite">
        {query.data ? t('meetings.ui.count', { count: number(items.length) }) : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? (
        <EmptyState title={kind || status || year ? t('meetings.ui.emptyFiltered') : t('meetings.ui.empty')}>
          <p>{t('meetings.ui.emptyHint')}</p>
        </EmptyState>
      ) : null}
      {series.map((s) => (
        <SeriesTable key={s.kind} kind={s.kind} items={s.items} />
      ))}
    </>
  );
}

function SeriesTable({ kind, items }: { kind: MeetingKind; items: MeetingListItem[] }) {
  const { t, date, number } = useI18n();
  const schedule = useSchedule();
  const id = `series-${kind}`;
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{t(`meetings.kindPlural.${kind}`)}</h2>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="col-narrow">
                {t('meetings.ui.number')}
              </th>
              <th scope="col">{t('meetings.ui.date')}</th>
              <th scope="col">{t('meetings.ui.title')}</th>
              <th scope="col">{t('meetings.ui.place')}</th>
              <th scope="col" className="num">
                {t('meetings.ui.attendees')}
              </th>
              <th scope="col" className="num">
                {t('meetings.ui.decisions')}
              </th>
              <th scope="col">{t('meetings.ui.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id}>
                <td className="muted">{m.id}</td>
                <td className="nowrap">
                  {date(m.date)}
                  <br />
                  <span className="muted">{schedule(m)}</span>
                </td>
                <td>
                  <Link to={`/reunions/${m.id}`} className="row-title">
                    {m.title}
                  </Link>
                </td>
                <td>{m.hostOrganisationName ?? m.placeAddress ?? ''}</td>
                <td className="num">{number(m.attendees)}</td>
                <td className="num">{number(m.decisions)}</td>
                <td>
                  <StatusBadge status={m.status} />
                  {m.approvedOn ? <span className="muted"> {t('meetings.ui.approvedOnShort', { date: date(m.approvedOn) })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
