import { Link, useSearchParams } from '../../app/routing';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/features/meetings/kinds';
import { MEETING_STATUSES, type MeetingListItem, type MeetingStatus } from '../../../shared/features/meetings/schemas';
import { PAGE_SIZE } from '../../../shared/api/paging';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { PagedTable, usePageOffset, type Column } from '../../components/PagedTable';
import { useI18n } from '../../i18n/I18nProvider';
import { MeetingsSubnav, StatusBadge, useSchedule } from './common';

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Meetings by series (kind), newest first; filters in the URL so that coming back restores them. */
export function MeetingListPage() {
  const { t, number, date } = useI18n();
  const [params, setParams] = useSearchParams();
  const kind = oneOf(MEETING_KINDS, params.get('type'));
  const status = oneOf(MEETING_STATUSES, params.get('statut'));
  const year = Number(params.get('annee')) || undefined;
  const filters = { kind, status, year };
  const [offset, setOffset] = usePageOffset(filters);
  const query = useQuery('meetings.list', { ...filters, bySeries: true, offset, limit: PAGE_SIZE });
  const schedule = useSchedule();

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
  const columns: Column<MeetingListItem>[] = [
    { header: t('meetings.ui.number'), className: 'col-narrow muted', cell: (m) => m.id },
    {
      header: t('meetings.ui.date'),
      className: 'nowrap',
      cell: (m) => (
        <>
          {date(m.date)}
          <br />
          <span className="muted">{schedule(m)}</span>
        </>
      ),
    },
    {
      header: t('meetings.ui.title'),
      cell: (m) => (
        <Link to={`/reunions/${m.id}`} className="row-title">
          {m.title}
        </Link>
      ),
    },
    { header: t('meetings.ui.place'), cell: (m) => m.hostOrganisationName ?? m.placeAddress ?? '' },
    { header: t('meetings.ui.attendees'), className: 'num', cell: (m) => number(m.attendees) },
    { header: t('meetings.ui.decisions'), className: 'num', cell: (m) => number(m.decisions) },
    {
      header: t('meetings.ui.status'),
      cell: (m) => (
        <>
          <StatusBadge status={m.status} />
          {m.approvedOn ? <span className="muted"> {t('meetings.ui.approvedOnShort', { date: date(m.approvedOn) })}</span> : null}
        </>
      ),
    },
  ];

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
        {query.data ? t('meetings.ui.count', { count: number(query.data.total) }) : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? (
        <EmptyState title={kind || status || year ? t('meetings.ui.emptyFiltered') : t('meetings.ui.empty')}>
          <p>{t('meetings.ui.emptyHint')}</p>
        </EmptyState>
      ) : null}
      {items.length ? (
        <PagedTable
          caption={t('meetings.ui.listTitle')}
          columns={columns}
          rows={items}
          rowKey={(m) => m.id}
          total={query.data?.total ?? 0}
          offset={offset}
          onOffset={setOffset}
          // Series by series: a heading row where the kind changes, on every page.
          group={{ of: (m) => m.kind, label: (k) => t(`meetings.kindPlural.${k as MeetingKind}`) }}
        />
      ) : null}
    </>
  );
}
