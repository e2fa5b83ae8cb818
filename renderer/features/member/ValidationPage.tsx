import './member.css';
import { useState } from 'react';
import { useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { formatDuration } from '../../../shared/features/time/duration';
import type { OverviewLine, Reminder } from '../../../shared/features/time/validation';
import { formatMonth } from '../../../shared/format/fr';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { MonthInput } from '../../components/MonthInput';
import { useI18n } from '../../i18n/I18nProvider';
import { currentMonth } from '../time/common';

const duration = (minutes: number) => (minutes ? formatDuration(minutes) : '—');

/**
 * The secretariat's view of who has entered what: per organisation its month (entered, validated,
 * waiting, refused) and its observatory figures of the year; validate a month in one action or line
 * by line, answer the change requests, prepare a reminder.
 */
export function ValidationPage() {
  const { t, date, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('mois') ?? '') ? params.get('mois')! : currentMonth();
  const year = Number(params.get('annee')) || Number(month.slice(0, 4)) - 1;
  const detail = Number(params.get('structure')) || null;
  const set = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
  const overview = useQuery('time.validation.overview', { month, year });
  const requests = useQuery('time.validation.list', {});
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reminder, setReminder] = useState<Reminder | null>(null);
  // Bumped by every decision, so that the lines shown below are read again.
  const [revision, setRevision] = useState(0);

  const run = async (action: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      setNotice(await action());
      setRevision((r) => r + 1);
      overview.reload();
      requests.reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const validateMonth = (line: OverviewLine) =>
    run(async () => {
      const result = await api.call('time.validation.validateMonth', { organisationId: line.organisationId, month });
      return t('member14.validation.monthValidatedNotice', { organisation: line.organisationName, count: result.validated });
    });
  const remind = async (line: OverviewLine) => {
    setError(null);
    try {
      setReminder(await api.call('time.validation.reminder', { organisationId: line.organisationId, month }));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const detailLine = overview.data?.lines.find((l) => l.organisationId === detail);
  const openRequests = requests.data?.requests.filter((r) => r.status === 'pending') ?? [];

  return (
    <>
      <PageHeader title={t('member14.validation.title')} subtitle={t('member14.validation.subtitle')} />
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="validation-month">{t('member14.validation.month')}</label>
          <MonthInput id="validation-month" value={month} onChange={(e) => e.target.value && set({ mois: e.target.value, structure: null })} />
        </div>
        <div className="field">
          <label htmlFor="validation-year">{t('member14.validation.year')}</label>
          <input id="validation-year" type="number" className="input-short" value={year} onChange={(e) => Number(e.target.value) && set({ annee: e.target.value })} />
        </div>
      </form>
      <ErrorBanner error={overview.error ?? error} />
      <SuccessBanner message={notice} />
      {overview.loading && !overview.data ? <Loading /> : null}
      {overview.data && overview.data.lines.length === 0 ? <EmptyState title={t('member14.validation.nothing')} /> : null}
      {overview.data?.lines.length ? (
        <div className="table-wrap">
          <table className="table" aria-label={t('member14.validation.title')}>
            <caption className="visually-hidden">{formatMonth(month, language)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('member14.validation.organisation')}</th>
                <th scope="col" className="num">{t('member14.validation.entered')}</th>
                <th scope="col" className="num">{t('member14.validation.validated')}</th>
                <th scope="col" className="num">{t('member14.validation.pending')}</th>
                <th scope="col" className="num">{t('member14.validation.refused')}</th>
                <th scope="col">{t('member14.validation.figures', { year })}</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.data.lines.map((line) => (
                <tr key={line.organisationId} data-testid={`validation-row-${line.organisationId}`}>
                  <th scope="row">
                    {line.organisationName}{' '}
                    {line.monthValidated ? <Badge tone="ok">{t('member14.validation.monthDone')}</Badge> : line.enteredMinutes === 0 ? <Badge tone="warn">{t('member14.validation.nothing')}</Badge> : null}
                    {line.openRequests ? <Badge tone="info">{t('member14.grid.openRequests', { count: line.openRequests })}</Badge> : null}
                  </th>
                  <td className="num">{duration(line.enteredMinutes)}</td>
                  <td className="num">{duration(line.validatedMinutes)}</td>
                  <td className="num">{line.pendingMinutes ? <strong>{formatDuration(line.pendingMinutes)}</strong> : '—'}</td>
                  <td className="num">{duration(line.refusedMinutes)}</td>
                  <td>{t('member14.validation.figuresCount', { received: line.figuresReceived, total: line.indicatorCount })}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="btn btn-primary btn-small"
                      disabled={busy || (line.pendingMinutes === 0 && (line.monthValidated || line.enteredMinutes === 0))}
                      onClick={() => void validateMonth(line)}
                      aria-label={`${t('member14.validation.validateMonth')} — ${line.organisationName}`}
                    >
                      {t('member14.validation.validateMonth')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={line.pendingMinutes === 0 && line.refusedMinutes === 0}
                      onClick={() => set({ structure: String(line.organisationId) })}
                      aria-label={`${t('member14.validation.details')} — ${line.organisationName}`}
                    >
                      {t('member14.validation.details')}
                    </button>
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => void remind(line)} aria-label={`${t('member14.validation.remind')} — ${line.organisationName}`}>
                      {t('member14.validation.remind')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {detailLine ? (
        <LinesToReview
          key={`${detailLine.organisationId}-${month}-${revision}`}
          organisationId={detailLine.organisationId}
          organisationName={detailLine.organisationName}
          month={month}
          onDone={(message) => {
            setNotice(message);
            overview.reload();
          }}
        />
      ) : null}

      <Section title={t('member14.validation.requestsHeading')} id="validation-requests">
        {openRequests.length === 0 ? <p className="field-hint">{t('member14.validation.noRequest')}</p> : null}
        {openRequests.map((r) => (
          <RequestCard
            key={r.id}
            request={r}
            busy={busy}
            onAccept={() => void run(async () => (await api.call('time.validation.acceptRequest', { id: r.id }), t('member14.validation.requestDone')))}
            onRefuse={(reason) => void run(async () => (await api.call('time.validation.refuseRequest', { id: r.id, reason }), t('member14.validation.requestDone')))}
            date={date}
          />
        ))}
      </Section>

      {reminder ? (
        <Modal title={t('member14.reminder.title', { organisation: reminder.organisationName })} onClose={() => setReminder(null)} size="large">
          <p className="field-hint">{t('member14.reminder.notSent')}</p>
          <p>
            <strong>{t('member14.reminder.to')} : </strong>
            <span data-testid="reminder-recipients">{reminder.recipients.length ? reminder.recipients.map((r) => `${r.name} <${r.email}>`).join(', ') : t('member14.reminder.noRecipient')}</span>
          </p>
          <p>
            <strong>{t('member14.reminder.subject')} : </strong>
            {reminder.subject}
          </p>
          <div className="field field-wide">
            <label htmlFor="reminder-text">{t('member14.reminder.text')}</label>
            <textarea id="reminder-text" readOnly rows={10} value={reminder.text} className="member-reminder-text" />
          </div>
        </Modal>
      ) : null}
    </>
  );
}

function LinesToReview({ organisationId, organisationName, month, onDone }: { organisationId: number; organisationName: string; month: string; onDone: (message: string) => void }) {
  const { t, date } = useI18n();
  const list = useQuery('time.validation.list', { organisationId, month });
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'validate' | 'refuse') => {
    setError(null);
    setBusy(true);
    try {
      const result = await api.call('time.validation.reviewLines', { ids: [...chosen], decision, reason: decision === 'refuse' ? reason : undefined });
      setChosen(new Set());
      setReason('');
      list.reload();
      onDone(t('member14.validation.linesDone', result));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const lines = list.data?.lines ?? [];
  return (
    <Section title={t('member14.validation.linesHeading', { organisation: organisationName })} id="validation-lines">
      <ErrorBanner error={list.error ?? error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">✓</span>
              </th>
              <th scope="col">{t('time.ui.field.date')}</th>
              <th scope="col">{t('time.ui.field.person')}</th>
              <th scope="col">{t('time.ui.field.category')}</th>
              <th scope="col" className="num">{t('time.ui.field.duration')}</th>
              <th scope="col">{t('member14.validation.status')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('member14.validation.select', { date: date(l.date), person: l.personName ?? '—' })}
                    checked={chosen.has(l.id)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(l.id);
                      else next.delete(l.id);
                      setChosen(next);
                    }}
                  />
                </td>
                <td>{date(l.date)}</td>
                <td>{l.personName ?? '—'}</td>
                <td>{l.categoryName}</td>
                <td className="num">{formatDuration(l.minutes)}</td>
                <td>
                  {t(`member14.status.${l.status}`)}
                  {l.reviewReason ? ` — ${l.reviewReason}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="field field-wide">
        <label htmlFor="validation-reason">{t('member14.validation.refuseReason')}</label>
        <textarea id="validation-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy || chosen.size === 0} onClick={() => void decide('validate')}>
          {t('member14.validation.validateSelected')}
        </button>
        <button type="button" className="btn btn-danger" disabled={busy || chosen.size === 0} onClick={() => void decide('refuse')}>
          {t('member14.validation.refuseSelected')}
        </button>
      </div>
    </Section>
  );
}

function RequestCard({
  request,
  busy,
  onAccept,
  onRefuse,
  date,
}: {
  request: NonNullable<ReturnType<typeof useQuery<'time.validation.list'>>['data']>['requests'][number];
  busy: boolean;
  onAccept: () => void;
  onRefuse: (reason: string) => void;
  date: (iso: string) => string;
}) {
  const { t, language } = useI18n();
  const [reason, setReason] = useState('');
  const reasonId = `request-reason-${request.id}`;
  return (
    <article className="member-request" data-testid={`request-${request.id}`}>
      <h3>
        {request.organisationName} — {formatMonth(request.month, language)} ({t(`time.nature.${request.nature}`)})
      </h3>
      <p>
        {date(request.requestedAt.slice(0, 10))} · {request.requestedBy} : « {request.reason} »
      </p>
      <ul>
        {request.changes.map((c, i) => (
          <li key={i}>
            {t('member14.request.cell', {
              person: c.personName ?? '—',
              category: c.categoryName,
              from: date(c.from),
              to: date(c.to),
              before: formatDuration(c.beforeMinutes),
              after: formatDuration(c.minutes),
            })}
          </li>
        ))}
      </ul>
      <div className="field field-wide">
        <label htmlFor={reasonId}>{t('member14.validation.refuseRequestReason')}</label>
        <input id={reasonId} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onAccept}>
          {t('member14.validation.accept')}
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => onRefuse(reason)}>
          {t('member14.validation.refuse')}
        </button>
      </div>
    </article>
  );
}
