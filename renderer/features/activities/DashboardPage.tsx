import { useState } from 'react';
import { Link } from '../../app/routing';
import type { ActivityKind } from '../../../shared/features/activities/schemas';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { RecordsDialog } from './common';

/** The report figure behind each count of the dashboard; "other" has none, its count opens the list. */
const METRIC_OF_KIND: Partial<Record<ActivityKind, string>> = {
  awareness: 'awareness_actions',
  outreach: 'outreach_events',
  visit: 'visits',
  conference: 'conferences',
  support: 'support_sessions',
  communication: 'communication_tools',
};

/** The home page: this year's activity and what needs doing (late actions, reports due, missing figures, fees). */
export function DashboardPage() {
  const { t, tKey, date, money, number } = useI18n();
  const { data, error } = useQuery('dashboard.get', {});
  const [records, setRecords] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('activity.ui.home')} />
      <ErrorBanner error={error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          {data.setup.organisations === 0 ? <FirstSteps settingsSaved={data.setup.settingsSaved} /> : null}
          <Section title={t('activity.ui.thisYear', { year: data.year })} id="dash-activity">
            <dl className="summary dashboard-counts" aria-label={t('activity.ui.thisYear', { year: data.year })}>
              {data.activityCounts.map((c) => {
                const metric = METRIC_OF_KIND[c.kind];
                const label = t('activity.ui.openRecords', { figure: tKey(`activity.kindShort.${c.kind}`) });
                return (
                  <div key={c.kind} data-kind={c.kind}>
                    <dt>{tKey(`activity.kindShort.${c.kind}`)}</dt>
                    <dd>
                      {metric ? (
                        <button type="button" className="link-button" aria-label={`${number(c.count)} — ${label}`} onClick={() => setRecords(metric)}>
                          {number(c.count)}
                        </button>
                      ) : (
                        <Link to={`/activites?kind=${c.kind}&year=${data.year}`} aria-label={`${number(c.count)} — ${label}`}>
                          {number(c.count)}
                        </Link>
                      )}
                    </dd>
                  </div>
                );
              })}
              <div data-kind="meeting_days">
                <dt>{t('activity.ui.meetingDays')}</dt>
                <dd>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${number(data.meetingDays)} — ${t('activity.ui.openRecords', { figure: t('activity.ui.meetingDays') })}`}
                    onClick={() => setRecords('meeting_days')}
                  >
                    {number(data.meetingDays)}
                  </button>
                </dd>
              </div>
            </dl>
            <p>
              <Link to={`/activites?year=${data.year}`}>{t('activity.ui.allActivities', { year: data.year })}</Link>
            </p>
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
                    {date(d.dueDate)} — <Link to={`/financements#grant-${d.grantId}`}>{d.label}</Link> ({d.funderName}, {d.programme})
                    {d.overdue ? ` — ${t('activity.ui.late')}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('activity.ui.missingReturns', { year: data.missingReturns.year })} id="dash-returns">
            {data.missingReturns.organisations.length === 0 && data.setup.organisations > 0 && data.setup.memberships === 0 ? (
              <p className="muted">{t('edit.home.noReturnsExpected')}</p>
            ) : null}
            {data.missingReturns.organisations.length === 0 ? (
              <p className="muted">{data.setup.organisations === 0 ? t('edit.home.noMembersYet') : t('activity.ui.noMissing')}</p>
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
              <p className="muted">{data.setup.memberships === 0 ? t('edit.home.noMembershipYet', { year: data.unpaidFees.year }) : t('activity.ui.noUnpaid')}</p>
            ) : (
              <ul>
                {data.unpaidFees.items.map((f) => (
                  <li key={f.organisationId}>
                    <Link to={`/structures/${f.organisationId}`}>{f.name}</Link> — {money(f.outstandingCents)}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
      {records && data ? <RecordsDialog metric={records} from={`${data.year}-01-01`} to={`${data.year}-12-31`} onClose={() => setRecords(null)} /> : null}
    </>
  );
}

/** An empty base: say what to do first instead of reassuring about nothing. */
function FirstSteps({ settingsSaved }: { settingsSaved: boolean }) {
  const { t } = useI18n();
  const steps = [
    { key: 'settings', done: settingsSaved, to: '/reglages', title: t('edit.home.step.settings'), text: t('edit.home.step.settingsText') },
    { key: 'structures', done: false, to: '/structures/nouvelle', title: t('edit.home.step.structures'), text: t('edit.home.step.structuresText') },
    { key: 'import', done: false, to: '/donnees/import', title: t('edit.home.step.import'), text: t('edit.home.step.importText') },
  ];
  return (
    <Section title={t('edit.home.firstSteps')} id="dash-first-steps">
      <p className="section-intro">{t('edit.home.firstStepsIntro')}</p>
      <ol className="first-steps">
        {steps.map((s) => (
          <li key={s.key} className={s.done ? 'first-step-done' : undefined}>
            <Link to={s.to}>{s.title}</Link>
            {s.done ? <span className="muted"> — {t('edit.home.step.done')}</span> : null}
            <p className="muted">{s.text}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}
