import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from '../../app/routing';
import {
  MEMBERSHIP_STATUS_FILTERS,
  ORGANISATION_KINDS,
  ORGANISATION_SORTS,
  type OrganisationKind,
  type OrganisationListItem,
} from '../../../shared/features/organisations/schemas';
import { PAGE_SIZE } from '../../../shared/api/paging';
import { useDebounced, useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/Page';
import { PagedTable, usePageOffset, type Column } from '../../components/PagedTable';
import { SortHeader } from '../../components/SortHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { ExportButton } from '../data/ExportButton';
import { MembershipStatusBadge, useMembershipYears } from '../memberships/status';
import { currentYear as thisYear } from '../../i18n/format';

type Sort = (typeof ORGANISATION_SORTS)[number];
type Status = (typeof MEMBERSHIP_STATUS_FILTERS)[number];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Structures: search, filters and sort live in the URL, so coming back from a detail page restores the list. */
export function OrganisationListPage() {
  const { t, number } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const currentYear = thisYear();
  const years = useMembershipYears();

  const kind = oneOf(ORGANISATION_KINDS, params.get('type'));
  const department = params.get('dept') ?? '';
  const year = Number(params.get('annee')) || currentYear;
  const status = oneOf(MEMBERSHIP_STATUS_FILTERS, params.get('statut'));
  const includeArchived = params.get('archives') === '1';
  const sort = oneOf(ORGANISATION_SORTS, params.get('tri')) ?? 'name';
  const direction: 'asc' | 'desc' = params.get('ordre') === 'desc' ? 'desc' : 'asc';

  const [search, setSearch] = useState(params.get('q') ?? '');
  // Each keystroke asks for one page; useQuery ignores late answers. The URL follows more calmly.
  const liveSearch = search.trim();
  const debouncedSearch = useDebounced(liveSearch, 300);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedSearch) update({ q: debouncedSearch });
  }, [debouncedSearch]);

  const filters = {
    search: liveSearch || undefined,
    kind,
    department: department || undefined,
    year,
    membershipStatus: status,
    includeArchived: includeArchived || undefined,
    sort,
    direction,
  };
  const [offset, setOffset] = usePageOffset(filters);
  const query = useQuery('organisations.list', { ...filters, offset, limit: PAGE_SIZE });
  const items = query.data?.items ?? [];
  const filtered = Boolean(liveSearch || kind || department || status);

  const clearFilters = () => {
    setSearch('');
    update({ q: undefined, type: undefined, dept: undefined, statut: undefined });
  };

  const onSort = (column: Sort, dir: 'asc' | 'desc') => update({ tri: column === 'name' ? undefined : column, ordre: dir === 'asc' ? undefined : dir });

  const columns: Column<OrganisationListItem>[] = [
    {
      head: <SortHeader column="name" label={t('org.name')} sort={sort} direction={direction} onSort={onSort} />,
      cell: (o) => (
        <>
          <Link to={`/structures/${o.id}`} className="row-title">
            {o.name}
          </Link>
          {o.shortName ? <span className="muted"> · {o.shortName}</span> : null}
          {o.archivedAt ? (
            <>
              {' '}
              <Badge>{t('common.archived')}</Badge>
            </>
          ) : null}
        </>
      ),
    },
    { head: <SortHeader column="kind" label={t('org.kind')} sort={sort} direction={direction} onSort={onSort} />, cell: (o) => t(`kind.${o.kind as OrganisationKind}`) },
    { head: <SortHeader column="city" label={t('org.city')} sort={sort} direction={direction} onSort={onSort} />, cell: (o) => [o.postcode, o.city].filter(Boolean).join(' ') },
    {
      head: <SortHeader column="department" label={t('org.departmentShort')} sort={sort} direction={direction} onSort={onSort} className="col-narrow" />,
      className: 'col-narrow',
      cell: (o) => o.department ?? '',
    },
    {
      header: t('org.membershipOf', { year }),
      cell: (o) => (o.kind === 'member' || o.membership ? <MembershipStatusBadge membership={o.membership} /> : <span className="muted">—</span>),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('org.listTitle')}
        actions={
          <>
            <Link className="btn btn-primary" to="/structures/nouvelle">
              {t('org.new')}
            </Link>
            <ExportButton list="organisations" filter={{ search: debouncedSearch || undefined, kind, department: department || undefined, year, membershipStatus: status, includeArchived: includeArchived || undefined }} />
          </>
        }
      />
      <form className="filters" role="search" aria-label={t('org.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field filter-search">
          <label htmlFor="org-search">{t('org.search')}</label>
          <input
            id="org-search"
            type="search"
            value={search}
            placeholder={t('org.searchPlaceholder')}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="org-kind">{t('org.kind')}</label>
          <select id="org-kind" value={kind ?? ''} onChange={(e) => update({ type: e.target.value })}>
            <option value="">{t('filter.all')}</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-dept">{t('org.department')}</label>
          <select id="org-dept" value={department} onChange={(e) => update({ dept: e.target.value })}>
            <option value="">{t('filter.allDepartments')}</option>
            {(query.data?.departments ?? (department ? [department] : [])).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-year">{t('org.membershipYear')}</label>
          <select id="org-year" value={year} onChange={(e) => update({ annee: Number(e.target.value) === currentYear ? undefined : e.target.value })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-status">{t('org.membershipStatus')}</label>
          <select id="org-status" value={status ?? ''} onChange={(e) => update({ statut: e.target.value })}>
            <option value="">{t('filter.all')}</option>
            {MEMBERSHIP_STATUS_FILTERS.map((s: Status) => (
              <option key={s} value={s}>
                {t(`statusFilter.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-check">
          <input id="org-archived" type="checkbox" checked={includeArchived} onChange={(e) => update({ archives: e.target.checked ? '1' : undefined })} />
          <label htmlFor="org-archived">{t('org.showArchived')}</label>
        </div>
      </form>

      <ErrorBanner error={query.error} />
      <p className="list-count" aria-live="polite">
        {query.data ? t('org.count', { count: number(query.data.total) }) : ''}
      </p>

      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('org.emptyFiltered')}>
            <button type="button" className="btn btn-secondary" onClick={clearFilters}>
              {t('filter.clear')}
            </button>
          </EmptyState>
        ) : (
          <EmptyState title={t('org.empty')}>
            <p>{t('org.emptyHint')}</p>
          </EmptyState>
        )
      ) : null}

      {items.length > 0 ? (
        <PagedTable
          caption={t('org.tableCaption', { year })}
          columns={columns}
          rows={items}
          rowKey={(o) => o.id}
          total={query.data?.total ?? 0}
          offset={offset}
          onOffset={setOffset}
          onRowClick={(o) => navigate(`/structures/${o.id}`)}
        />
      ) : null}
    </>
  );
}
