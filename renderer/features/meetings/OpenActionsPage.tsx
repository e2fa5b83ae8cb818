import { Link, useSearchParams } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { MeetingsSubnav } from './common';

/** Every action still open across meetings: overdue first, then by due date; filter by owner. */
export function OpenActionsPage() {
  const { t, date, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const owner = params.get('responsable') ?? '';
  const query = useQuery('meetings.openActions', {});
  const all = query.data?.items ?? [];
  const owners = [...new Map(all.map((a) => [a.ownerLabel, a.ownerLabel])).keys()].sort((a, b) => a.localeCompare(b, 'fr'));
  const items = owner ? all.filter((a) => a.ownerLabel === owner) : all;
  const overdue = items.filter((a) => a.overdue).length;
  return (
    <>
      <PageHeader title={t('meetings.ui.openActions.title')} />
      <MeetingsSubnav current="actions" />
      <form className="filters" aria-label={t('meetings.ui.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="actions-owner">{t('meetings.ui.openActions.owner')}</label>
          <select
            id="actions-owner"
            value={owner}
            onChange={(e) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (e.target.value) next.set('responsable', e.target.value);
                  else next.delete('responsable');
                  return next;
                },
                { replace: true },
              )
            }
          >
            <option value="">{t('filter.all')}</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorBanner error={query.error} />
      <p className="list-count" aria-live="polite">
        {query.data ? t('meetings.ui.openActions.count', { count: number(items.length), overdue: number(overdue) }) : ''}
      </p>
      {query.loading && !query.data ? <Loading /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('meetings.ui.openActions.empty')} /> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('meetings.ui.openActions.action')}</th>
                <th scope="col">{t('meetings.ui.openActions.owner')}</th>
                <th scope="col">{t('meetings.ui.openActions.due')}</th>
                <th scope="col">{t('meetings.ui.openActions.decidedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} className={a.overdue ? 'row-overdue' : undefined}>
                  <th scope="row">{a.text}</th>
                  <td>{a.ownerLabel}</td>
                  <td className="nowrap">
                    {a.currentDueDate ? date(a.currentDueDate) : <span className="muted">{t('meetings.ui.noDueDate')}</span>}
                    {a.overdue ? (
                      <>
                        {' '}
                        <Badge tone="danger">{t('meetings.ui.overdue')}</Badge>
                      </>
                    ) : null}
                    {a.carriedOver ? <span className="muted"> · {t('meetings.ui.openActions.carried', { count: a.carriedOver })}</span> : null}
                  </td>
                  <td>
                    <Link to={`/reunions/${a.meetingId}?onglet=compte-rendu`}>{a.meetingTitle}</Link>
                    <br />
                    <span className="muted">
                      {t(`meetings.kind.${a.meetingKind}`)} — {date(a.meetingDate)}
                    </span>
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
