import { useState } from 'react';
import { useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { csvFileName, entriesToCsv } from '../../../shared/features/time/csv';
import { NATURES, type Entry, type EntryFilter, type TimeWarning } from '../../../shared/features/time/schemas';
import { api, toApiError } from '../../api/client';
import { saveText } from '../../api/save';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/Page';
import { PagedTable, usePageOffset, type Column } from '../../components/PagedTable';
import { PAGE_SIZE } from '../../../shared/api/paging';
import { useI18n } from '../../i18n/I18nProvider';
import { filterToSearch, RowActions, searchToFilter, useCategories, useTimeFormat } from './common';
import { RecordPicker } from '../../components/RecordPicker';
import { EntryDialog } from './EntryDialog';
import { FromMeetingDialog } from './FromMeetingDialog';
import { DateInput } from '../../components/DateInput';

/** Every entry behind a filter (the summaries' totals open this page), with the CSV of the whole list. */
/** The « without a person » choice of the person filter, beside the people themselves. */
const WITHOUT_PERSON = -2;

export function EntriesPage() {
  const { t, tKey, date, language, number } = useI18n();
  const f = useTimeFormat();
  const [params, setParams] = useSearchParams();
  const filter = searchToFilter(params);
  const [offset, setOffset] = usePageOffset(filter);
  const query = useQuery('time.entries.list', { ...filter, offset, limit: PAGE_SIZE });
  const categories = useCategories(true);
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [fromMeeting, setFromMeeting] = useState(false);
  const [deleting, setDeleting] = useState<Entry | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<TimeWarning[]>([]);

  const setFilter = (next: EntryFilter) => {
    setParams(new URLSearchParams(filterToSearch(next)), { replace: true });
  };
  const change = (key: keyof EntryFilter, value: string) => {
    const next: EntryFilter = { ...filter };
    const numeric = key === 'organisationId' || key === 'personId' || key === 'categoryId';
    (next as Record<string, unknown>)[key] = value === '' ? undefined : numeric ? Number(value) : value;
    if (key === 'personId') next.withoutPerson = value === 'none' ? true : undefined;
    if (key === 'personId' && value === 'none') next.personId = undefined;
    setFilter(next);
  };

  const exportCsv = async () => {
    setError(null);
    try {
      const all = await api.call('time.entries.list', { ...filter, limit: 500_000 });
      await saveText(csvFileName(filter.from, filter.to), entriesToCsv(all.items, language), 'text/csv;charset=utf-8');
    } catch (e) {
      setError(toApiError(e));
    }
  };

  const remove = async (entry: Entry) => {
    setError(null);
    try {
      await api.call('time.entries.delete', { id: entry.id, version: entry.version });
      setNotice(t('time.ui.entries.deleted'));
      query.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setDeleting(null);
    }
  };

  const items = query.data?.items ?? [];
  const totals = query.data?.totals;
  const columns: Column<Entry>[] = [
    { header: t('time.ui.field.date'), className: 'nowrap', cell: (e) => date(e.date) },
    { header: t('time.ui.field.organisation'), cell: (e) => e.organisationName },
    { header: t('time.ui.field.person'), cell: (e) => e.personName ?? <span className="muted">—</span> },
    { header: t('time.ui.field.category'), cell: (e) => e.categoryName },
    { header: t('time.ui.field.nature'), cell: (e) => t(`time.nature.${e.nature}`) },
    { header: t('time.ui.field.duration'), className: 'time-num', cell: (e) => f.duration(e.minutes) },
    { header: t('time.ui.field.rate'), className: 'time-num', cell: (e) => f.euros(e.hourlyRateCents) },
    { header: t('time.ui.field.value'), className: 'time-num', cell: (e) => f.euros(e.valueCents) },
    {
      header: t('time.ui.field.note'),
      className: 'clamp-2',
      cell: (e) => (
        <>
          {e.meetingId ? <Badge tone="info">{t('time.ui.entries.fromMeeting')}</Badge> : null}
          {e.status !== 'validated' ? <Badge tone={e.status === 'refused' ? 'danger' : 'warn'}>{t(`member14.status.${e.status}`)}</Badge> : null} {e.note}
          {e.status === 'refused' && e.reviewReason ? <div className="muted">{e.reviewReason}</div> : null}
        </>
      ),
    },
    {
      header: <span className="visually-hidden">{t('time.ui.actions')}</span>,
      className: 'actions-cell nowrap',
      cell: (e) =>
        e.locked ? (
          <Badge tone="neutral">{t('time.ui.entries.locked')}</Badge>
        ) : (
          <RowActions
            onEdit={() => setEditing(e)}
            onDelete={() => setDeleting(e)}
            editLabel={t('time.ui.entries.editOf', { date: date(e.date), who: e.personName ?? e.organisationName })}
            deleteLabel={t('time.ui.entries.deleteOf', { date: date(e.date), who: e.personName ?? e.organisationName })}
          />
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('time.ui.entries.title')}
        actions={
          <>
            <button type="button" className="btn btn-secondary" onClick={exportCsv} disabled={!totals?.count}>
              {t('time.ui.entries.exportCsv')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setFromMeeting(true)}>
              {t('time.ui.fromMeeting.open')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              {t('time.ui.entries.new')}
            </button>
          </>
        }
      />
      <form className="filters" role="search" aria-label={t('time.ui.entries.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="entries-from">{t('time.ui.field.from')}</label>
          <DateInput id="entries-from" value={filter.from ?? ''} onChange={(e) => change('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="entries-to">{t('time.ui.field.to')}</label>
          <DateInput id="entries-to" value={filter.to ?? ''} onChange={(e) => change('to', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="entries-organisation">{t('time.ui.field.organisation')}</label>
          <RecordPicker id="entries-organisation" source="organisations" value={filter.organisationId ?? null} emptyLabel={t('time.ui.all')} onChange={(id) => change('organisationId', id === null ? '' : String(id))} />
        </div>
        <div className="field">
          <label htmlFor="entries-person">{t('time.ui.field.person')}</label>
          <RecordPicker
            id="entries-person"
            source="people"
            value={filter.withoutPerson ? WITHOUT_PERSON : (filter.personId ?? null)}
            emptyLabel={t('time.ui.all')}
            extraOptions={[{ id: WITHOUT_PERSON, label: t('time.ui.grid.noPerson') }]}
            onChange={(id) => change('personId', id === null ? '' : id === WITHOUT_PERSON ? 'none' : String(id))}
          />
        </div>
        <div className="field">
          <label htmlFor="entries-category">{t('time.ui.field.category')}</label>
          <select id="entries-category" value={filter.categoryId ?? ''} onChange={(e) => change('categoryId', e.target.value)}>
            <option value="">{t('time.ui.all')}</option>
            {(categories.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entries-nature">{t('time.ui.field.nature')}</label>
          <select id="entries-nature" value={filter.nature ?? ''} onChange={(e) => change('nature', e.target.value)}>
            <option value="">{t('time.ui.all')}</option>
            {NATURES.map((n) => (
              <option key={n} value={n}>
                {t(`time.nature.${n}`)}
              </option>
            ))}
          </select>
        </div>
        {params.toString() ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setFilter({})}>
            {t('time.ui.clearFilters')}
          </button>
        ) : null}
      </form>

      <ErrorBanner error={error ?? query.error} />
      <SuccessBanner message={notice} />
      {warnings.length ? (
        <div className="banner time-banner-warn" role="status">
          {warnings.map((w, i) => (
            <p key={i}>{tKey(w.key, w.params)}</p>
          ))}
        </div>
      ) : null}

      {totals ? (
        <dl className="summary time-totals" aria-live="polite">
          <div>
            <dt>{t('time.ui.total.entries')}</dt>
            <dd data-testid="entries-count">{number(totals.count)}</dd>
          </div>
          <div>
            <dt>{t('time.ui.total.hours')}</dt>
            <dd data-testid="entries-hours">{f.duration(totals.minutes)}</dd>
          </div>
          <div>
            <dt>{t('time.ui.total.value')}</dt>
            <dd data-testid="entries-value">{f.euros(totals.valueCents)}</dd>
          </div>
        </dl>
      ) : null}

      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('time.ui.entries.empty')} /> : null}
      {items.length ? (
        <PagedTable
          caption={t('time.ui.entries.caption')}
          columns={columns}
          rows={items}
          rowKey={(e) => e.id}
          total={totals?.count ?? 0}
          offset={offset}
          onOffset={setOffset}
          compact
        />
      ) : null}

      {editing ? (
        <EntryDialog
          entry={editing === 'new' ? undefined : editing}
          defaults={editing === 'new' ? { organisationId: filter.organisationId ? String(filter.organisationId) : '', personId: filter.personId ? String(filter.personId) : '' } : undefined}
          onClose={() => setEditing(null)}
          onSaved={(w) => {
            setEditing(null);
            setWarnings(w);
            setNotice(t('time.ui.entries.saved'));
            query.reload();
          }}
        />
      ) : null}
      {fromMeeting ? (
        <FromMeetingDialog
          onClose={() => setFromMeeting(false)}
          onDone={(meetingId, message) => {
            setFromMeeting(false);
            setNotice(message);
            setFilter({ meetingId });
            query.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('time.ui.entries.deleteTitle')}
          message={<p>{t('time.ui.entries.deleteMessage', { date: date(deleting.date), duration: f.duration(deleting.minutes), who: deleting.personName ?? deleting.organisationName })}</p>}
          confirmLabel={t('time.ui.delete')}
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}
