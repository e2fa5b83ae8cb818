import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MEETING_KINDS } from '../../../shared/features/meetings/kinds';
import { voteStatement } from '../../../shared/features/meetings/statements';
import { useDebounced, useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { MeetingsSubnav, StatusBadge } from './common';

/** Every decision, newest first: search ignoring accents and case (text or number), filter by year and kind. */
export function DecisionRegisterPage() {
  const { t, tKey, date, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const debounced = useDebounced(search.trim(), 200);
  const year = Number(params.get('annee')) || undefined;
  const kindParam = params.get('type');
  const kind = MEETING_KINDS.find((k) => k === kindParam);
  const query = useQuery('meetings.decisions', { search: debounced || undefined, year, kind });
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
        {query.data
          ? query.data.total > items.length
            ? t('meetings.ui.register.limited', { count: number(query.data.total), shown: number(items.length) })
            : t('meetings.ui.register.count', { count: number(query.data.total) })
          : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('meetings.ui.register.empty')} /> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="col-narrow">
                  {t('meetings.ui.register.number')}
                </th>
                <th scope="col">{t('meetings.ui.register.decision')}</th>
                <th scope="col">{t('meetings.ui.register.vote')}</th>
                <th scope="col">{t('meetings.ui.register.meeting')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row" className="nowrap mono">
                    {d.reference}
                  </th>
                  <td>
                    {d.text}
                    <br />
                    <span className="muted">{d.itemTitle}</span>
                  </td>
                  <td>{voteStatement(d, tKey)}</td>
                  <td>
                    <Link to={`/reunions/${d.meetingId}?onglet=compte-rendu`}>{d.meetingTitle}</Link>
                    <br />
                    <span className="muted">
                      {t(`meetings.kind.${d.meetingKind}`)} — {date(d.meetingDate)}
                    </span>{' '}
                    <StatusBadge status={d.meetingStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
