import { useI18n } from '../i18n/I18nProvider';

interface SortHeaderProps<S extends string> {
  column: S;
  label: string;
  sort: S;
  direction: 'asc' | 'desc';
  onSort: (column: S, direction: 'asc' | 'desc') => void;
  className?: string;
}

/** A column header that sorts: a button inside the <th>, the state in aria-sort. */
export function SortHeader<S extends string>({ column, label, sort, direction, onSort, className }: SortHeaderProps<S>) {
  const { t } = useI18n();
  const active = sort === column;
  const ariaSort = active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(column, active && direction === 'asc' ? 'desc' : 'asc')}
        title={t('table.sortBy', { column: label })}
      >
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
