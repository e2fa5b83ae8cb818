import { useState } from 'react';
import { Link, useSearchParams } from '../../app/routing';
import { MEETING_KINDS } from '../../../shared/features/meetings/kinds';
import { voteStatement } from '../../../shared/features/meetings/statements';
import { PAGE_SIZE } from '../../../shared/api/paging';
import type { RegisterItem } from '../../../shared/features/meetings/schemas';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { PagedTable, usePageOffset, type Column } from '../../components/PagedTable';
import { useI18n } from '../../i18n/I18nProvider';
import { MeetingsSubnav, StatusBadge } from './common';

/** Every decision, newest first: search ignoring accents and case (text or number), filter by year and kind. */
export function DecisionRegisterPage() {
  const { t, tKey, date, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  // Every keystroke asks for one page from the index; useQuery ignores late answers.
  const live = search.trim();
  const year = Number(params.get('annee')) || undefined;
  const kindParam = params.get('type');
  const kind = MEETING_KINDS.find((k) => k === kindParam);
  const filters = { search: live || undefined, year, kind };
  const [offset, setOffset] = usePageOffset(filters);
  const query = useQuery('meetings.decisions', { ...filters, offset, limit: PAGE_SIZE });
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
  const columns: Column<RegisterItem>[] = [
    { header: t('meetings.ui.register.number'), rowHeader: true, className: 'nowrap mono', cell: (d) => d.reference },
    {
      header: t('meetings.ui.register.decision'),
      cell: (d) => (
        <>
          {d.text}
          <br />
          <span className="muted">{d.itemTitle}</span>
        </>
      ),
    },
    { header: t('meetings.ui.register.vote'), cell: (d) => voteStatement(d, tKey) },
    {
      header: t('meetings.ui.register.meeting'),
      cell: (d) => (
        <>
          <Link to={`/reunions/${d.meetingId}?onglet=compte-rendu`}>{d.meetingTitle}</Link>
          <br />
          <span className="muted">
            {t(`meetings.kind.${d.meetingKind}`)} — {date(d.meetingDate)}
          </span>{' '}
          <StatusBadge status={d.meetingStatus} />
        </>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('meetings.ui.register.title')} />
      <MeetingsSubnav current="decisions" />
      <form className="filters" role="search" aria-label={t('meetings.ui.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field filter-search">
          <label htmlFor="register-search">{t('meetings.ui.register.search')}</label>
          <input id="register-search" type="search" value={search} placeholder={t('meetings.ui.register.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="register-year">{t('meetings.ui.year')}</label>
          <select id="register-year" value={year ?? ''} onChange={(e) => update('annee', e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {(query.data?.years ?? []).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="register-kind">{t('meetings.ui.kind')}</label>
          <select id="register-kind" value={kind ?? ''} onChange={(e) => update('type', e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetings.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorBanner error={query.error} />
      <p className="list-count" aria-live="polite">
        {query.data ? t('meetings.ui.register.count', { count: number(query.data.total) }) : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('meetings.ui.register.empty')} /> : null}
      {items.length ? (
        <PagedTable
          caption={t('meetings.ui.register.title')}
          columns={columns}
          rows={items}
          rowKey={(d) => d.id}
          total={query.data?.total ?? 0}
          offset={offset}
          onOffset={setOffset}
        />
      ) : null}
    </>
  );
}
