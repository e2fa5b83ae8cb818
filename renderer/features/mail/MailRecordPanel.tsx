import { useEffect } from 'react';
import type { MailStatus } from '../../../shared/features/mail/schemas';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Badge, Section } from '../../components/Page';
import { formatMoment } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

const TONE: Record<MailStatus, 'neutral' | 'ok' | 'warn' | 'danger' | 'info'> = { sending: 'info', sent: 'ok', written: 'info', refused: 'danger', failed: 'warn', bounced: 'danger' };

/** What was sent to (or about) a meeting, an organisation or a person: to whom, what, when, and what the server said. */
export function MailRecordPanel({ query, refresh = 0 }: { query: { meetingId: number } | { organisationId: number } | { personId: number }; refresh?: number }) {
  const { t, language } = useI18n();
  const records = useQuery('mail.records', query);
  const { reload } = records;
  // A batch just sent: read the record again.
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);
  const items = records.data?.items ?? [];
  return (
    <Section title={t('mail.record.title')} id="mail-record">
      <ErrorBanner error={records.error} />
      {records.data && items.length === 0 ? <p className="muted">{t('mail.record.none')}</p> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table" aria-label={t('mail.record.title')}>
            <thead>
              <tr>
                <th scope="col">{t('mail.record.when')}</th>
                <th scope="col">{t('mail.record.to')}</th>
                <th scope="col">{t('mail.record.what')}</th>
                <th scope="col">{t('mail.record.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>{formatMoment(r.sentAt ?? r.createdAt, language)}</td>
                  <td>
                    {r.recipientName}
                    <br />
                    <span className="muted">{r.recipientEmail}</span>
                  </td>
                  <td>
                    {r.subject}
                    {r.attachments.length ? (
                      <>
                        <br />
                        <span className="muted">{r.attachments.join(', ')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Badge tone={TONE[r.status]}>{t(`mail.status.${r.status}`)}</Badge>
                    {r.serverAnswer && r.status !== 'sent' && r.status !== 'written' ? <div className="muted">{r.serverAnswer}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
