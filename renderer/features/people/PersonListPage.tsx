import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDebounced, useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/Page';
import { ExportButton } from '../data/ExportButton';
import { useI18n } from '../../i18n/I18nProvider';

export function PersonListPage() {
  const { t, number } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const debouncedSearch = useDebounced(search.trim(), 200);
  const includeArchived = params.get('archives') === '1';

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (!v) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedSearch) update({ q: debouncedSearch });
  }, [debouncedSearch]);

  const query = useQuery('people.list', { search: debouncedSearch || undefined, includeArchived: includeArchived || undefined });
  const items = query.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('person.listTitle')}
        actions={
          <>
            <Link className="btn btn-primary" to="/personnes/nouvelle">
              {t('person.new')}
            </Link>
            <ExportButton list="people" filter={{ search: debouncedSearch || undefined, includeArchived: includeArchived || undefined }} />
          </>
        }
      />
      <form className="filters" role="search" aria-label={t('person.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field filter-search">
          <label htmlFor="person-search">{t('person.search')}</label>
          <input
            id="person-search"
            type="search"
            value={search}
            placeholder={t('person.searchPlaceholder')}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field field-check">
          <input id="person-archived" type="checkbox" checked={includeArchived} onChange={(e) => update({ archives: e.target.checked ? '1' : undefined })} />
          <label htmlFor="person-archived">{t('person.showArchived')}</label>
        </div>
      </form>
      <ErrorBanner error={query.error} />
      <p className="list-count" aria-live="polite">
        {query.data ? t('person.count', { count: number(items.length) }) : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? (
        debouncedSearch ? (
          <EmptyState title={t('person.emptyFiltered')}>
            <button type="button" className="btn btn-secondary" onClick={() => setSearch('')}>
              {t('filter.clear')}
            </button>
          </EmptyState>
        ) : (
          <EmptyState title={t('person.empty')}>
            <p>{t('person.emptyHint')}</p>
          </EmptyState>
        )
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('person.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('person.organisations')}</th>
                <th scope="col">{t('common.email')}</th>
                <th scope="col">{t('common.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr
                  key={p.id}
                  className="row-link"
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a, button')) return;
                    navigate(`/personnes/${p.id}`);
                  }}
                >
                  <td className="col-name">
                    <Link to={`/personnes/${p.id}`} className="row-title">
                      {p.lastName.toLocaleUpperCase('fr-FR')} {p.firstName}
                    </Link>
                    {p.archivedAt ? (
                      <>
                        {' '}
                        <Badge>{t('common.archived')}</Badge>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {p.organisations.length ? (
                      <ul className="plain-list">
                        {p.organisations.map((o) => (
                          <li key={`${o.id}-${o.role}`}>
                            <span>{o.name}</span>
                            <span className="muted"> — {o.role}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t('person.noOrganisation')}</span>
                    )}
                  </td>
                  <td>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : ''}</td>
                  <td className="nowrap">{p.phone ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
