import { useMemo } from 'react';
import { Link, useSearchParams } from '../../app/routing';
import { PAGE_SIZE } from '../../../shared/api/paging';
import type { OpenAction } from '../../../shared/features/meetings/schemas';
import { useQuery } from '../../api/useQuery';
import { RecordPicker } from '../../components/RecordPicker';
import { PagedTable, usePageOffset, type Column } from '../../components/PagedTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { MeetingsSubnav } from './common';

/** Every action still open across meetings: overdue first, then by due date; filter by owner. */
export function OpenActionsPage() {
  const { t, date, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const owner = params.get('responsable') ?? '';
  const [offset, setOffset] = usePageOffset(owner);
  // One page from the server, filtered and counted there: thousands of open actions at national scale.
  const query = useQuery('meetings.openActions', { ...(owner ? { ownerLabel: owner } : {}), offset, limit: PAGE_SIZE });
  const items = query.data?.items ?? [];
  const owners = query.data?.owners ?? (owner ? [owner] : []);
  // Owners are people and organisations, named as the minutes name them: the picker searches the
  // list the server gives (the owners of open actions only, a short list), accents ignored.
  const ownerOptions = useMemo(() => owners.map((label, i) => ({ id: i + 1, label })), [owners]);
  const ownerIndex = owner ? owners.indexOf(owner) : -1;
  const total = query.data?.total ?? 0;
  const overdue = query.data?.overdue ?? 0;
  const columns: Column<OpenAction>[] = [
    { header: t('meetings.ui.openActions.action'), rowHeader: true, cell: (a) => a.text },
    { header: t('meetings.ui.openActions.owner'), cell: (a) => a.ownerLabel },
    {
      header: t('meetings.ui.openActions.due'),
      className: 'nowrap',
      cell: (a) => (
        <>
          {a.currentDueDate ? date(a.currentDueDate) : <span className="muted">{t('meetings.ui.noDueDate')}</span>}
          {a.overdue ? (
            <>
              {' '}
              <Badge tone="danger">{t('meetings.ui.overdue')}</Badge>
            </>
          ) : null}
          {a.carriedOver ? <span className="muted"> · {t('meetings.ui.openActions.carried', { count: a.carriedOver })}</span> : null}
        </>
      ),
    },
    {
      header: t('meetings.ui.openActions.decidedAt'),
      cell: (a) => (
        <>
          <Link to={`/reunions/${a.meetingId}?onglet=compte-rendu`}>{a.meetingTitle}</Link>
          <br />
          <span className="muted">
            {t(`meetings.kind.${a.meetingKind}`)} — {date(a.meetingDate)}
          </span>
        </>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('meetings.ui.openActions.title')} />
      <MeetingsSubnav current="actions" />
      <form className="filters" aria-label={t('meetings.ui.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="actions-owner">{t('meetings.ui.openActions.owner')}</label>
          <RecordPicker
            id="actions-owner"
            source={ownerOptions}
            emptyLabel={t('filter.all')}
            value={ownerIndex >= 0 ? ownerIndex + 1 : null}
            onChange={(id) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  const label = id === null ? undefined : owners[id - 1];
                  if (label) next.set('responsable', label);
                  else next.delete('responsable');
                  return next;
                },
                { replace: true },
              )
            }
          />
        </div>
      </form>
      <ErrorBanner error={query.error} />
      <p className="list-count" aria-live="polite">
        {query.data ? t('meetings.ui.openActions.count', { count: number(total), overdue: number(overdue) }) : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && total === 0 ? <EmptyState title={t('meetings.ui.openActions.empty')} /> : null}
      {items.length ? (
        <PagedTable
          caption={t('meetings.ui.openActions.title')}
          columns={columns}
          rows={items}
          rowKey={(a) => a.id}
          total={total}
          offset={offset}
          onOffset={setOffset}
          rowClassName={(a) => (a.overdue ? 'row-overdue' : undefined)}
        />
      ) : null}
    </>
  );
}
