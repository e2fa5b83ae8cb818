import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from '../../app/routing';
import { PAGE_SIZE } from '../../../shared/api/paging';
import type { PersonListItem } from '../../../shared/features/people/schemas';
import { useDebounced, useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/Page';
import { PagedTable, usePageOffset, type Column } from '../../components/PagedTable';
import { ExportButton } from '../data/ExportButton';
import { useI18n } from '../../i18n/I18nProvider';

export function PersonListPage() {
  const { t, number } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  // The list asks for every keystroke (one page, from the index); useQuery ignores late answers. The
  // URL follows more calmly.
  const liveSearch = search.trim();
  const debouncedSearch = useDebounced(liveSearch, 300);
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

  const filters = { search: liveSearch || undefined, includeArchived: includeArchived || undefined };
  const [offset, setOffset] = usePageOffset(filters);
  const query = useQuery('people.list', { ...filters, offset, limit: PAGE_SIZE });
  const items = query.data?.items ?? [];
  // The table renders only when its answer changes: not for each letter typed, nor while loading.
  const data = query.data;
  const table = useMemo(() => {
    if (!data || data.items.length === 0) return null;
    const items = data.items;
    const columns: Column<PersonListItem>[] = [
      {
        header: t('person.name'),
        className: 'col-name',
        cell: (p) => (
          <>
            <Link to={`/personnes/${p.id}`} className="row-title">
              {p.lastName.toLocaleUpperCase('fr-FR')} {p.firstName}
            </Link>
            {p.archivedAt ? (
              <>
                {' '}
                <Badge>{t('common.archived')}</Badge>
              </>
            ) : null}
          </>
        ),
      },
      {
        header: t('person.organisations'),
        cell: (p) =>
          p.organisations.length ? (
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
          ),
      },
      { header: t('common.email'), cell: (p) => (p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : '') },
      { header: t('common.phone'), className: 'nowrap', cell: (p) => p.phone ?? '' },
    ];
    return (
      <PagedTable
        caption={t('person.listTitle')}
        columns={columns}
        rows={items}
        rowKey={(p) => p.id}
        total={data.total}
        offset={offset}
        onOffset={setOffset}
        onRowClick={(p) => navigate(`/personnes/${p.id}`)}
      />
    );
  }, [data, offset, t, navigate, setOffset]);

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
        {query.data ? t('person.count', { count: number(query.data.total) }) : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? (
        liveSearch ? (
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
      {table}
    </>
  );
}
