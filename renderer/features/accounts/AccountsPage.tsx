// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { ROLES } from '../../../shared/api/roles';
import { newPasswordSchema, userInputSchema, type User } from '../../../shared/features/accounts/contract';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { formatMoment } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { FormPicker } from '../../components/RecordPicker';
import { useSession } from './SessionGate';

interface AddValues {
  email: string;
  role: (typeof ROLES)[number];
  organisationId: string;
  displayName: string;
  sendInvitation: boolean;
}

const addSchema = z.object({ email: z.string(), role: z.enum(ROLES), organisationId: z.string(), displayName: z.string(), sendInvitation: z.boolean() });

/** The secretariat's accounts: who can log in to the server, with which role; invitations handed out here. */
export function AccountsPage() {
  const { t, tKey, language } = useI18n();
  const users = useQuery('users.list', {});
  const { user: me } = useSession();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AddValues>({ resolver: zodResolver(addSchema), defaultValues: { email: '', role: 'structure', organisationId: '', displayName: '', sendInvitation: true } });
  const role = watch('role');

  /** The link is shown whatever happened to the mail: it can always be handed over another way. */
  const showInvitation = (email: string, invitation: { url: string; expiresAt: string }, mailed: { status: 'sent' | 'written' | 'failed'; file: string | null; error: string | null } | null) => {
    const link = t('accounts.ui.invitationLink', { email, until: formatMoment(invitation.expiresAt, language) });
    if (mailed?.status === 'failed') setBanner({ code: 'VALIDATION', key: 'invite.ui.failed', message: t('invite.ui.failed', { email, error: mailed.error ?? '' }) });
    const sent = mailed?.status === 'sent' ? t('invite.ui.sent', { email }) : mailed?.status === 'written' ? t('invite.ui.written', { file: mailed.file ?? '' }) : null;
    setNotice(sent ? `${sent} ${link}` : link);
    setLink(invitation.url);
  };

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setNotice(null);
    setLink(null);
    const input = { email: values.email, role: values.role, organisationId: values.role === 'structure' && values.organisationId ? Number(values.organisationId) : null, displayName: values.displayName || null, sendInvitation: values.sendInvitation };
    const parsed = userInputSchema.safeParse(input);
    try {
      const { user, invitation, mailed } = await api.call('users.add', parsed.success ? parsed.data : input);
      reset();
      showInvitation(user.email, invitation, mailed);
      users.reload();
    } catch (e) {
      setBanner(applyServerError(e, setError, ['email', 'role', 'organisationId', 'displayName']));
    }
  });

  const act = async (user: User, action: 'disable' | 'reset') => {
    setBanner(null);
    setNotice(null);
    setLink(null);
    try {
      if (action === 'disable') {
        await api.call('users.disable', { id: user.id });
        setNotice(t('accounts.ui.disabledDone', { email: user.email }));
      } else {
        const { invitation, mailed } = await api.call('users.reset', { id: user.id, sendInvitation: true });
        showInvitation(user.email, invitation, mailed);
      }
      users.reload();
    } catch (e) {
      setBanner(toApiError(e));
    }
  };

  return (
    <div className="page-narrow">
      <PageHeader title={t('accounts.ui.accountsTitle')} />
      <ErrorBanner error={banner ?? users.error} />
      <SuccessBanner message={notice} action={link ? <input className="invitation-link" readOnly value={link} aria-label={t('accounts.ui.invitationTitle')} onFocus={(e) => e.currentTarget.select()} /> : undefined} />
      {users.data ? (
        users.data.items.length === 0 ? (
          <EmptyState title={t('accounts.ui.empty')} />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('accounts.ui.email')}</th>
                <th>{t('accounts.ui.displayName')}</th>
                <th>{t('accounts.ui.role')}</th>
                <th>{t('accounts.ui.organisation')}</th>
                <th>{t('accounts.ui.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>{u.displayName}</td>
                  <td>{tKey(`accounts.role.${u.role}`)}</td>
                  <td>{u.organisationName ?? ''}</td>
                  <td>{tKey(`accounts.status.${u.status}`)}</td>
                  <td>
                    {u.id === me?.id ? null : (
                      <>
                        {u.status !== 'disabled' ? (
                          <button type="button" className="btn btn-secondary btn-small" onClick={() => void act(u, 'disable')} aria-label={`${t('accounts.ui.disable')} ${u.email}`}>
                            {t('accounts.ui.disable')}
                          </button>
                        ) : null}{' '}
                        <button type="button" className="btn btn-secondary btn-small" onClick={() => void act(u, 'reset')} aria-label={`${t('accounts.ui.reset')} ${u.email}`}>
                          {t('accounts.ui.reset')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : users.error ? null : (
        <Loading />
      )}
      <Section title={t('accounts.ui.addTitle')}>
        <form className="form" onSubmit={onSubmit} noValidate>
          <fieldset className="form-grid">
            <Field label={t('accounts.ui.email')} error={errors.email} required>
              {(p) => <input {...p} {...register('email')} type="email" autoComplete="off" />}
            </Field>
            <Field label={t('accounts.ui.displayName')} error={errors.displayName}>
              {(p) => <input {...p} {...register('displayName')} autoComplete="off" />}
            </Field>
            <Field label={t('accounts.ui.role')} error={errors.role} required>
              {(p) => (
                <select {...p} {...register('role')}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {tKey(`accounts.role.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {role === 'structure' ? (
              <Field label={t('accounts.ui.organisation')} error={errors.organisationId} required>
                {(p) => <FormPicker {...p} control={control} name="organisationId" source="organisations" kind="member" emptyLabel="—" />}
              </Field>
            ) : null}
            <label className="inline-choice field-wide">
              <input type="checkbox" {...register('sendInvitation')} /> {t('invite.ui.send')}
            </label>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
              {t('accounts.ui.add')}
            </button>
          </div>
        </form>
      </Section>
    </div>
  );
}

const changeSchema = z
  .object({ currentPassword: z.string().min(1), newPassword: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'error.passwordsDiffer' });
type ChangeValues = z.infer<typeof changeSchema>;

/** Any account's own page: its password. */
export function MyAccountPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChangeValues>({ resolver: zodResolver(changeSchema), defaultValues: { currentPassword: '', newPassword: '', confirm: '' } });
  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setNotice(null);
    try {
      await api.call('auth.changePassword', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      reset();
      setNotice(t('accounts.ui.passwordChanged'));
    } catch (e) {
      setBanner(applyServerError(e, setError, ['currentPassword', 'newPassword']));
    }
  });
  return (
    <div className="page-narrow">
      <PageHeader title={t('accounts.ui.changePasswordTitle')} subtitle={user ? `${user.displayName} — ${user.email}` : undefined} />
      <ErrorBanner error={banner} />
      <SuccessBanner message={notice} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label={t('accounts.ui.currentPassword')} error={errors.currentPassword} required>
          {(p) => <input {...p} {...register('currentPassword')} type="password" autoComplete="current-password" />}
        </Field>
        <Field label={t('accounts.ui.newPassword')} error={errors.newPassword} required>
          {(p) => <input {...p} {...register('newPassword')} type="password" autoComplete="new-password" />}
        </Field>
        <Field label={t('accounts.ui.confirmPassword')} error={errors.confirm} required>
          {(p) => <input {...p} {...register('confirm')} type="password" autoComplete="new-password" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {t('accounts.ui.changePassword')}
          </button>
        </div>
      </form>
    </div>
  );
}
