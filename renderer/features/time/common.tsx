import { useMemo } from 'react';
import { NavLink, Outlet } from '../../app/routing';
import { formatDuration } from '../../../shared/features/time/duration';
import type { EntryFilter } from '../../../shared/features/time/schemas';
import type { MessageKey } from '../../../shared/i18n/index';
import { useQuery } from '../../api/useQuery';
import { useI18n } from '../../i18n/I18nProvider';
import './time.css';
import { todayIso } from '../../i18n/format';
import { formatDate } from '../../../shared/format/fr';

/** What the pages of the Temps section share: the sub-navigation, pickers, formats, filters in the URL. */

const TABS: readonly { to: string; key: MessageKey }[] = [
  { to: '/temps/grille', key: 'time.ui.tab.grid' },
  { to: '/temps/saisies', key: 'time.ui.tab.entries' },
  { to: '/temps/bilans', key: 'time.ui.tab.summary' },
  { to: '/temps/engagements', key: 'time.ui.tab.pledges' },
  { to: '/temps/attestations', key: 'time.ui.tab.certificates' },
  { to: '/temps/tarifs', key: 'time.ui.tab.rates' },
  { to: '/temps/categories', key: 'time.ui.tab.categories' },
  { to: '/temps/periodes', key: 'time.ui.tab.periods' },
];

export function TimeLayout() {
  const { t } = useI18n();
  return (
    <>
      <nav className="time-tabs" aria-label={t('time.ui.tabsLabel')}>
        <ul>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to}>{t(tab.key)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function useTimeFormat() {
  const { number, money, language } = useI18n();
  return {
    /** Exact to the minute: "12 h 30". */
    duration: (minutes: number) => formatDuration(minutes),
    hours: (minutes: number) => number(Math.round((minutes / 60) * 100) / 100),
    etp: (value: number) => number(value, 2),
    money: (cents: number) => money(cents),
    /** Always with cents, as accounts print them. */
    euros: (cents: number) => new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(cents / 100),
    /** "01/01/2026", for ranges in tables. */
    shortDate: (iso: string) => formatDate(iso, language, 'short'),
    percent: (ratio: number) => new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
  };
}

/** Organisations for pickers: members first, then partners and others, each in French order. */
export function useOrganisationOptions() {
  const query = useQuery('organisations.list', {});
  // Sorted once per answer, with one collator: sorting on every render froze pickers at national scale.
  return useMemo(() => {
    const order = { member: 0, partner: 1, other: 2 } as const;
    return [...(query.data?.items ?? [])].sort((a, b) => order[a.kind] - order[b.kind] || FRENCH.compare(a.name, b.name));
  }, [query.data]);
}

const FRENCH = new Intl.Collator('fr');

export function useCategories(includeInactive = false) {
  return useQuery('time.categories.list', includeInactive ? { includeInactive: true } : {});
}

const FILTER_PARAMS = {
  from: 'du',
  to: 'au',
  organisationId: 'structure',
  personId: 'personne',
  withoutPerson: 'sans-personne',
  categoryId: 'categorie',
  nature: 'nature',
  meetingId: 'reunion',
} as const;

/** A filter as the query string of the entries page (the drill-down behind every total). */
export function filterToSearch(filter: EntryFilter): string {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(FILTER_PARAMS)) {
    const value = filter[key as keyof EntryFilter];
    if (value === undefined || value === null || value === false) continue;
    params.set(name, value === true ? '1' : String(value));
  }
  return params.toString();
}

export function searchToFilter(params: URLSearchParams): EntryFilter {
  const id = (name: string) => {
    const n = Number(params.get(name));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const date = (name: string) => {
    const v = params.get(name);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  const nature = params.get(FILTER_PARAMS.nature);
  return {
    from: date(FILTER_PARAMS.from),
    to: date(FILTER_PARAMS.to),
    organisationId: id(FILTER_PARAMS.organisationId),
    personId: id(FILTER_PARAMS.personId),
    withoutPerson: params.get(FILTER_PARAMS.withoutPerson) === '1' || undefined,
    categoryId: id(FILTER_PARAMS.categoryId),
    nature: nature === 'secondment' || nature === 'volunteering' ? nature : undefined,
    meetingId: id(FILTER_PARAMS.meetingId),
  };
}

/** Edit and delete buttons of a table row, each naming what it acts on. */
export function RowActions({ onEdit, onDelete, editLabel, deleteLabel }: { onEdit: () => void; onDelete: () => void; editLabel: string; deleteLabel: string }) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" className="btn btn-secondary btn-small" onClick={onEdit} aria-label={editLabel}>
        {t('time.ui.edit')}
      </button>{' '}
      <button type="button" className="btn btn-danger-quiet btn-small" onClick={onDelete} aria-label={deleteLabel}>
        {t('time.ui.delete')}
      </button>
    </>
  );
}

/** Save and cancel at the foot of a dialog's form. */
export function DialogActions({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('time.ui.save')}
      </button>
      <button type="button" className="btn btn-secondary" onClick={onCancel}>
        {t('time.ui.cancel')}
      </button>
    </div>
  );
}

/** A progress bar the screen reader reads as "42 % — 120 h of 300 h". */
export function Progress({ value, label }: { value: number; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="time-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={label}>
      <div className={`time-progress-bar${value >= 1 ? ' done' : ''}`} style={{ width: `${percent}%` }} />
    </div>
  );
}

/** This month (`YYYY-MM`) where the user is. */
export function currentMonth(now?: Date): string {
  return todayIso(now).slice(0, 7);
}
