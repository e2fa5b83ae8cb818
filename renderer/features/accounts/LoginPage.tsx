// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { newPasswordSchema, type SessionUser } from '../../../shared/features/accounts/contract';
import { api, toApiError } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError } from '../../components/forms';
import { usePageTitle } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

type LoggedIn = { csrfToken: string; user: SessionUser };

function Centered({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <main className="login-page" id="contenu">
      <div className="login-card">
        <p className="brand-name">Maillage</p>
        <h1>{title}</h1>
        <p>{intro}</p>
        {children}
      </div>
    </main>
  );
}

const loginSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });
type LoginValues = z.infer<typeof loginSchema>;

export function LoginPage({ onDone, sessionLost = false }: { onDone: (session: LoggedIn) => void; sessionLost?: boolean }) {
  const { t, tKey } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(
    sessionLost ? { code: 'UNAUTHORIZED', key: 'accounts.error.notLoggedIn', message: tKey('accounts.error.notLoggedIn') } : null,
  );
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });
  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      onDone(await api.call('auth.login', values));
    } catch (e) {
      setBanner(toApiError(e));
    }
  });
  return (
    <Centered title={t('accounts.ui.loginTitle')} intro={t('accounts.ui.loginIntro')}>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label={t('accounts.ui.email')} error={errors.email} required>
          {(p) => <input {...p} {...register('email')} type="email" autoComplete="username" autoFocus />}
        </Field>
        <Field label={t('accounts.ui.password')} error={errors.password} required>
          {(p) => <input {...p} {...register('password')} type="password" autoComplete="current-password" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {t('accounts.ui.login')}
          </button>
        </div>
      </form>
    </Centered>
  );
}

const choosePasswordSchema = z
  .object({ password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'error.passwordsDiffer' });
type ChooseValues = z.infer<typeof choosePasswordSchema>;

export function InvitationPage({ token, onDone }: { token: string; onDone: (session: LoggedIn) => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChooseValues>({ resolver: zodResolver(choosePasswordSchema), defaultValues: { password: '', confirm: '' } });
  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      onDone(await api.call('auth.acceptInvitation', { token, password: values.password }));
    } catch (e) {
      setBanner(applyServerError(e, setError, ['password']));
    }
  });
  return (
    <Centered title={t('accounts.ui.invitationTitle')} intro={t('accounts.ui.invitationIntro')}>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label={t('accounts.ui.newPassword')} error={errors.password} required>
          {(p) => <input {...p} {...register('password')} type="password" autoComplete="new-password" autoFocus />}
        </Field>
        <Field label={t('accounts.ui.confirmPassword')} error={errors.confirm} required>
          {(p) => <input {...p} {...register('confirm')} type="password" autoComplete="new-password" />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {t('accounts.ui.accept')}
          </button>
        </div>
      </form>
    </Centered>
  );
}
