import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

/** The home page: this year's activity and what needs doing (late actions, reports due, missing figures, fees). */
export function DashboardPage() {
  const { t, tKey, date, money, number } = useI18n();
  const { data, error } = useQuery('dashboard.get', {});
  return (
    <>
      <PageHeader title={t('activity.ui.home')} />
      <ErrorBanner error={error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          <Section title={t('activity.ui.thisYear', { year: data.year })} id="dash-activity">
            <dl className="summary dashboard-counts" aria-label={t('activity.ui.thisYear', { year: data.year })}>
              {data.activityCounts.map((c) => (
                <div key={c.kind} data-kind={c.kind}>
                  <dt>{tKey(`activity.kindShort.${c.kind}`)}</dt>
                  <dd>
                    <Link to={`/activites?kind=${c.kind}&year=${data.year}`}>{number(c.count)}</Link>
                  </dd>
                </div>
              ))}
              <div>
                <dt>{t('activity.ui.meetingDays')}</dt>
                <dd>{number(data.meetingDays)}</dd>
              </div>
            </dl>
          </Section>
          <Section title={t('activity.ui.overdue')} id="dash-overdue">
            {data.overdueActions.length === 0 ? (
              <p className="muted">{t('activity.ui.noOverdue')}</p>
            ) : (
              <ul>
                {data.overdueActions.map((a) => (
                  <li key={a.id}>
                    {a.text} — {a.owner} ({date(a.dueDate)}, {a.meetingTitle})
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('activity.ui.deadlines')} id="dash-deadlines">
            {data.reportDeadlines.length === 0 ? (
              <p className="muted">{t('activity.ui.noDeadlines')}</p>
            ) : (
              <ul>
                {data.reportDeadlines.map((d) => (
                  <li key={`${d.grantId}-${d.dueDate}-${d.label}`} className={d.overdue ? 'text-danger' : undefined}>
                    {date(d.dueDate)} — {d.label} ({d.funderName}, {d.programme})
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('activity.ui.missingReturns', { year: data.missingReturns.year })} id="dash-returns">
            {data.missingReturns.organisations.length === 0 ? (
              <p className="muted">{t('activity.ui.noMissing')}</p>
            ) : (
              <ul>
                {data.missingReturns.organisations.map((o) => (
                  <li key={o.id}>
                    <Link to={`/observatoire?year=${data.missingReturns.year}&organisation=${o.id}`}>{o.name}</Link>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('activity.ui.unpaid', { year: data.unpaidFees.year })} id="dash-fees">
            {data.unpaidFees.items.length === 0 ? (
              <p className="muted">{t('activity.ui.noUnpaid')}</p>
            ) : (
              <ul>
                {data.unpaidFees.items.map((f) => (
                  <li key={f.organisationId}>
                    {f.name} — {money(f.outstandingCents)}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </>
  );
}
