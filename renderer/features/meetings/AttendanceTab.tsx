import { useId, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import type { ApiError } from '../../../shared/api/errors';
import { ATTENDANCE_STATUSES, type Attendance, type AttendanceStatus } from '../../../shared/features/meetings/schemas';
import { quorumStatement } from '../../../shared/features/meetings/statements';
import { api, toApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { applyServerError } from '../../components/forms';
import { Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { textOrNull } from './common';
import { FormPicker, RecordPicker } from '../../components/RecordPicker';
import type { TabProps } from './MeetingPage';

/** Attendance as it is recorded on the day, with the quorum stated after every change. */
export function AttendanceTab({ detail, editable, reload, report }: TabProps) {
  const { t, tKey, number } = useI18n();
  const [editing, setEditing] = useState<Attendance | null>(null);
  const attendances = detail.attendances;
  const count = (s: AttendanceStatus) => attendances.filter((a) => a.status === s).length;
  const tone = detail.quorum.reached === null ? 'info' : detail.quorum.reached ? 'ok' : 'warn';

  const invite = async () => {
    try {
      const result = await api.call('meetings.inviteVotingRepresentatives', { meetingId: detail.meeting.id });
      report(null, t('meetings.ui.attendance.invited', { added: result.added, skipped: result.skipped }));
      reload();
    } catch (e) {
      report(toApiError(e));
    }
  };
  // « Tous présents »: the usual start of the day; only the people not recorded yet are marked.
  const allPresent = async () => {
    const pending = attendances.filter((a) => a.status === 'pending');
    try {
      for (const a of pending) {
        await api.call('meetings.updateAttendance', { id: a.id, version: a.version, status: 'present', proxyHolderPersonId: null, organisationId: a.organisationId, capacity: a.capacity, voting: a.voting });
      }
      report(null, t(pending.length === 1 ? 'edit.attendance.allPresentOne' : 'edit.attendance.allPresentMany', { count: pending.length }));
    } catch (e) {
      report(toApiError(e));
    }
    reload();
  };

  return (
    <>
      <div className={`quorum quorum-${tone}`} role="status" aria-live="polite" aria-atomic="true">
        <p className="quorum-title">{t('meetings.ui.attendance.quorum')}</p>
        <p>{quorumStatement(detail.quorum, detail.meeting.kind, tKey)}</p>
        <p className="muted">
          {t('meetings.ui.attendance.summary', {
            present: count('present'),
            represented: count('represented'),
            excused: count('excused'),
            absent: count('absent'),
            pending: count('pending'),
            voters: detail.voters,
          })}
        </p>
      </div>
      {editable ? (
        <div className="section-actions-row">
          <button type="button" className="btn btn-secondary" onClick={() => void invite()}>
            {t('meetings.ui.attendance.invite', { year: detail.meeting.date.slice(0, 4) })}
          </button>
          {count('pending') > 0 ? (
            <button type="button" className="btn btn-secondary" onClick={() => void allPresent()}>
              {t('edit.attendance.allPresent')}
            </button>
          ) : null}
        </div>
      ) : null}
      <Section title={t('meetings.ui.attendance.title', { count: number(attendances.length) })} id="attendance-title">
        {attendances.length === 0 ? <p className="muted">{t('meetings.ui.attendance.empty')}</p> : null}
        {attendances.length && editable ? <p className="field-hint">{t('edit.attendance.keyboardHint')}</p> : null}
        {attendances.length ? (
          <div className="table-wrap">
            <table className="table attendance-table">
              <thead>
                <tr>
                  <th scope="col">{t('meetings.ui.attendance.person')}</th>
                  <th scope="col">{t('meetings.ui.attendance.organisation')}</th>
                  <th scope="col">{t('meetings.ui.attendance.voting')}</th>
                  <th scope="col">{t('meetings.ui.attendance.status')}</th>
                  <th scope="col">{t('meetings.ui.attendance.holder')}</th>
                  {editable ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {attendances.map((a) => (
                  <AttendanceRow key={`${a.id}-${a.status}-${a.proxyHolderPersonId}-${a.voting}`} attendance={a} all={attendances} editable={editable} reload={reload} onEdit={() => setEditing(a)} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
      {editable ? <AddAttendeeForm meetingId={detail.meeting.id} reload={reload} report={report} /> : null}
      {editing ? (
        <AttendeeDialog
          attendance={editing}
          all={attendances}
          onClose={() => setEditing(null)}
          onDone={(notice) => {
            setEditing(null);
            report(null, notice);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

/** Enter or ↓/↑ with Alt moves down and up the column of the same control, the way one ticks a paper list. */
function moveInColumn(e: KeyboardEvent<HTMLElement>) {
  const down = e.key === 'Enter' || (e.altKey && e.key === 'ArrowDown');
  const up = e.altKey && e.key === 'ArrowUp';
  if (!down && !up) return;
  const column = e.currentTarget.dataset.column;
  const table = e.currentTarget.closest('table');
  if (!column || !table) return;
  const cells = Array.from(table.querySelectorAll<HTMLElement>(`[data-column="${column}"]`));
  const next = cells[cells.indexOf(e.currentTarget) + (down ? 1 : -1)];
  if (!next) return;
  e.preventDefault();
  next.focus();
}

function AttendanceRow({ attendance: a, all, editable, reload, onEdit }: { attendance: Attendance; all: Attendance[]; editable: boolean; reload: () => void; onEdit: () => void }) {
  const { t, tKey } = useI18n();
  const [status, setStatus] = useState<AttendanceStatus>(a.status);
  const [holder, setHolder] = useState<number | null>(a.proxyHolderPersonId);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const statusId = useId();
  const holderId = useId();
  const votingId = useId();
  const errorId = useId();
  const holders = all.filter((x) => x.status === 'present' && x.personId !== a.personId);

  const save = async (next: { status: AttendanceStatus; holder: number | null; voting: boolean }) => {
    setError(null);
    try {
      await api.call('meetings.updateAttendance', {
        id: a.id,
        version: a.version,
        status: next.status,
        proxyHolderPersonId: next.status === 'represented' ? next.holder : null,
        organisationId: a.organisationId,
        capacity: a.capacity,
        voting: next.voting,
      });
      reload();
    } catch (e) {
      const apiError: ApiError = toApiError(e);
      const issue = apiError.issues?.[0];
      setError({ field: issue?.path ?? 'status', message: issue ? tKey(issue.key, issue.params) : tKey(apiError.key, apiError.params) });
    }
  };

  const onStatus = (next: AttendanceStatus) => {
    setStatus(next);
    // A represented person needs a holder first: saved once one is chosen.
    if (next === 'represented' && holder === null) return;
    void save({ status: next, holder, voting: a.voting });
  };

  const describedBy = error ? errorId : undefined;
  return (
    <tr>
      <th scope="row">
        {a.personName}
        {!a.invited ? <span className="muted"> · {t('meetings.ui.attendance.notInvited')}</span> : null}
      </th>
      <td>
        {a.organisationName ?? ''}
        {a.capacity ? <span className="muted"> · {a.capacity}</span> : null}
      </td>
      <td>
        <label htmlFor={votingId} className="visually-hidden">
          {t('meetings.ui.attendance.votingOf', { name: a.personName })}
        </label>
        <input id={votingId} type="checkbox" data-column="voting" onKeyDown={moveInColumn} checked={a.voting} disabled={!editable} onChange={(e) => void save({ status: a.status, holder: a.proxyHolderPersonId, voting: e.target.checked })} />
      </td>
      <td>
        <label htmlFor={statusId} className="visually-hidden">
          {t('meetings.ui.attendance.statusOf', { name: a.personName })}
        </label>
        <select
          id={statusId}
          data-column="status"
          onKeyDown={moveInColumn}
          value={status}
          disabled={!editable}
          aria-invalid={error?.field === 'status'}
          aria-describedby={describedBy}
          onChange={(e) => onStatus(e.target.value as AttendanceStatus)}
        >
          {ATTENDANCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`meetings.attendanceStatus.${s}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {status === 'represented' ? (
          <>
            <label htmlFor={holderId} className="visually-hidden">
              {t('meetings.ui.attendance.holderOf', { name: a.personName })}
            </label>
            <RecordPicker
              id={holderId}
              source={(holders.some((h) => h.personId === holder) || holder === null ? holders : [...holders, { personId: holder, personName: a.proxyHolderName ?? '' }]).map((h) => ({ id: h.personId, label: h.personName }))}
              value={holder}
              disabled={!editable}
              placeholder={t('common.choose')}
              aria-invalid={error?.field === 'proxyHolderPersonId'}
              aria-describedby={describedBy}
              onChange={(next) => {
                setHolder(next);
                if (next !== null) void save({ status: 'represented', holder: next, voting: a.voting });
              }}
            />
          </>
        ) : (
          <span className="muted">—</span>
        )}
        {status === 'represented' && holder === null && !error ? (
          <p className="field-hint field-warning" id={errorId} role="status">
            {t('edit.attendance.holderPending')}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={errorId} role="alert">
            {error.message}
          </p>
        ) : null}
      </td>
      {editable ? (
        <td className="actions-cell">
          <button type="button" className="btn btn-secondary btn-small" onClick={onEdit} aria-label={t('edit.attendance.editOf', { name: a.personName })}>
            {t('action.edit')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}

function AddAttendeeForm({ meetingId, reload, report }: { meetingId: number; reload: () => void; report: TabProps['report'] }) {
  const { t, tKey } = useI18n();
  const [personId, setPersonId] = useState<number | null>(null);
  const [invited, setInvited] = useState(true);
  const [voting, setVoting] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const personField = useId();
  const errorId = useId();
  const submit = async () => {
    setError(null);
    if (personId === null) {
      setError(t('error.required'));
      return;
    }
    try {
      await api.call('meetings.addAttendee', { meetingId, personId, organisationId: null, capacity: null, invited, voting });
      setPersonId(null);
      report(null);
      reload();
    } catch (e) {
      const apiError = toApiError(e);
      const issue = apiError.issues?.[0];
      setError(issue ? tKey(issue.key, issue.params) : tKey(apiError.key, apiError.params));
    }
  };
  return (
    <form
      className="form subform"
      aria-label={t('meetings.ui.attendance.add')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('meetings.ui.attendance.add')}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={personField}>
            {t('meetings.ui.attendance.person')}
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <RecordPicker id={personField} source="people" value={personId} aria-invalid={Boolean(error)} aria-describedby={error ? errorId : undefined} onChange={setPersonId} />
          {error ? (
            <p className="field-error" id={errorId} role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="field field-check">
          <input id={`${personField}-invited`} type="checkbox" checked={invited} onChange={(e) => setInvited(e.target.checked)} />
          <label htmlFor={`${personField}-invited`}>{t('meetings.ui.attendance.invitedLabel')}</label>
        </div>
        <div className="field field-check">
          <input id={`${personField}-voting`} type="checkbox" checked={voting} onChange={(e) => setVoting(e.target.checked)} />
          <label htmlFor={`${personField}-voting`}>{t('meetings.ui.attendance.votingLabel')}</label>
        </div>
      </div>
      <p className="field-hint">{t('meetings.ui.attendance.addHint')}</p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('meetings.ui.attendance.addButton')}
        </button>
      </div>
    </form>
  );
}

interface AttendeeForm {
  organisationId: number | null;
  capacity: string;
  status: AttendanceStatus;
  proxyHolderPersonId: number | null;
  voting: boolean;
}
const ATTENDEE_FIELDS = ['organisationId', 'capacity', 'status', 'proxyHolderPersonId', 'voting'];

/** Corrects one line of the list: the structure and quality the person came in, the presence, the proxy, the vote. */
function AttendeeDialog({ attendance: a, all, onClose, onDone }: { attendance: Attendance; all: Attendance[]; onClose: () => void; onDone: (notice: string) => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const form = useForm<AttendeeForm>({
    defaultValues: { organisationId: a.organisationId, capacity: a.capacity ?? '', status: a.status, proxyHolderPersonId: a.proxyHolderPersonId, voting: a.voting },
  });
  const {
    register,
    watch,
    formState: { errors, isDirty, isSubmitting },
  } = form;
  const status = watch('status');
  const holders = all.filter((x) => x.status === 'present' && x.personId !== a.personId);
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('meetings.updateAttendance', {
        id: a.id,
        version: a.version,
        organisationId: values.organisationId,
        capacity: textOrNull(values.capacity),
        status: values.status,
        proxyHolderPersonId: values.status === 'represented' ? values.proxyHolderPersonId : null,
        voting: values.voting,
      });
      onDone(t('edit.attendance.saved', { name: a.personName }));
    } catch (e) {
      setBanner(applyServerError(e, form.setError, ATTENDEE_FIELDS));
    }
  });
  return (
    <FormDialog
      title={a.personName}
      dirty={isDirty}
      banner={banner}
      busy={isSubmitting}
      submitLabel={t('action.save')}
      onSubmit={onSubmit}
      onClose={onClose}
      size="large"
      deletion={{
        question: t('edit.attendance.deleteQuestion', { name: a.personName }),
        message: <p>{t('meetings.ui.attendance.removeMessage', { name: a.personName })}</p>,
        run: async () => {
          try {
            await api.call('meetings.removeAttendee', { id: a.id, version: a.version });
            onDone(t('edit.attendance.deleted', { name: a.personName }));
          } catch (e) {
            setBanner(toApiError(e));
          }
        },
      }}
    >
      <Field label={t('edit.attendance.organisation')} error={errors.organisationId}>
        {(p) => <FormPicker {...p} control={form.control} name="organisationId" source="organisations" emptyLabel={t('common.none')} />}
      </Field>
      <Field label={t('edit.attendance.capacity')} error={errors.capacity} hint={t('edit.attendance.capacityHint')}>
        {(p) => <input {...p} {...register('capacity')} />}
      </Field>
      <Field label={t('meetings.ui.attendance.status')} error={errors.status}>
        {(p) => (
          <select {...p} {...register('status')}>
            {ATTENDANCE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`meetings.attendanceStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {status === 'represented' ? (
        <Field label={t('meetings.ui.attendance.holder')} error={errors.proxyHolderPersonId} required>
          {(p) => <FormPicker {...p} control={form.control} name="proxyHolderPersonId" source={holders.map((h) => ({ id: h.personId, label: h.personName }))} placeholder={t('common.choose')} />}
        </Field>
      ) : null}
      <div className="field field-check">
        <input id={`attendee-voting-${a.id}`} type="checkbox" {...register('voting')} />
        <label htmlFor={`attendee-voting-${a.id}`}>{t('meetings.ui.attendance.votingLabel')}</label>
      </div>
    </FormDialog>
  );
}
