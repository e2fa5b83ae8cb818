// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ApiError } from '../../../shared/api/errors';
import {
  MAIL_SECURITIES,
  PLACEHOLDERS,
  mailSettingsSchema,
  unknownPlaceholders,
  type MailRequestInput,
  type MailSettings,
  type MailSettingsView,
  type Wording,
  type WordingKind,
} from '../../../shared/features/mail/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError, blanks } from '../../components/forms';
import { Loading, Section } from '../../components/Page';
import { todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { SendMailDialog } from './SendMailDialog';
import './mail.css';

const FIELDS = ['host', 'port', 'security', 'user', 'fromName', 'fromAddress', 'replyTo'];

/** Réglages › Courrier: the server, the sender, the password (kept out of the base), a test, the wordings and the batches. */
export function MailSettingsSection() {
  const { t } = useI18n();
  const view = useQuery('mail.settings.get', {});
  return (
    <>
      <Section title={t('mail.settings.title')} id="settings-mail">
        <p className="section-intro">{t('mail.settings.intro')}</p>
        <ErrorBanner error={view.error} />
        {view.data ? <MailSettingsForm view={view.data} onSaved={view.reload} /> : view.error ? null : <Loading />}
      </Section>
      <WordingsSection />
      <BatchesSection />
    </>
  );
}

function MailSettingsForm({ view, onSaved }: { view: MailSettingsView; onSaved: () => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm({ resolver: zodResolver(mailSettingsSchema), defaultValues: blanks(view.settings) as unknown as MailSettings });

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setNotice(null);
    try {
      const saved = await api.call('mail.settings.update', values);
      reset(blanks(saved.settings) as unknown as MailSettings);
      setNotice(t('mail.settings.saved'));
      onSaved();
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });

  const test = async () => {
    setTesting(true);
    setBanner(null);
    setNotice(null);
    try {
      const result = await api.call('mail.test', { to: null });
      setNotice(result.file ? t('mail.settings.testWritten', { file: result.file }) : t('mail.settings.testSent', { to: result.to }));
    } catch (e) {
      setBanner(toApiError(e));
    } finally {
      setTesting(false);
    }
  };

  return (
    <>
      <ErrorBanner error={banner} />
      <SuccessBanner message={notice} />
      {view.emlDir ? <p className="banner banner-info">{t('mail.settings.emlMode', { dir: view.emlDir })}</p> : null}
      <form className="form" onSubmit={onSubmit} noValidate aria-label={t('mail.settings.title')}>
        <fieldset className="form-grid">
          <Field label={t('mail.settings.host')} error={errors.host} hint={t('mail.settings.hostHint')}>
            {(p) => <input {...p} {...register('host')} autoComplete="off" placeholder="smtp.exemple.fr" />}
          </Field>
          <Field label={t('mail.settings.port')} error={errors.port} required>
            {(p) => <input {...p} {...register('port', { valueAsNumber: true })} type="number" min={1} max={65535} className="input-short" />}
          </Field>
          <Field label={t('mail.settings.security')} error={errors.security} required>
            {(p) => (
              <select {...p} {...register('security')}>
                {MAIL_SECURITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`mail.security.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('mail.settings.user')} error={errors.user}>
            {(p) => <input {...p} {...register('user')} autoComplete="username" />}
          </Field>
          <Field label={t('mail.settings.fromName')} error={errors.fromName}>
            {(p) => <input {...p} {...register('fromName')} />}
          </Field>
          <Field label={t('mail.settings.fromAddress')} error={errors.fromAddress}>
            {(p) => <input {...p} {...register('fromAddress')} type="email" />}
          </Field>
          <Field label={t('mail.settings.replyTo')} error={errors.replyTo}>
            {(p) => <input {...p} {...register('replyTo')} type="email" />}
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {t('mail.settings.save')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void test()} disabled={testing || isDirty}>
            {t('mail.settings.test')}
          </button>
        </div>
      </form>
      <PasswordField view={view} onSaved={onSaved} />
    </>
  );
}

function PasswordField({ view, onSaved }: { view: MailSettingsView; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!view.canStorePassword) {
    const source = view.passwordSource === 'env' ? 'mail.settings.passwordFromEnv' : view.passwordSource === 'file' ? 'mail.settings.passwordFromFile' : 'mail.settings.passwordServer';
    return <p className="field-hint">{t(source)}</p>;
  }
  const save = async (value: string | null) => {
    setError(null);
    try {
      await api.call('mail.settings.setPassword', { password: value });
      setPassword('');
      setNotice(t('mail.settings.passwordSaved'));
      onSaved();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <div className="form">
      <ErrorBanner error={error} />
      <SuccessBanner message={notice} />
      <div className="field">
        <label htmlFor={id}>{t('mail.settings.password')}</label>
        <input id={id} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${id}-hint`} />
        <p className="field-hint" id={`${id}-hint`}>
          {view.passwordSource === 'safeStorage' ? t('mail.settings.passwordSet') : t('mail.settings.passwordHint')}
        </p>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={() => void save(password)} disabled={password === ''}>
          {t('mail.settings.passwordSave')}
        </button>
        {view.passwordSource === 'safeStorage' ? (
          <button type="button" className="btn btn-secondary" onClick={() => void save(null)}>
            {t('mail.settings.passwordClear')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function WordingsSection() {
  const { t } = useI18n();
  const wordings = useQuery('mail.wordings.list', {});
  const [kind, setKind] = useState<WordingKind>('notice');
  // Kept here: the form is drawn anew with the saved text, and « Texte enregistré. » must stay.
  const [notice, setNotice] = useState<string | null>(null);
  const selectId = useId();
  const current = wordings.data?.items.find((w) => w.kind === kind);
  const saved = (message: string) => {
    setNotice(message);
    wordings.reload();
  };
  return (
    <Section title={t('mail.wordings.title')} id="settings-mail-wordings">
      <ErrorBanner error={wordings.error} />
      <SuccessBanner message={notice} />
      <div className="field">
        <label htmlFor={selectId}>{t('mail.wordings.kind')}</label>
        <select
          id={selectId}
          value={kind}
          onChange={(e) => {
            setNotice(null);
            setKind(e.target.value as WordingKind);
          }}
        >
          {(wordings.data?.items ?? []).map((w) => (
            <option key={w.kind} value={w.kind}>
              {t(`mail.kind.${w.kind}`)}
              {w.customised ? ` (${t('mail.wordings.customised')})` : ''}
            </option>
          ))}
        </select>
      </div>
      {current ? <WordingForm key={`${current.kind}-${current.subject}-${current.body}`} wording={current} onSaved={saved} onEdit={() => setNotice(null)} /> : null}
    </Section>
  );
}

function WordingForm({ wording, onSaved, onEdit }: { wording: Wording; onSaved: (message: string) => void; onEdit: () => void }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState(wording.subject);
  const [body, setBody] = useState(wording.body);
  const [error, setError] = useState<ApiError | null>(null);
  const subjectId = useId();
  const bodyId = useId();
  const fields = PLACEHOLDERS[wording.kind].map((p) => `{${p}}`).join(', ');
  // The same check as the service, next to the field, before anything is saved.
  const problem = (text: string) => {
    const unknown = unknownPlaceholders(wording.kind, text);
    return unknown.length ? t('error.mail.unknownPlaceholder', { name: `{${unknown[0]}}`, allowed: fields }) : null;
  };
  const serverIssue = (path: string) => {
    const issue = error?.issues?.find((i) => i.path === path);
    return issue ? t(issue.key as 'error.mail.unknownPlaceholder', issue.params) : null;
  };
  const subjectProblem = problem(subject) ?? serverIssue('subject');
  const bodyProblem = problem(body) ?? serverIssue('body');
  const save = async () => {
    setError(null);
    onEdit();
    try {
      await api.call('mail.wordings.update', { kind: wording.kind, subject, body });
      onSaved(t('mail.wordings.saved'));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const restore = async () => {
    setError(null);
    try {
      await api.call('mail.wordings.reset', { kind: wording.kind });
      onSaved(t('mail.wordings.wasReset'));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <div className="form mail-wording">
      {error && !error.issues?.length ? <ErrorBanner error={error} /> : null}
      <p className="field-hint">{t('mail.wordings.fields', { fields })}</p>
      <div className="field field-wide">
        <label htmlFor={subjectId}>{t('mail.wordings.subject')}</label>
        <input id={subjectId} value={subject} onChange={(e) => {
            onEdit();
            setSubject(e.target.value);
          }} aria-invalid={Boolean(subjectProblem)} aria-describedby={subjectProblem ? `${subjectId}-error` : undefined} />
        {subjectProblem ? (
          <p className="field-error" id={`${subjectId}-error`} role="alert">
            {subjectProblem}
          </p>
        ) : null}
      </div>
      <div className="field field-wide">
        <label htmlFor={bodyId}>{t('mail.wordings.body')}</label>
        <textarea id={bodyId} value={body} onChange={(e) => {
            onEdit();
            setBody(e.target.value);
          }} rows={10} aria-invalid={Boolean(bodyProblem)} aria-describedby={bodyProblem ? `${bodyId}-error` : undefined} />
        {bodyProblem ? (
          <p className="field-error" id={`${bodyId}-error`} role="alert">
            {bodyProblem}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={Boolean(problem(subject) ?? problem(body))}>
          {t('mail.wordings.save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => void restore()} disabled={!wording.customised}>
          {t('mail.wordings.reset')}
        </button>
      </div>
    </div>
  );
}

const BATCHES = ['certificate', 'reminder_time', 'reminder_observatory', 'reminder_actions', 'reminder_membership'] as const;

/** Certificates and reminders: each opens the same preview-then-send dialog. */
function BatchesSection() {
  const { t } = useI18n();
  const yearId = useId();
  const [year, setYear] = useState(() => Number(todayIso().slice(0, 4)));
  const [open, setOpen] = useState<MailRequestInput | null>(null);
  const requestOf = (kind: (typeof BATCHES)[number]): MailRequestInput =>
    kind === 'reminder_time' || kind === 'reminder_actions' ? { kind } : { kind, year };
  return (
    <Section title={t('mail.reminders.title')} id="settings-mail-batches">
      <p className="section-intro">{t('mail.reminders.intro')}</p>
      <div className="field">
        <label htmlFor={yearId}>{t('mail.reminders.year')}</label>
        <input id={yearId} type="number" min={1901} max={2200} value={year} onChange={(e) => setYear(Number(e.target.value))} className="input-short" />
      </div>
      <ul className="document-list">
        {BATCHES.map((kind) => (
          <li key={kind}>
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(requestOf(kind))}>
              {t(`mail.kind.${kind}`)}
            </button>
          </li>
        ))}
      </ul>
      {open ? <SendMailDialog request={open} title={t(`mail.kind.${open.kind}`)} onClose={() => setOpen(null)} /> : null}
    </Section>
  );
}
