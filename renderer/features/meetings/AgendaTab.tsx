// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { agendaItemUpdateSchema, plannedMinutes, type AgendaItem } from '../../../shared/features/meetings/schemas';
import { requiredText } from '../../../shared/validation/fields';
import { api, toApiError } from '../../api/client';
import { ConfirmDialog, Modal } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { FormPicker } from '../../components/RecordPicker';
import type { TabProps } from './MeetingPage';

const itemFormSchema = z.object({ title: requiredText(300), presenterPersonId: z.number().int().positive().nullish().transform((v) => v ?? null), plannedMinutes });
type ItemForm = z.input<typeof itemFormSchema>;
const ITEM_FIELDS = ['title', 'presenterPersonId', 'plannedMinutes'];
const minutesValue = (v: unknown) => (v === '' || v === null || v === undefined || Number.isNaN(v) ? null : Number(v));

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** The agenda: add, edit, remove points; reorder with the buttons, Alt+↑/↓, or by dragging. */
export function AgendaTab({ detail, editable, reload, report }: TabProps) {
  const { t, number, date } = useI18n();
  const [items, setItems] = useState<AgendaItem[]>(detail.agenda);
  const [editing, setEditing] = useState<AgendaItem | null>(null);
  const [removing, setRemoving] = useState<AgendaItem | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const rows = useRef(new Map<number, HTMLLIElement>());
  const focusAfter = useRef<number | null>(null);

  useEffect(() => setItems(detail.agenda), [detail.agenda]);
  useEffect(() => {
    if (focusAfter.current !== null) {
      rows.current.get(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  });

  const total = items.reduce((s, i) => s + (i.plannedMinutes ?? 0), 0);

  const reorder = async (next: AgendaItem[], movedId: number) => {
    const previous = items;
    setItems(next);
    focusAfter.current = movedId;
    const position = next.findIndex((i) => i.id === movedId) + 1;
    setAnnouncement(t('meetings.ui.agenda.moved', { title: next[position - 1]!.title, position, count: next.length }));
    try {
      await api.call('meetings.reorderAgenda', { meetingId: detail.meeting.id, itemIds: next.map((i) => i.id) });
      report(null);
      reload();
    } catch (e) {
      setItems(previous);
      report(toApiError(e));
    }
  };
  const step = (index: number, delta: -1 | 1) => {
    const to = index + delta;
    if (to < 0 || to >= items.length) return;
    void reorder(move(items, index, to), items[index]!.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (!editable || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    step(index, e.key === 'ArrowUp' ? -1 : 1);
  };
  const onDrop = (e: DragEvent<HTMLLIElement>, index: number) => {
    e.preventDefault();
    const from = items.findIndex((i) => i.id === dragged);
    setDragged(null);
    if (from < 0 || from === index) return;
    void reorder(move(items, from, index), items[from]!.id);
  };

  const remove = async (item: AgendaItem) => {
    try {
      await api.call('meetings.removeAgendaItem', { id: item.id, version: item.version });
      report(null, t('meetings.ui.agenda.removed'));
      reload();
    } catch (e) {
      report(toApiError(e));
    } finally {
      setRemoving(null);
    }
  };

  const addApproval = async (approvesMeetingId: number) => {
    try {
      await api.call('meetings.addApprovalItem', { meetingId: detail.meeting.id, approvesMeetingId });
      reload();
    } catch (e) {
      report(toApiError(e));
    }
  };

  return (
    <>
      {editable && detail.pendingApprovals.length ? (
        <div className="banner banner-info">
          {detail.pendingApprovals.map((p) => (
            <p key={p.id}>
              {t('meetings.ui.agenda.pendingApproval', { title: p.title, date: date(p.date) })}{' '}
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void addApproval(p.id)}>
                {t('meetings.ui.agenda.addApproval')}
              </button>
            </p>
          ))}
        </div>
      ) : null}
      <Section title={t('meetings.ui.agenda.title')} id="agenda-title">
        {editable && items.length > 1 ? <p className="field-hint">{t('meetings.ui.agenda.reorderHint')}</p> : null}
        {items.length === 0 ? <p className="muted">{t('meetings.ui.agenda.empty')}</p> : null}
        <ol className="agenda-list" aria-labelledby="agenda-title">
          {items.map((item, index) => (
            <li
              key={item.id}
              ref={(el) => {
                if (el) rows.current.set(item.id, el);
                else rows.current.delete(item.id);
              }}
              tabIndex={editable ? 0 : undefined}
              draggable={editable}
              aria-describedby={editable ? 'agenda-keys' : undefined}
              className={`agenda-item${dragged === item.id ? ' agenda-item-dragged' : ''}`}
              onKeyDown={(e) => onKeyDown(e, index)}
              onDragStart={(e) => {
                setDragged(item.id);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', String(item.id));
              }}
              onDragEnd={() => setDragged(null)}
              onDragOver={(e) => {
                if (dragged !== null) e.preventDefault();
              }}
              onDrop={(e) => onDrop(e, index)}
            >
              {editable ? (
                <span className="drag-handle" aria-hidden="true" title={t('meetings.ui.agenda.drag')}>
                  ⠿
                </span>
              ) : null}
              <span className="agenda-position">{index + 1}.</span>
              <span className="agenda-title">
                {item.title}
                <span className="muted">
                  {[item.presenterName, item.plannedMinutes ? t('meetings.ui.agenda.minutes', { minutes: item.plannedMinutes }) : null].filter(Boolean).join(' · ')}
                </span>
              </span>
              {editable ? (
                <span className="agenda-actions">
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => step(index, -1)} disabled={index === 0} aria-label={t('meetings.ui.agenda.up', { title: item.title })}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => step(index, 1)}
                    disabled={index === items.length - 1}
                    aria-label={t('meetings.ui.agenda.down', { title: item.title })}
                  >
                    ↓
                  </button>
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(item)} aria-label={t('meetings.ui.agenda.editOf', { title: item.title })}>
                    {t('action.edit')}
                  </button>
                  <button type="button" className="btn btn-danger-quiet btn-small" onClick={() => setRemoving(item)} aria-label={t('meetings.ui.agenda.removeOf', { title: item.title })}>
                    {t('action.remove')}
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        <p id="agenda-keys" className="visually-hidden">
          {t('meetings.ui.agenda.keys')}
        </p>
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
        {items.length ? <p className="muted">{t('meetings.ui.agenda.total', { minutes: number(total), hours: number(Math.round((total / 60) * 10) / 10) })}</p> : null}
      </Section>
      {editable ? <AddItemForm meetingId={detail.meeting.id} onAdded={reload} /> : null}
      {editing ? (
        <Modal title={t('meetings.ui.agenda.editTitle')} onClose={() => setEditing(null)}>
          <ItemEditor
            item={editing}
            onDone={() => {
              setEditing(null);
              reload();
            }}
          />
        </Modal>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('meetings.ui.agenda.removeTitle')}
          message={<p>{t('meetings.ui.agenda.removeMessage', { title: removing.title })}</p>}
          confirmLabel={t('action.remove')}
          danger
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </>
  );
}

function ItemFields({ form }: { form: ReturnType<typeof useForm<ItemForm>> }) {
  const { t } = useI18n();
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <div className="form-grid">
      <Field label={t('meetings.ui.agenda.itemTitle')} error={errors.title} required wide>
        {(p) => <input {...p} {...register('title')} />}
      </Field>
      <Field label={t('meetings.ui.agenda.presenter')} error={errors.presenterPersonId}>
        {(p) => <FormPicker {...p} control={form.control} name="presenterPersonId" source="people" emptyLabel={t('common.none')} />}
      </Field>
      <Field label={t('meetings.ui.agenda.plannedMinutes')} error={errors.plannedMinutes} hint={t('meetings.ui.agenda.plannedMinutesHint')}>
        {(p) => <input {...p} {...register('plannedMinutes', { setValueAs: minutesValue })} type="number" min={1} max={1440} className="input-short" />}
      </Field>
    </div>
  );
}

function AddItemForm({ meetingId, onAdded }: { meetingId: number; onAdded: () => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ReturnType<typeof toApiError> | null>(null);
  const form = useForm<ItemForm>({ resolver: zodResolver(itemFormSchema) as never, defaultValues: { title: '', presenterPersonId: null, plannedMinutes: null } });
  const onSubmit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('meetings.addAgendaItem', { meetingId, ...itemFormSchema.parse(values) });
      form.reset({ title: '', presenterPersonId: values.presenterPersonId, plannedMinutes: null });
      form.setFocus('title');
      onAdded();
    } catch (e) {
      setBanner(applyServerError(e, form.setError, ITEM_FIELDS));
    }
  });
  return (
    <form className="form subform" onSubmit={onSubmit} noValidate aria-label={t('meetings.ui.agenda.add')}>
      <h3>{t('meetings.ui.agenda.add')}</h3>
      <ErrorBanner error={banner} />
      <ItemFields form={form} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          {t('meetings.ui.agenda.addButton')}
        </button>
      </div>
    </form>
  );
}

function ItemEditor({ item, onDone }: { item: AgendaItem; onDone: () => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ReturnType<typeof toApiError> | null>(null);
  const form = useForm<ItemForm>({
    resolver: zodResolver(itemFormSchema) as never,
    defaultValues: { title: item.title, presenterPersonId: item.presenterPersonId, plannedMinutes: item.plannedMinutes },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await api.call('meetings.updateAgendaItem', agendaItemUpdateSchema.parse({ id: item.id, version: item.version, ...values }));
      onDone();
    } catch (e) {
      setBanner(applyServerError(e, form.setError, ITEM_FIELDS));
    }
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorBanner error={banner} />
      <ItemFields form={form} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('action.save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
