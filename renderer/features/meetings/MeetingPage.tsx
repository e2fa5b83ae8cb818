import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { buildAttendanceSheet } from '../../../shared/documents/meetings/attendance-sheet';
import { meetingFileName } from '../../../shared/documents/meetings/common';
import { buildIcs } from '../../../shared/documents/meetings/ics';
import { buildMinutes } from '../../../shared/documents/meetings/minutes';
import { buildNotice } from '../../../shared/documents/meetings/notice';
import type { MeetingDetail } from '../../../shared/features/meetings/schemas';
import { api, toApiError } from '../../api/client';
import { documentWording, saveDocument, saveText, withFormat } from '../../api/save';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import { PdfButton } from '../../components/PdfButton';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/Dialog';
import { ApprovalDialog } from './VoteFields';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { HistoryPanel } from '../data/HistoryPanel';
import { MailRecordPanel } from '../mail/MailRecordPanel';
import { SendMailDialog } from '../mail/SendMailDialog';
import { AgendaTab } from './AgendaTab';
import { AttendanceTab } from './AttendanceTab';
import { StatusBadge, useSchedule } from './common';
import { todayIso } from '../../i18n/format';
import { MeetingForm } from './MeetingForm';
import { MinutesTab } from './MinutesTab';
import { finalizeWarnings } from '../../../shared/features/meetings/warnings';

