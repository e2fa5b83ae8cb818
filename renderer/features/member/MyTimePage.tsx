import { formatDuration } from '../../../shared/features/time/duration';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { todayIso } from '../../i18n/format';
import { GridPage } from '../time/GridPage';
import { MemberOrganisationPicker, useMemberOrganisation } from './common';

/** « Mon temps »: the organisation's month grid (its staff), its pledge and what remains, what was refused and why, its requests. */
export function MyTimePage() {
  const { t, date } = useI18n();
  const { organisationId, picker } = useMemberOrganisation();
  const pledges = useQuery('time.pledges.list', organisationId ? { organisationId } : null);
  const review = useQuery('time.validation.list', organisationId ? { organisationId } : null);
  const today = todayIso();
  const pledge = pledges.data?.items.find((p) => p.from <= today && today <= p.to);
  const refused = review.data?.lines.filter((l) => l.status === 'refused') ?? [];
  return (
    <>
      <PageHeader title={t('member14.myTime.title')} subtitle={t('member14.myTime.subtitle')} />
      {picker ? <MemberOrganisationPicker organisationId={organisationId} /> : null}
      {organisationId === null ? (
        <EmptyState title={t('member14.myTime.noOrganisation')} />
      ) : (
        <>
          <p className="member-pledge" data-testid="member-pledge">
            {pledge
              ? t('member14.myTime.pledge', {
                  from: date(pledge.from),
                  to: date(pledge.to),
                  pledged: formatDuration(pledge.pledgedMinutes),
                  given: formatDuration(pledge.givenMinutes),
                  pending: formatDuration(pledge.pendingMinutes),
                  remaining: formatDuration(pledge.remainingMinutes),
                })
              : pledges.data
                ? t('member14.myTime.noPledge')
                : ''}
          </p>
          <GridPage key={organisationId} fixedOrganisationId={organisationId} />
          <ErrorBanner error={review.error} />
          {review.loading && !review.data ? <Loading /> : null}
          {refused.length ? (
            <Section title={t('member14.myTime.refusedHeading')} id="member-refused">
              <ul className="member-list">
                {refused.map((l) => (
                  <li key={l.id}>
                    {t('member14.myTime.refusedLine', {
                      date: date(l.date),
                      person: l.personName ?? '—',
                      category: l.categoryName,
                      duration: formatDuration(l.minutes),
                      reason: l.reviewReason ?? '',
                    })}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {review.data?.requests.length ? (
            <Section title={t('member14.myTime.requestsHeading')} id="member-requests">
              <ul className="member-list">
                {review.data.requests.map((r) => (
                  <li key={r.id}>
                    <strong>{date(r.requestedAt.slice(0, 10))}</strong> — {r.reason} — {t(`member14.request.status.${r.status}`)}
                    {r.status === 'refused' && r.decisionReason ? ` (${t('member14.request.refusedBecause', { reason: r.decisionReason })})` : ''}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      )}
    </>
  );
}
