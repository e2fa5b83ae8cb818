// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import {
  ACTION_STATUSES,
  FOLLOW_UP_OUTCOMES,
  actionFieldsSchema,
  decisionFieldsSchema,
  type ActionItem,
  type ActionStatus,
  type AgendaItem,
  type Decision,
  type FollowUpItem,
  type FollowUpOutcome,
} from '../../../shared/features/meetings/schemas';
import { voteStatement } from '../../../shared/features/meetings/statements';
import { isoDate, requiredText } from '../../../shared/validation/fields';
import { api, toApiError } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { Badge, Section } from '../../components/Page';
import { FormDialog } from '../../components/FormDialog';
import { todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { Markup } from './common';
import './discussion.css';
import { insertLiteral, toggleBullets, toggleEmphasis, type Edit } from '../../../shared/features/meetings/markup';
import { FormPicker } from '../../components/RecordPicker';
import type { TabProps } from './MeetingPage';
import { FormActions } from '../../components/FormActions';
import { DateInput } from '../../components/DateInput';
import { ApprovalDialog, VOTE_FIELDS, VoteFields, type VoteForm } from './VoteFields';

/** The minutes: earlier actions followed up, then each point's discussion, decisions and actions; errata once approved. */
export function MinutesTab(props: TabProps) {
  const { detail, editable } = props;
  const { t } = useI18n();
  return (
    <>
      {detail.followUps.length ? <FollowUps {...props} /> : null}
      {detail.agenda.length === 0 ? <p className="muted">{t('meetings.ui.minutes.noAgenda')}</p> : null}
      {detail.agenda.map((item, index) => (
        <ItemMinutes key={item.id} item={item} index={index} {...props} />
      ))}
      {!editable && detail.meeting.status === 'approved' ? <Errata {...props} /> : null}
    </>
  );
}

function FollowUps({ detail, editable, reload, report }: TabProps) {
  const { t, date } = useI18n();
  return (
    <Section title={t('meetings.ui.followUps.title')} id="follow-ups">
      <p className="section-intro">{t('meetings.ui.followUps.intro')}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('meetings.ui.followUps.action')}</th>
              <th scope="col">{t('meetings.ui.followUps.owner')}</th>
              <th scope="col">{t('meetings.ui.followUps.from')}</th>
              <th scope="col">{t('meetings.ui.followUps.due')}</th>
              <th scope="col">{t('meetings.ui.followUps.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.followUps.map((f) => (
              <FollowUpRow key={`${f.action.id}-${f.outcome}-${f.newDueDate}`} followUp={f} meetingId={detail.meeting.id} editable={editable} reload={reload} report={report} dateText={date} />
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function FollowUpRow({
  followUp: f,
  meetingId,
  editable,
  reload,
  report,
  dateText,
}: {
  followUp: FollowUpItem;
  meetingId: number;
  editable: boolean;
  reload: () => void;
  report: TabProps['report'];
  dateText: (iso: string | null) => string;
}) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<FollowUpOutcome | ''>(f.outcome ?? '');
  const [newDue, setNewDue] = useState(f.newDueDate ?? '');
  const outcomeId = useId();
  const dueId = useId();
  const overdue = f.dueDate !== null && f.dueDate < todayIso() && !f.outcome;
  const save = async (next: FollowUpOutcome | '', due: string) => {
    try {
      if (next === '') await api.call('meetings.clearFollowUp', { meetingId, actionId: f.action.id });
      else await api.call('meetings.recordFollowUp', { meetingId, actionId: f.action.id, outcome: next, newDueDate: next === 'carried_over' ? due || null : null, note: null });
      report(null);
      reload();
    } catch (e) {
      report(toApiError(e));
    }
  };
  return (
    <tr>
      <th scope="row">{f.action.text}</th>
      <td>{f.action.ownerLabel}</td>
      <td>
        {dateText(f.fromMeetingDate)}
        <br />
        <span className="muted">{f.fromMeetingTitle}</span>
      </td>
      <td className="nowrap">
        {f.dueDate ? dateText(f.dueDate) : <span className="muted">{t('meetings.ui.noDueDate')}</span>}
        {overdue ? (
          <>
            {' '}
            <Badge tone="danger">{t('meetings.ui.overdue')}</Badge>
          </>
        ) : null}
      </td>
      <td>
        <label htmlFor={outcomeId} className="visually-hidden">
          {t('meetings.ui.followUps.outcomeOf', { text: f.action.text })}
        </label>
        <select
          id={outcomeId}
          value={outcome}
          disabled={!editable}
          onChange={(e) => {
            const next = e.target.value as FollowUpOutcome | '';
            setOutcome(next);
            void save(next, newDue);
          }}
        >
          <option value="">{t('meetings.ui.followUps.notYet')}</option>
          {FOLLOW_UP_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`meetings.outcome.${o}`)}
            </option>
          ))}
        </select>
        {outcome === 'carried_over' ? (
          <div className="inline-field">
            <label htmlFor={dueId}>{t('meetings.ui.followUps.newDue')}</label>
            <DateInput id={dueId} value={newDue} disabled={!editable} onChange={(e) => setNewDue(e.target.value)} onBlur={() => void save('carried_over', newDue)} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function ItemMinutes({ item, index, detail, editable, reload, report }: TabProps & { item: AgendaItem; index: number }) {
  const { t, date } = useI18n();
  const headingId = useId();
  const [confirmApprove, setConfirmApprove] = useState(false);
  const approves = item.approvesMeeting;
  const approved = () => {
    if (!approves) return;
    setConfirmApprove(false);
    report(null, t('meetings.ui.minutes.approvedHere', { date: date(approves.date) }));
    reload();
  };
  return (
    <section className="section minutes-item" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>{`${index + 1}. ${item.title}`}</h2>
      </div>
      {item.presenterName ? <p className="muted">{t('meetings.doc.presentedBy', { name: item.presenterName })}</p> : null}
      {approves ? (
        <div className="approval-box">
          {approves.approvedHere ? (
            <p>
              <Badge tone="ok">{t('meetings.status.approved')}</Badge> {t('meetings.ui.minutes.approvalDone', { title: approves.title, date: date(approves.date) })}
            </p>
          ) : approves.status === 'approved' ? (
            <p>{t('meetings.ui.minutes.approvalElsewhere', { title: approves.title, date: date(approves.date) })}</p>
          ) : (
            <p>
              {t(approves.status === 'draft' ? 'meetings.ui.minutes.approvalNeedsFinal' : 'meetings.ui.minutes.approvalPending', { title: approves.title, date: date(approves.date) })}{' '}
              {editable && approves.status === 'finalized' ? (
                <button type="button" className="btn btn-primary btn-small" onClick={() => setConfirmApprove(true)}>
                  {t('meetings.ui.minutes.approveButton', { date: date(approves.date) })}
                </button>
              ) : null}
            </p>
          )}
        </div>
      ) : null}
      <Discussion item={item} editable={editable} reload={reload} report={report} />
      <Decisions item={item} agenda={detail.agenda} voters={detail.voters} editable={editable} reload={reload} report={report} />
      <Actions item={item} editable={editable} reload={reload} report={report} />
      {editable ? (
        <div className="item-adders">
          <DecisionAdder item={item} voters={detail.voters} onAdded={reload} />
          <ActionAdder item={item} meetingId={detail.meeting.id} onAdded={reload} />
        </div>
      ) : null}
      {confirmApprove && approves ? (
        <ApprovalDialog
          title={t('meetings.ui.minutes.approveTitle')}
          message={t('meetings.ui.minutes.approveMessage', { title: approves.title, date: date(approves.date) })}
          meetingId={approves.id}
          approvedByMeetingId={detail.meeting.id}
          voters={detail.voters}
          onClose={() => setConfirmApprove(false)}
          onApproved={approved}
        />
      ) : null}
    </section>
  );
}

function Discussion({ item, editable, reload, report }: { item: AgendaItem; editable: boolean; reload: () => void; report: TabProps['report'] }) {
  const { t } = useI18n();
  const [text, setText] = useState(item.discussion ?? '');
  const [saved, setSaved] = useState(item.discussion ?? '');
  const [preview, setPreview] = useState(false);
  const id = useId();
  const dirty = text !== saved;
  // The version this screen last saw: a second save before the reload names the one the first produced.
  const version = useRef(item.version);
  useEffect(() => {
    version.current = Math.max(version.current, item.version);
  }, [item.version]);
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<{ start: number; end: number } | null>(null);
  useLayoutEffect(() => {
    const el = area.current;
    const selection = pendingSelection.current;
    if (!el || !selection) return;
    pendingSelection.current = null;
    el.focus();
    el.setSelectionRange(selection.start, selection.end);
  }, [text]);
  const change = (edit: Edit) => {
    pendingSelection.current = { start: edit.start, end: edit.end };
    setText(edit.text);
  };
  /** The toolbar's three actions, on the textarea's selection (as Word's buttons do). */
  const apply = (action: 'bold' | 'italic' | 'bullets') => {
    const el = area.current;
    if (!el) return;
    const { value, selectionStart: start, selectionEnd: end } = el;
    change(action === 'bullets' ? toggleBullets(value, start, end) : toggleEmphasis(value, start, end, action === 'bold' ? '**' : '*'));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    const key = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (key === 'b' || key === 'i')) {
      e.preventDefault();
      apply(key === 'b' ? 'bold' : 'italic');
    } else if (e.key === '*' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // A typed asterisk is text, not a marker: it must reach the minutes as an asterisk.
      e.preventDefault();
      change(insertLiteral(el.value, el.selectionStart, el.selectionEnd, '*'));
    }
  };
  // Leaving the field saves, and so does the button: one save at a time, each naming the version
  // the previous one produced, and only what is not saved yet (else the second is a false conflict).
  const latest = useRef({ text, saved });
  latest.current = { text, saved };
  const queue = useRef<Promise<void>>(Promise.resolve());
  const save = () => {
    queue.current = queue.current.then(async () => {
      const { text: current, saved: stored } = latest.current;
      if (current === stored) return;
      try {
        const after = await api.call('meetings.saveDiscussion', { id: item.id, version: version.current, discussion: current });
        version.current = after.version;
        latest.current = { ...latest.current, saved: current };
        setSaved(current);
        report(null, t('meetings.ui.minutes.discussionSaved'));
        reload();
      } catch (e) {
        report(toApiError(e));
      }
    });
    return queue.current;
  };
  if (!editable) return item.discussion ? <Markup source={item.discussion} /> : <p className="muted">{t('meetings.doc.nothingRecorded')}</p>;
  return (
    <div className="field field-wide discussion">
      <label htmlFor={id}>{t('meetings.ui.minutes.discussion', { title: item.title })}</label>
      {preview ? (
        <div className="markup-preview" aria-live="polite">
          {text.trim() ? <Markup source={text} /> : <p className="muted">{t('meetings.ui.minutes.emptyPreview')}</p>}
        </div>
      ) : (
        <>
          <div className="markup-toolbar" role="toolbar" aria-label={t('discussion.toolbar', { title: item.title })} aria-controls={id}>
            <button type="button" className="btn btn-secondary btn-small" title={t('discussion.boldTitle')} onMouseDown={(e) => e.preventDefault()} onClick={() => apply('bold')}>
              <strong>{t('discussion.bold')}</strong>
            </button>
            <button type="button" className="btn btn-secondary btn-small" title={t('discussion.italicTitle')} onMouseDown={(e) => e.preventDefault()} onClick={() => apply('italic')}>
              <em>{t('discussion.italic')}</em>
            </button>
            <button type="button" className="btn btn-secondary btn-small" onMouseDown={(e) => e.preventDefault()} onClick={() => apply('bullets')}>
              {t('discussion.bullets')}
            </button>
          </div>
          <textarea
            id={id}
            ref={area}
            value={text}
            rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={(e) => {
              const pasted = e.clipboardData.getData('text/plain');
              if (!/[*\\]/.test(pasted)) return;
              e.preventDefault();
              const el = e.currentTarget;
              change(insertLiteral(el.value, el.selectionStart, el.selectionEnd, pasted.replace(/\r\n?/g, '\n')));
            }}
            onBlur={() => void save()}
            aria-describedby={`${id}-hint`}
          />
        </>
      )}
      <p className="field-hint" id={`${id}-hint`}>
        {t('discussion.hint')}
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary btn-small" onClick={() => void save()} disabled={!dirty}>
          {dirty ? t('meetings.ui.minutes.saveDiscussion') : t('meetings.ui.minutes.discussionUpToDate')}
        </button>
        <button type="button" className="btn btn-secondary btn-small" aria-pressed={preview} onClick={() => setPreview((p) => !p)}>
          {t('meetings.ui.minutes.preview')}
        </button>
      </div>
    </div>
  );
}

/** `agendaItemId` only when correcting: the point the decision belongs to. */
type DecisionForm = z.input<typeof decisionFieldsSchema> & { agendaItemId?: number };
const DECISION_FIELDS = ['text', ...VOTE_FIELDS];

function Decisions({ item, agenda, voters, editable, reload, report }: { item: AgendaItem; agenda: AgendaItem[]; voters: number; editable: boolean; reload: () => void; report: TabProps['report'] }) {
  const { t, tKey } = useI18n();
  const [editing, setEditing] = useState<Decision | null>(null);
  return (
    <div className="decisions">
      {item.decisions.map((d) => (
        <div key={d.id} className="decision">
          <p className="decision-ref">{t('meetings.doc.decisionNumber', { reference: d.reference })}</p>
          <p>{d.text}</p>
          <p className="decision-vote">
            <em>{voteStatement(d, tKey)}</em>
          </p>
          {editable ? (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(d)} aria-label={t('edit.decision.editOf', { reference: d.reference })}>
              {t('action.edit')}
            </button>
          ) : null}
        </div>
      ))}
      {editing ? (
        <DecisionDialog
          decision={editing}
          agenda={agenda}
          voters={voters}
          onClose={() => setEditing(null)}
          onDone={(notice) => {
            setEditing(null);
            report(null, notice);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** Text, mode of adoption and votes: the same fields to add a decision and to correct one. */
function DecisionFields({ form, voters }: { form: UseFormReturn<DecisionForm>; voters: number }) {
  const { t } = useI18n();
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <>
      <Field label={t('meetings.ui.decision.text')} error={errors.text} required wide>
        {(p) => <textarea {...p} {...register('text')} rows={3} />}
      </Field>
      <VoteFields form={form as unknown as UseFormReturn<VoteForm>} voters={voters} />
    </>
  );
}

const decisionEditSchema = decisionFieldsSchema.and(z.object({ agendaItemId: z.number().int() }));

function DecisionDialog({ decision, agenda, voters, onClose, onDone }: { decision: Decision; agenda: AgendaItem[]; voters: number; onClose: () => void; onDone: (notice: string) => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const form = useForm<DecisionForm>({
    resolver: zodResolver(decisionEditSchema) as never,
    defaultValues: { text: decision.text, voteMode: decision.voteMode, votesFor: decision.votesFor, votesAgainst: decision.votesAgainst ?? 0, votesAbstain: decision.votesAbstain ?? 0, agendaItemId: decision.agendaItemId },
  });
  const {
    register,
    formState: { errors, isDirty, isSubmitting },
  } = form;
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('meetings.updateDecision', { id: decision.id, version: decision.version, ...decisionEditSchema.parse(values) });
      onDone(t('edit.decision.saved', { reference: decision.reference }));
    } catch (e) {
      setBanner(applyServerError(e, form.setError, [...DECISION_FIELDS, 'agendaItemId']));
    }
  });
  return (
    <FormDialog
      title={t('edit.decision.title', { reference: decision.reference })}
      dirty={isDirty}
      banner={banner}
      busy={isSubmitting}
      submitLabel={t('action.save')}
      onSubmit={onSubmit}
      onClose={onClose}
      size="large"
      deletion={{
        question: t('edit.decision.deleteQuestion', { reference: decision.reference }),
        message: <p>{t('edit.decision.deleteMessage', { reference: decision.reference })}</p>,
        run: async () => {
          try {
            await api.call('meetings.removeDecision', { id: decision.id, version: decision.version });
            onDone(t('edit.decision.deleted', { reference: decision.reference }));
          } catch (e) {
            setBanner(toApiError(e));
          }
        },
      }}
    >
      <DecisionFields form={form} voters={voters} />
      <Field label={t('edit.decision.place')} error={errors.agendaItemId} hint={t('edit.decision.placeHint')} wide>
        {(p) => (
          <select {...p} {...register('agendaItemId', { setValueAs: Number })}>
            {agenda.map((i) => (
              <option key={i.id} value={i.id}>
                {`${i.position}. ${i.title}`}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormDialog>
  );
}

function DecisionAdder({ item, voters, onAdded }: { item: AgendaItem; voters: number; onAdded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [banner, setBanner] = useState<ApiError | null>(null);
  // A vote usually carries every voter present: « Voix pour » starts there, to be lowered if needed.
  const blank = { text: '', voteMode: 'vote' as const, votesFor: voters || null, votesAgainst: 0, votesAbstain: 0 };
  const form = useForm<DecisionForm>({ resolver: zodResolver(decisionFieldsSchema) as never, defaultValues: blank });
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('meetings.addDecision', { agendaItemId: item.id, ...decisionFieldsSchema.parse(values) });
      form.reset(blank);
      setOpen(false);
      onAdded();
    } catch (e) {
      setBanner(applyServerError(e, form.setError, DECISION_FIELDS));
    }
  });
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={() => {
          form.reset(blank);
          setOpen(true);
        }}
        aria-label={t('meetings.ui.decision.addTo', { title: item.title })}
      >
        {t('meetings.ui.decision.add')}
      </button>
    );
  }
  return (
    <form className="form subform" onSubmit={onSubmit} noValidate aria-label={t('meetings.ui.decision.addTo', { title: item.title })}>
      <ErrorBanner error={banner} />
      <div className="form-grid">
        <DecisionFields form={form} voters={voters} />
      </div>
      <FormActions submitLabel={t('meetings.ui.decision.save')} busy={form.formState.isSubmitting} onCancel={() => setOpen(false)} />
    </form>
  );
}

type ActionForm = z.input<typeof actionFieldsSchema>;
const ACTION_FIELDS = ['text', 'ownerPersonId', 'ownerOrganisationId', 'dueDate', 'status'];

function Actions({ item, editable, reload, report }: { item: AgendaItem; editable: boolean; reload: () => void; report: TabProps['report'] }) {
  const { t, date } = useI18n();
  const [editing, setEditing] = useState<ActionItem | null>(null);
  const setStatus = async (a: ActionItem, status: ActionStatus) => {
    try {
      await api.call('meetings.updateAction', { id: a.id, version: a.version, agendaItemId: a.agendaItemId, text: a.text, ownerPersonId: a.ownerPersonId, ownerOrganisationId: a.ownerOrganisationId, dueDate: a.dueDate, status });
      reload();
    } catch (e) {
      report(toApiError(e));
    }
  };
  return (
    <div className="actions-block">
      {item.actions.length ? (
        <ul className="action-list">
          {item.actions.map((a) => (
            <li key={a.id}>
              <strong>{t('meetings.doc.actionLabel')} :</strong> {a.text} — {a.ownerLabel}
              {a.dueDate ? ` — ${t('meetings.doc.dueBy', { date: date(a.dueDate) })}` : ''}{' '}
              {editable ? (
                <>
                  <label className="visually-hidden" htmlFor={`action-status-${a.id}`}>
                    {t('meetings.ui.action.statusOf', { text: a.text })}
                  </label>
                  <select id={`action-status-${a.id}`} value={a.status} onChange={(e) => void setStatus(a, e.target.value as ActionStatus)} className="select-small">
                    {ACTION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`meetings.actionStatus.${s}`)}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(a)} aria-label={t('edit.action.editOf', { text: a.text })}>
                    {t('action.edit')}
                  </button>
                </>
              ) : (
                <Badge tone={a.status === 'open' ? 'info' : 'neutral'}>{t(`meetings.actionStatus.${a.status}`)}</Badge>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <ActionDialog
          action={editing}
          onClose={() => setEditing(null)}
          onDone={(notice) => {
            setEditing(null);
            report(null, notice);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** Who does it and by when: the same fields to add an action and to correct one. */
function ActionFields({ form }: { form: UseFormReturn<ActionForm> }) {
  const { t } = useI18n();
  const {
    register,
    control,
    formState: { errors },
  } = form;
  return (
    <>
      <Field label={t('meetings.ui.action.text')} error={errors.text} required wide>
        {(p) => <input {...p} {...register('text')} />}
      </Field>
      <Field label={t('meetings.ui.action.ownerPerson')} error={errors.ownerPersonId} hint={t('meetings.ui.action.ownerHint')}>
        {(p) => <FormPicker {...p} control={control} name="ownerPersonId" source="people" emptyLabel={t('common.none')} />}
      </Field>
      <Field label={t('meetings.ui.action.ownerOrganisation')} error={errors.ownerOrganisationId}>
        {(p) => <FormPicker {...p} control={control} name="ownerOrganisationId" source="organisations" emptyLabel={t('common.none')} />}
      </Field>
      <Field label={t('meetings.ui.action.due')} error={errors.dueDate}>
        {(p) => <DateInput {...p} {...register('dueDate')} />}
      </Field>
    </>
  );
}

function ActionDialog({ action, onClose, onDone }: { action: ActionItem; onClose: () => void; onDone: (notice: string) => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const form = useForm<ActionForm>({
    resolver: zodResolver(actionFieldsSchema) as never,
    defaultValues: { text: action.text, ownerPersonId: action.ownerPersonId, ownerOrganisationId: action.ownerOrganisationId, dueDate: action.dueDate ?? '', status: action.status },
  });
  const {
    register,
    formState: { errors, isDirty, isSubmitting },
  } = form;
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('meetings.updateAction', { id: action.id, version: action.version, agendaItemId: action.agendaItemId, ...actionFieldsSchema.parse(values) });
      onDone(t('edit.action.saved'));
    } catch (e) {
      setBanner(applyServerError(e, form.setError, ACTION_FIELDS));
    }
  });
  return (
    <FormDialog
      title={t('edit.action.title')}
      dirty={isDirty}
      banner={banner}
      busy={isSubmitting}
      submitLabel={t('action.save')}
      onSubmit={onSubmit}
      onClose={onClose}
      size="large"
      deletion={{
        question: t('edit.action.deleteQuestion', { text: action.text }),
        run: async () => {
          try {
            await api.call('meetings.removeAction', { id: action.id, version: action.version });
            onDone(t('edit.action.deleted'));
          } catch (e) {
            setBanner(toApiError(e));
          }
        },
      }}
    >
      <ActionFields form={form} />
      <Field label={t('meetings.ui.followUps.outcome')} error={errors.status}>
        {(p) => (
          <select {...p} {...register('status')}>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`meetings.actionStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormDialog>
  );
}

function ActionAdder({ item, meetingId, onAdded }: { item: AgendaItem; meetingId: number; onAdded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const form = useForm<ActionForm>({
    resolver: zodResolver(actionFieldsSchema) as never,
    defaultValues: { text: '', ownerPersonId: null, ownerOrganisationId: null, dueDate: '', status: 'open' },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('meetings.addAction', { meetingId, agendaItemId: item.id, ...actionFieldsSchema.parse(values) });
      form.reset();
      setOpen(false);
      onAdded();
    } catch (e) {
      setBanner(applyServerError(e, form.setError, ACTION_FIELDS));
    }
  });
  if (!open) {
    return (
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen(true)} aria-label={t('meetings.ui.action.addTo', { title: item.title })}>
        {t('meetings.ui.action.add')}
      </button>
    );
  }
  return (
    <form className="form subform" onSubmit={onSubmit} noValidate aria-label={t('meetings.ui.action.addTo', { title: item.title })}>
      <ErrorBanner error={banner} />
      <div className="form-grid">
        <ActionFields form={form} />
      </div>
      <FormActions submitLabel={t('meetings.ui.action.save')} busy={form.formState.isSubmitting} onCancel={() => setOpen(false)} />
    </form>
  );
}

const erratumFormSchema = z.object({ date: isoDate, text: requiredText(4000) });

function Errata({ detail, reload, report }: TabProps) {
  const { t, date } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const form = useForm<z.input<typeof erratumFormSchema>>({ resolver: zodResolver(erratumFormSchema) as never, defaultValues: { date: todayIso(), text: '' } });
  const {
    register,
    formState: { errors },
  } = form;
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('meetings.addErratum', { meetingId: detail.meeting.id, ...values });
      form.reset({ date: todayIso(), text: '' });
      report(null, t('meetings.ui.errata.added'));
      reload();
    } catch (e) {
      setBanner(applyServerError(e, form.setError, ['date', 'text']));
    }
  });
  return (
    <Section title={t('meetings.doc.errata')} id="errata">
      <p className="section-intro">{t('meetings.ui.errata.intro')}</p>
      {detail.errata.length ? (
        <ul className="plain-list">
          {detail.errata.map((e) => (
            <li key={e.id}>
              <strong>{date(e.date)} :</strong> {e.text}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="form subform" onSubmit={onSubmit} noValidate aria-label={t('meetings.ui.errata.add')}>
        <ErrorBanner error={banner} />
        <div className="form-grid">
          <Field label={t('meetings.ui.errata.date')} error={errors.date} required>
            {(p) => <DateInput {...p} {...register('date')} />}
          </Field>
          <Field label={t('meetings.ui.errata.text')} error={errors.text} required wide>
            {(p) => <textarea {...p} {...register('text')} rows={2} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('meetings.ui.errata.add')}
          </button>
        </div>
      </form>
    </Section>
  );
}