const TABS = ['informations', 'ordre-du-jour', 'presences', 'compte-rendu', 'documents'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = {
  informations: 'meetings.ui.tab.info',
  'ordre-du-jour': 'meetings.ui.tab.agenda',
  presences: 'meetings.ui.tab.attendance',
  'compte-rendu': 'meetings.ui.tab.minutes',
  documents: 'meetings.ui.tab.documents',
} as const;

/** What every tab gets: the meeting as loaded, a way to reload it, and a place to report a refusal. */
export interface TabProps {
  detail: MeetingDetail;
  editable: boolean;
  reload: () => void;
  report: (error: ApiError | null, notice?: string | null) => void;
}

export function MeetingPage() {
  const { id } = useParams();
  const meetingId = Number(id);
  const { t, date } = useI18n();
  const schedule = useSchedule();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('onglet') ?? '') ? (params.get('onglet') as Tab) : 'informations';
  const query = useQuery('meetings.get', { id: meetingId });
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'finalize' | 'reopen' | 'approve' | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const baseId = useId();

  if (query.error && !query.data) {
    return (
      <>
        <PageHeader title={t('meetings.ui.meeting')} />
        <ErrorBanner error={query.error} />
        <p>
          <Link to="/reunions">{t('meetings.ui.backToList')}</Link>
        </p>
      </>
    );
  }
  if (!query.data) return <Loading />;
  const detail = query.data;
  const m = detail.meeting;
  const editable = m.status === 'draft';

  const report = (e: ApiError | null, message: string | null = null) => {
    setError(e);
    setNotice(message);
  };
  const selectTab = (next: Tab) => {
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        p.set('onglet', next);
        return p;
      },
      { replace: true },
    );
    report(null);
  };
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: TABS.length - 1 - index };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = (index + moves[e.key]! + TABS.length) % TABS.length;
    selectTab(TABS[next]!);
    tabRefs.current[next]?.focus();
  };

  const lifeCycle = async (action: 'meetings.finalize' | 'meetings.reopen', message: string) => {
    try {
      await api.call(action, { id: m.id });
      report(null, message);
      query.reload();
    } catch (e) {
      report(toApiError(e));
    } finally {
      setConfirm(null);
    }
  };

  const tabProps: TabProps = { detail, editable, reload: query.reload, report };
  const panels: Record<Tab, ReactNode> = {
    informations: <InfoTab {...tabProps} />,
    'ordre-du-jour': <AgendaTab {...tabProps} />,
    presences: <AttendanceTab {...tabProps} />,
    'compte-rendu': <MinutesTab {...tabProps} />,
    documents: <DocumentsTab {...tabProps} />,
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/reunions">{t('meetings.ui.navEntry')}</Link>
      </p>
      <PageHeader
        title={m.title}
        badges={<StatusBadge status={m.status} />}
        subtitle={`${t(`meetings.kind.${m.kind}`)} — ${date(m.date)}${schedule(m) ? `, ${schedule(m)}` : ''}${m.hostOrganisationName || m.placeAddress ? ` — ${m.hostOrganisationName ?? m.placeAddress}` : ''}`}
        actions={
          <>
            {m.status === 'draft' ? (
              // Before the day, finalising is not what comes next: the button stays, but not as the main one.
              <button type="button" className={m.date > todayIso() ? 'btn btn-secondary' : 'btn btn-primary'} onClick={() => setConfirm('finalize')}>
                {t('meetings.ui.finalize')}
              </button>
            ) : null}
            {m.status === 'finalized' ? (
              <>
                <button type="button" className="btn btn-primary" onClick={() => setConfirm('approve')}>
                  {t('meetings.ui.approve')}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => setConfirm('reopen')}>
                  {t('meetings.ui.reopen')}
                </button>
              </>
            ) : null}
          </>
        }
      />
      {m.status === 'approved' && m.approval ? (
        <p className="banner banner-locked" role="note">
          {t('meetings.ui.lockedBanner', { date: date(m.approval.approvedOn), title: m.approval.approvedByTitle })}{' '}
          <Link to={`/reunions/${m.approval.approvedByMeetingId}?onglet=compte-rendu`}>{t('meetings.ui.seeApprovingMeeting')}</Link>
        </p>
      ) : null}
      {m.status === 'finalized' ? (
        <p className="banner banner-info" role="note">
          {t('meetings.ui.finalizedBanner')}
        </p>
      ) : null}
      <ErrorBanner error={error} />
      <SuccessBanner message={notice} />

      <div className="tabs" role="tablist" aria-label={t('meetings.ui.tabsLabel')}>
        {TABS.map((key, index) => (
          <button
            key={key}
            ref={(el) => {
              tabRefs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`${baseId}-panel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            onClick={() => selectTab(key)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {t(TAB_LABEL[key])}
            {key === 'presences' && detail.quorum.reached !== null ? (
              <span className={`tab-pill ${detail.quorum.reached ? 'tab-pill-ok' : 'tab-pill-warn'}`}>{detail.quorum.reached ? t('meetings.ui.quorumOk') : t('meetings.ui.quorumKo')}</span>
            ) : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel-${tab}`} aria-labelledby={`${baseId}-tab-${tab}`} className="tab-panel">
        {panels[tab]}
      </div>

      {confirm === 'finalize' ? (
        <ConfirmDialog
          title={t('meetings.ui.finalizeTitle')}
          message={<FinalizeMessage detail={detail} />}
          confirmLabel={t('meetings.ui.finalize')}
          onConfirm={() => void lifeCycle('meetings.finalize', t('meetings.ui.finalized'))}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
      {confirm === 'reopen' ? (
        <ConfirmDialog
          title={t('meetings.ui.reopenTitle')}
          message={<p>{t('meetings.ui.reopenMessage')}</p>}
          confirmLabel={t('meetings.ui.reopen')}
          onConfirm={() => void lifeCycle('meetings.reopen', t('meetings.ui.reopened'))}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
      {confirm === 'approve' ? (
        <ApproveDialog
          detail={detail}
          onClose={() => setConfirm(null)}
          onApproved={() => {
            setConfirm(null);
            report(null, t('meetings.ui.approved'));
            query.reload();
          }}
        />
      ) : null}
    </>
  );
}

function InfoTab({ detail, editable, reload, report }: TabProps) {
  const { t, date } = useI18n();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const m = detail.meeting;
  const remove = async () => {
    try {
      await api.call('meetings.delete', { id: m.id, version: m.version });
      navigate('/reunions');
    } catch (e) {
      setConfirmDelete(false);
      report(toApiError(e));
    }
  };
  return (
    <>
      {!editable ? <p className="muted">{t(m.status === 'approved' ? 'meetings.ui.readOnlyApproved' : 'meetings.ui.readOnlyFinalized')}</p> : null}
      <MeetingForm
        key={`${m.id}-${m.updatedAt}`}
        meeting={m}
        readOnly={!editable}
        onSaved={() => {
          report(null, t('meetings.ui.saved'));
          reload();
        }}
      />
      <dl className="details">
        <div>
          <dt>{t('meetings.ui.previous')}</dt>
          <dd>{detail.previous ? <Link to={`/reunions/${detail.previous.id}`}>{`${detail.previous.title} (${date(detail.previous.date)})`}</Link> : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('meetings.ui.next')}</dt>
          <dd>{detail.next ? <Link to={`/reunions/${detail.next.id}`}>{`${detail.next.title} (${date(detail.next.date)})`}</Link> : t('meetings.ui.noNext')}</dd>
        </div>
      </dl>
      {/* Corrections to decisions, actions and attendance are logged against the meeting. */}
      <HistoryPanel key={m.updatedAt} entity="meeting" entityId={m.id} />
      {editable ? (
        <div className="form-actions">
          <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirmDelete(true)}>
            {t('meetings.ui.delete')}
          </button>
        </div>
      ) : null}
      {confirmDelete ? (
        <ConfirmDialog
          title={t('meetings.ui.deleteTitle')}
          message={<p>{t('meetings.ui.deleteMessage', { title: m.title })}</p>}
          confirmLabel={t('meetings.ui.delete')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      ) : null}
    </>
  );
}

/** Approval happens at a later meeting: pick it (the next of the series by default), then its vote. */
function ApproveDialog({ detail, onClose, onApproved }: { detail: MeetingDetail; onClose: () => void; onApproved: () => void }) {
  const { t, date } = useI18n();
  const list = useQuery('meetings.list', {});
  const m = detail.meeting;
  const candidates = (list.data?.items ?? [])
    .filter((c) => c.id !== m.id && c.date >= m.date && c.status === 'draft')
    .sort((a, b) => Number(b.kind === m.kind) - Number(a.kind === m.kind) || a.date.localeCompare(b.date));
  const [choice, setChoice] = useState<number | null>(detail.next?.status === 'draft' ? detail.next.id : null);
  const selected = choice ?? candidates[0]?.id ?? null;
  // The votes are those of the approving meeting: its voters bound them.
  const approver = useQuery('meetings.get', selected === null ? null : { id: selected });
  const voters = approver.data?.voters ?? 0;
  const selectId = useId();
  return (
    <ApprovalDialog
      key={`${selected}-${voters}`}
      title={t('meetings.ui.approveTitle')}
      message={t('meetings.ui.approveIntro')}
      meetingId={m.id}
      approvedByMeetingId={selected}
      voters={voters}
      onClose={onClose}
      onApproved={onApproved}
    >
      {list.data && candidates.length === 0 ? <p className="muted field-wide">{t('meetings.ui.approveNoCandidate')}</p> : null}
      <div className="field field-wide">
        <label htmlFor={selectId}>{t('meetings.ui.approvedBy')}</label>
        <select id={selectId} value={selected ?? ''} onChange={(e) => setChoice(Number(e.target.value))}>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.title} — ${date(c.date)}`}
            </option>
          ))}
        </select>
      </div>
    </ApprovalDialog>
  );
}

function DocumentsTab({ detail, report }: TabProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [mailing, setMailing] = useState<'notice' | 'minutes' | null>(null);
  const [sentBatches, setSentBatches] = useState(0);
  const m = detail.meeting;
  const run = async (key: string, make: (format: DocumentFormat) => Promise<{ name: string; saved: boolean }>, format: DocumentFormat = 'docx') => {
    setBusy(format === 'pdf' ? `${key}-pdf` : key);
    report(null);
    try {
      const { name, saved } = await make(format);
      if (saved) report(null, t('meetings.ui.downloaded', { file: name }));
    } catch (e) {
      report(toApiError(e));
    } finally {
      setBusy(null);
    }
  };
  const documents = [
    {
      key: 'minutes',
      label: t('meetings.ui.doc.minutes'),
      hint: m.status === 'draft' ? t('meetings.ui.doc.minutesDraftHint') : t('meetings.ui.doc.minutesHint'),
      pdf: true,
      make: async (format: DocumentFormat) => {
        const name = meetingFileName('minutes', m);
        return { name: withFormat(name, format), saved: await saveDocument(name, buildMinutes(await api.call('meetings.minutesData', { id: m.id }), 'fr', await documentWording()), format) };
      },
    },
    {
      key: 'attendance',
      label: t('meetings.ui.doc.attendance'),
      hint: t('meetings.ui.doc.attendanceHint'),
      pdf: true,
      make: async (format: DocumentFormat) => {
        const name = meetingFileName('attendance', m);
        return { name: withFormat(name, format), saved: await saveDocument(name, buildAttendanceSheet(await api.call('meetings.attendanceSheetData', { id: m.id })), format) };
      },
    },
    {
      key: 'notice',
      label: t('meetings.ui.doc.notice'),
      hint: t('meetings.ui.doc.noticeHint'),
      pdf: true,
      make: async (format: DocumentFormat) => {
        const name = meetingFileName('notice', m);
        return { name: withFormat(name, format), saved: await saveDocument(name, buildNotice(await api.call('meetings.noticeData', { id: m.id }), 'fr', await documentWording()), format) };
      },
    },
    {
      key: 'calendar',
      label: t('meetings.ui.doc.calendar'),
      hint: t('meetings.ui.doc.calendarHint'),
      pdf: false,
      make: async () => {
        const name = meetingFileName('calendar', m);
        return { name, saved: await saveText(name, buildIcs(await api.call('meetings.noticeData', { id: m.id })), 'text/calendar;charset=utf-8') };
      },
    },
  ];
  return (
    <>
      <ul className="document-list">
        {documents.map((d) => (
          <li key={d.key}>
            <button type="button" className="btn btn-secondary" onClick={() => void run(d.key, d.make)} disabled={busy !== null}>
              {busy === d.key ? t('meetings.ui.doc.preparing') : d.label}
            </button>
            {d.pdf ? <PdfButton document={d.label} onClick={() => void run(d.key, d.make, 'pdf')} disabled={busy !== null} /> : null}
            {busy === `${d.key}-pdf` ? <span role="status">{t('docs12.ui.pdfPreparing')}</span> : null}
            <span className="muted">{d.hint}</span>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => setMailing('notice')}>
          {t('mail.send.noticeButton')}
        </button>
        {m.status === 'approved' ? (
          <button type="button" className="btn btn-secondary" onClick={() => setMailing('minutes')}>
            {t('mail.send.minutesButton')}
          </button>
        ) : null}
      </div>
      <MailRecordPanel query={{ meetingId: m.id }} refresh={sentBatches} />
      {mailing ? (
        <SendMailDialog
          request={{ kind: mailing, meetingId: m.id }}
          title={t(`mail.kind.${mailing}`)}
          onClose={() => setMailing(null)}
          onSent={() => setSentBatches((n) => n + 1)}
        />
      ) : null}
    </>
  );
}

/** Before finalising, what the minutes would print without a word: nobody to sign, people left « non renseigné ». */
function FinalizeMessage({ detail }: { detail: MeetingDetail }) {
  const { t } = useI18n();
  const m = detail.meeting;
  const pending = detail.attendances.filter((a) => a.status === 'pending');
  // The chair and the secretary sign: missing, or not ticked present, is said before the minutes go out.
  const signatories = finalizeWarnings(m, detail.attendances).map((w) =>
    w.key === 'docs.finalize.chairMissing' ? t('edit.finalize.noChair') : w.key === 'docs.finalize.secretaryMissing' ? t('edit.finalize.noSecretary') : t(w.key, w.params),
  );
  const warnings = [
    m.date > todayIso() ? t('edit.finalize.future') : null,
    ...signatories,
    pending.length === 1 ? t('edit.finalize.pendingOne', { name: pending[0]!.personName }) : null,
    pending.length > 1 ? t('edit.finalize.pendingMany', { count: pending.length, names: pending.map((a) => a.personName).join(', ') }) : null,
  ].filter((w): w is string => w !== null);
  return (
    <>
      {warnings.length ? (
        <div className="banner banner-warn" role="alert">
          <p>{t('edit.finalize.checkFirst')}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>{t('meetings.ui.finalizeMessage')}</p>
    </>
  );
}
