import { useEffect, useId, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { MailPreview, MailRequestInput, SendSummary } from '../../../shared/features/mail/schemas';
import { api, toApiError } from '../../api/client';
import { Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMoment } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import './mail.css';

/**
 * Preview then send: the message as the first person receives it, its attachments, and every
 * recipient with what will happen to them (will receive, already received, left out and why).
 * Nothing leaves before the button; the summary then says who did not get it.
 */
export function SendMailDialog({ request, title, onClose, onSent }: { request: MailRequestInput; title: string; onClose: () => void; onSent?: (summary: SendSummary) => void }) {
  const { t, language } = useI18n();
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const [resend, setResend] = useState(false);
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<SendSummary | null>(null);
  const resendId = useId();
  const formatId = useId();
  const effective: MailRequestInput = request.kind === 'notice' ? { ...request, format } : request;
  const key = JSON.stringify(effective);

  useEffect(() => {
    let live = true;
    // After a send the old preview stays on screen until the new one (who has it now) arrives.
    setError(null);
    api
      .call('mail.preview', JSON.parse(key) as MailRequestInput)
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
  }, [key, summary]);

  const count = preview ? preview.recipients.filter((r) => r.state === 'send' || (resend && r.state === 'already')).length : 0;
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('mail.send', { request: effective, resend });
      setSummary(result);
      setResend(false);
      onSent?.(result);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('mail.send.title', { what: title })} onClose={onClose} size="large">
      <ErrorBanner error={error} />
      {summary ? <Summary summary={summary} /> : null}
      {request.kind === 'notice' && !summary ? (
        <div className="field">
          <label htmlFor={formatId}>{t('mail.send.format')}</label>
          <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as 'docx' | 'pdf')}>
            <option value="docx">{t('mail.send.formatDocx')}</option>
            <option value="pdf">{t('mail.send.formatPdf')}</option>
          </select>
        </div>
      ) : null}
      {!preview && !error ? <p className="muted">{t('mail.send.loading')}</p> : null}
      {preview ? (
        <div className="mail-preview">
          <dl className="details">
            <div>
              <dt>{t('mail.send.subject')}</dt>
              <dd data-testid="mail-subject">{preview.subject}</dd>
            </div>
            <div>
              <dt>{t('mail.send.attachments')}</dt>
              <dd>{preview.attachments.length ? preview.attachments.map((a) => a.name).join(', ') : t('mail.send.noAttachment')}</dd>
            </div>
          </dl>
          <h3>{t('mail.send.message')}</h3>
          <pre className="mail-body">{preview.body}</pre>
          <p className="muted">{preview.transport.kind === 'smtp' ? t('mail.send.via', { host: preview.transport.host, port: preview.transport.port }) : t('mail.send.viaEml', { dir: preview.transport.dir })}</p>
          <h3>{t('mail.send.recipients')}</h3>
          <p>
            {t('mail.send.recipientsSummary', { send: preview.recipients.filter((r) => r.state === 'send').length })}
            {preview.recipients.some((r) => r.state === 'already') ? ` — ${t('mail.send.already', { count: preview.recipients.filter((r) => r.state === 'already').length })}` : ''}
            {preview.recipients.some((r) => r.state === 'excluded') ? ` — ${t('mail.send.excludedCount', { count: preview.recipients.filter((r) => r.state === 'excluded').length })}` : ''}
          </p>
          <div className="table-wrap mail-recipients">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('mail.send.name')}</th>
                  <th scope="col">{t('mail.send.email')}</th>
                  <th scope="col">{t('mail.send.state')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.recipients.map((r, i) => (
                  <tr key={`${r.personId ?? 'o'}-${r.organisationId ?? ''}-${i}`} className={r.state === 'excluded' ? 'mail-excluded' : undefined}>
                    <td>
                      {r.name}
                      {r.organisationName && r.organisationName !== r.name ? <span className="muted"> — {r.organisationName}</span> : null}
                      {r.voting ? <span className="badge badge-info">{t('mail.send.voting')}</span> : null}
                    </td>
                    <td>{r.email ?? '—'}</td>
                    <td>
                      {r.state === 'send' ? t('mail.send.state.send') : null}
                      {r.state === 'already' ? t('mail.send.state.already', { date: formatMoment(r.lastSentAt!, language) }) : null}
                      {r.state === 'excluded' ? t(`mail.send.reason.${r.reason!}`) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.recipients.some((r) => r.state === 'already') ? (
            <p className="checkbox-line">
              <input id={resendId} type="checkbox" checked={resend} onChange={(e) => setResend(e.target.checked)} />
              <label htmlFor={resendId}>{t('mail.send.resend')}</label>
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => void send()} disabled={!preview || busy || count === 0}>
          {busy ? t('mail.send.sending') : t('mail.send.confirm', { count })}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose} autoFocus>
          {t('action.close')}
        </button>
      </div>
    </Modal>
  );
}

function Summary({ summary }: { summary: SendSummary }) {
  const { t } = useI18n();
  const missed = [
    ...summary.refused.map((m) => t('mail.send.refusedLine', m)),
    ...summary.failed.map((m) => t('mail.send.failedLine', m)),
    ...summary.remaining.map((m) => t('mail.send.remainingLine', m)),
    ...summary.excluded.map((m) => t('mail.send.excludedLine', { name: m.name, reason: t(`mail.send.reason.${m.reason}`) })),
  ];
  return (
    <div className={`banner ${summary.interrupted || summary.refused.length ? 'banner-warn' : 'banner-success'}`} role="status">
      <p>{t('mail.send.done', { sent: summary.sent, written: summary.written, skipped: summary.skipped })}</p>
      {summary.emlDir && summary.written > 0 ? <p>{t('mail.send.emlDir', { dir: summary.emlDir })}</p> : null}
      {summary.interrupted ? <p>{t('mail.send.interrupted')}</p> : null}
      {missed.length ? (
        <>
          <p>{t('mail.send.notReceived')}</p>
          <ul>
            {missed.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
