import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { DURATION_PROBLEM_KEYS, parseDuration } from '../../../shared/features/time/duration';
import { NATURES, type Nature } from '../../../shared/features/time/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { todayIso } from '../../i18n/format';

/**
 * From a held meeting, one action: an entry per person present, in their organisation, for the
 * meeting's duration plus travel. Doing it again only adds those not yet counted.
 */
export function FromMeetingDialog({ onClose, onDone }: { onClose: () => void; onDone: (meetingId: number, message: string) => void }) {
  const { t, tKey, date } = useI18n();
  const meetings = useQuery('meetings.list', {});
  const today = todayIso();
  const held = (meetings.data?.items ?? []).filter((m) => m.date <= today && m.startTime && m.endTime).sort((a, b) => b.date.localeCompare(a.date));
  const [meetingId, setMeetingId] = useState('');
  const [travel, setTravel] = useState('');
  const [nature, setNature] = useState<Nature>('secondment');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const travelReading = travel.trim() ? parseDuration(travel) : null;
  const travelProblem = travelReading && !travelReading.ok ? tKey(DURATION_PROBLEM_KEYS[travelReading.problem]) : null;

  const submit = async () => {
    if (!meetingId || travelProblem) return;
    setError(null);
    setBusy(true);
    try {
      const result = await api.call('time.fromMeeting', { meetingId: Number(meetingId), travelMinutes: travelReading?.ok ? travelReading.minutes : 0, nature });
      const parts = [t('time.ui.fromMeeting.created', { created: result.created, already: result.alreadyCounted })];
      if (result.withoutOrganisation.length) parts.push(t('time.ui.fromMeeting.withoutOrganisation', { names: result.withoutOrganisation.join(', ') }));
      for (const w of result.warnings) parts.push(tKey(w.key, w.params));
      onDone(Number(meetingId), parts.join(' '));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('time.ui.fromMeeting.title')} onClose={onClose}>
      <form
        className="form"
        aria-label={t('time.ui.fromMeeting.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{t('time.ui.fromMeeting.explain')}</p>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <div className="field field-wide">
            <label htmlFor="from-meeting">{t('time.ui.fromMeeting.meeting')}</label>
            <select id="from-meeting" value={meetingId} onChange={(e) => setMeetingId(e.target.value)} required>
              <option value="">{t('time.ui.choose')}</option>
              {held.map((m) => (
                <option key={m.id} value={m.id}>
                  {date(m.date)} — {m.title}
                </option>
              ))}
            </select>
            {meetings.data && held.length === 0 ? <p className="field-hint">{t('time.ui.fromMeeting.none')}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="from-meeting-travel">{t('time.ui.fromMeeting.travel')}</label>
            <input
              id="from-meeting-travel"
              type="text"
              inputMode="decimal"
              value={travel}
              onChange={(e) => setTravel(e.target.value)}
              aria-invalid={travelProblem ? true : undefined}
              aria-describedby="from-meeting-travel-note"
            />
            <p className={travelProblem ? 'field-error' : 'field-hint'} id="from-meeting-travel-note">
              {travelProblem ?? t('time.ui.fromMeeting.travelHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="from-meeting-nature">{t('time.ui.field.nature')}</label>
            <select id="from-meeting-nature" value={nature} onChange={(e) => setNature(e.target.value as Nature)}>
              {NATURES.map((n) => (
                <option key={n} value={n}>
                  {t(`time.nature.${n}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !meetingId || Boolean(travelProblem)}>
            {t('time.ui.fromMeeting.submit')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('time.ui.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
