import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { DatabaseLocationView } from '../../../shared/features/database/contract';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * The desktop's choice of base: this computer's SQLite file, or a shared PostgreSQL base named by
 * its address. The password is typed apart and sent once to main, which keeps it encrypted by the
 * system keychain; it never comes back to this page. Shown only in the desktop app.
 */
export function DatabaseLocationSection() {
  const location = useQuery('database.location.get', {});
  if (!location.data?.available) return null;
  return <DatabaseLocationForm saved={location.data} onSaved={location.reload} />;
}

function DatabaseLocationForm({ saved, onSaved }: { saved: DatabaseLocationView; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState(saved.kind);
  const [url, setUrl] = useState(saved.url ?? '');
  const [password, setPassword] = useState('');
  const [forget, setForget] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setKind(saved.kind);
    setUrl(saved.url ?? '');
  }, [saved.kind, saved.url]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await api.call(
        'database.location.save',
        kind === 'sqlite' ? { kind } : { kind, url, ...(forget ? { password: null } : password ? { password } : {}) },
      );
      setPassword('');
      setForget(false);
      onSaved();
      setNotice(result.restartNeeded ? t('pg13a.ui.saved') : null);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('pg13a.ui.title')} id={`${id}-title`}>
      <p className="section-intro">{t('pg13a.ui.hint')}</p>
      <p className="section-intro">{t('pg13a.ui.current', { target: saved.current })}</p>
      <ErrorBanner error={error} />
      <SuccessBanner message={notice ?? (saved.restartNeeded ? t('pg13a.ui.saved') : null)} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="form-grid">
          <legend className="visually-hidden">{t('pg13a.ui.title')}</legend>
          {(['sqlite', 'postgres'] as const).map((k) => (
            <div className="field field-check field-wide" key={k}>
              <input id={`${id}-${k}`} type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`${id}-${k}`}>{t(k === 'sqlite' ? 'pg13a.ui.sqlite' : 'pg13a.ui.postgres')}</label>
            </div>
          ))}
          {kind === 'postgres' ? (
            <>
              <div className="field field-wide">
                <label htmlFor={`${id}-url`}>{t('pg13a.ui.url')}</label>
                <input
                  id={`${id}-url`}
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                  placeholder="postgres://utilisateur@serveur:5432/base?sslmode=require"
                  spellCheck={false}
                  autoComplete="off"
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-password`}>{t('pg13a.ui.password')}</label>
                <input id={`${id}-password`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
                {saved.hasPassword ? <p className="field-hint">{t('pg13a.ui.passwordKept')}</p> : null}
              </div>
              {saved.hasPassword ? (
                <div className="field field-check">
                  <input id={`${id}-forget`} type="checkbox" checked={forget} onChange={(e) => setForget(e.target.checked)} />
                  <label htmlFor={`${id}-forget`}>{t('pg13a.ui.forgetPassword')}</label>
                </div>
              ) : null}
            </>
          ) : null}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('pg13a.ui.save')}
          </button>
        </div>
      </form>
    </Section>
  );
}
