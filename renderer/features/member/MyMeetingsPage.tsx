import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { meetingFileName } from '../../../shared/documents/meetings/common';
import { buildMinutes } from '../../../shared/documents/meetings/minutes';
import { buildNotice } from '../../../shared/documents/meetings/notice';
import type { MemberMeeting } from '../../../shared/features/member/contract';
import type { MeetingKind } from '../../../shared/features/meetings/kinds';
import { api, toApiError } from '../../api/client';
import { saveDocument } from '../../api/save';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { MemberOrganisationPicker, useMemberOrganisation } from './common';

/** « Réunions »: the meetings the organisation was invited to; their notices, and their minutes once approved. */
export function MyMeetingsPage() {
  const { t, tKey, date } = useI18n();
  const { organisationId, picker } = useMemberOrganisation();
  const list = useQuery('member.meetings', organisationId ? { organisationId } : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (kind: 'notice' | 'minutes', m: MemberMeeting) => {
    setError(null);
    setBusy(true);
    try {
      const meeting = { kind: m.kind as MeetingKind, date: m.date };
      if (kind === 'notice') await saveDocument(meetingFileName('notice', meeting), buildNotice(await api.call('meetings.noticeData', { id: m.id })));
      else await saveDocument(meetingFileName('minutes', meeting), buildMinutes(await api.call('meetings.minutesData', { id: m.id })));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('member14.meetings.title')} subtitle={t('member14.meetings.subtitle')} />
      {picker ? <MemberOrganisationPicker organisationId={organisationId} /> : null}
      <ErrorBanner error={list.error ?? error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState title={t('member14.meetings.empty')} /> : null}
      {list.data?.items.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('time.ui.field.date')}</th>
                <th scope="col">{t('meetings.ui.title')}</th>
                <th scope="col">{t('member14.meetings.notice')}</th>
                <th scope="col">{t('member14.meetings.minutes')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{date(m.date)}</td>
                  <td>
                    {m.title}
                    <br />
                    <small>{tKey(`meetings.kind.${m.kind}`)}</small>
                  </td>
                  <td>
                    <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void download('notice', m)}>
                      {t('member14.meetings.notice')}
                    </button>
                  </td>
                  <td>
                    {m.minutesApproved ? (
                      <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void download('minutes', m)}>
                        {t('member14.meetings.minutes')}
                      </button>
                    ) : (
                      <span className="field-hint">{t('member14.meetings.minutesNotYet')}</span>
                    )}
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
