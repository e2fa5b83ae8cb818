import { Fragment, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { PAGE_SIZE } from '../../shared/api/paging';
import { useI18n } from '../i18n/I18nProvider';
import './paged-table.css';

export interface Column<T> {
  /** The header's text, in a plain <th>… */
  header?: ReactNode;
  /** …or a whole <th> (a SortHeader). */
  head?: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
  /** The cell that names the row (<th scope="row">). */
  rowHeader?: boolean;
}

interface PagedTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** Rows in all pages, as the server counted them. */
  total: number;
  offset: number;
  limit?: number;
  onOffset: (offset: number) => void;
  onRowClick?: (row: T) => void;
  /** Rows of one group (a series of meetings…) under a heading row, in the order given. */
  group?: { of: (row: T) => string; label: (key: string) => ReactNode };
  /** Tighter rows, for long ledgers (time entries). */
  compact?: boolean;
  /** A class for some rows (overdue actions). */
  rowClassName?: (row: T) => string | undefined;
}

/**
 * The one table of every list screen: one page of rows from the server (never thousands in the
 * page), the range shown and buttons to move between pages. Lists compose it with their columns.
 */
export function PagedTable<T>({ caption, columns, rows, rowKey, total, offset, limit = PAGE_SIZE, onOffset, onRowClick, group, compact, rowClassName }: PagedTableProps<T>) {
  let previousGroup: string | null = null;
  return (
    <>
      <div className="table-wrap">
        <table className={compact ? 'table table-compact' : 'table'}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c, i) =>
                c.head ? (
                  <Fragment key={i}>{c.head}</Fragment>
                ) : (
                  <th key={i} scope="col" className={c.className}>
                    {c.header}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const groupKey = group?.of(row) ?? null;
              const heading =
                group && groupKey !== previousGroup ? (
                  <tr className="group-row">
                    <th scope="rowgroup" colSpan={columns.length}>
                      {group.label(groupKey!)}
                    </th>
                  </tr>
                ) : null;
              previousGroup = groupKey;
              return (
                <Fragment key={rowKey(row)}>
                  {heading}
                  <tr
                    className={[onRowClick ? 'row-link' : '', rowClassName?.(row) ?? ''].filter(Boolean).join(' ') || undefined}
                    onClick={
                      onRowClick
                        ? (e) => {
                            if ((e.target as HTMLElement).closest('a, button, input, select')) return;
                            onRowClick(row);
                          }
                        : undefined
                    }
                  >
                    {columns.map((c, i) =>
                      c.rowHeader ? (
                        <th key={i} scope="row" className={c.className}>
                          {c.cell(row)}
                        </th>
                      ) : (
                        <td key={i} className={c.className}>
                          {c.cell(row)}
                        </td>
                      ),
                    )}
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager total={total} offset={offset} limit={limit} onOffset={onOffset} />
    </>
  );
}

/** « 101–200 sur 5 000 » and the buttons to the first, previous, next and last pages. */
export function Pager({ total, offset, limit, onOffset }: { total: number; offset: number; limit: number; onOffset: (offset: number) => void }) {
  const { t, number } = useI18n();
  if (total <= limit && offset === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const go = (p: number) => {
    onOffset((Math.min(Math.max(p, 1), pages) - 1) * limit);
    document.getElementById('contenu')?.scrollTo?.({ top: 0 });
  };
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <span className="pager-range" aria-live="polite">
        {t('pager.range', { from: number(Math.min(offset + 1, total)), to: number(Math.min(offset + limit, total)), total: number(total) })}
      </span>
      <button type="button" className="btn btn-secondary" onClick={() => go(1)} disabled={page <= 1} aria-label={t('pager.first')} title={t('pager.first')}>
        «
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => go(page - 1)} disabled={page <= 1}>
        ‹ {t('pager.previous')}
      </button>
      <span className="pager-page">{t('pager.page', { page: number(page), pages: number(pages) })}</span>
      <button type="button" className="btn btn-secondary" onClick={() => go(page + 1)} disabled={page >= pages}>
        {t('pager.next')} ›
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => go(pages)} disabled={page >= pages} aria-label={t('pager.last')} title={t('pager.last')}>
        »
      </button>
    </nav>
  );
}

/**
 * The offset of a paged list, back to the first page whenever the filters change (compared by
 * value), without an extra render or request for the stale page.
 */
export function usePageOffset(filters: unknown): [number, (offset: number) => void] {
  const key = JSON.stringify(filters);
  const [state, setState] = useState({ key, offset: 0 });
  const latestKey = useRef(key);
  useEffect(() => {
    latestKey.current = key;
  }, [key]);
  // Stable, so that a memoised table does not render again for nothing.
  const setOffset = useCallback((next: number) => setState({ key: latestKey.current, offset: next }), []);
  return [state.key === key ? state.offset : 0, setOffset];
}
