import { useEffect, useId, useState } from 'react';
import './backup-folder.css';
import { api, isDesktop, toApiError } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * Where each backup is copied as well: a USB key, a shared folder. Chosen in the system's folder
 * dialog on the desktop, typed as a path in web mode (a browser cannot name a folder); the service
 * refuses, in French, a folder that is missing or read-only.
 */
export function BackupFolder({ current, onSaved }: { current: string | null; onSaved: (message: string) => void }) {
  const { t, tKey } = useI18n();
  const id = useId();
  const [folder, setFolder] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setFolder(current ?? ''), [current]);

  const choose = async () => {
    setError(null);
    try {
      const { folder: chosen } = await api.call('files.chooseFolder', {});
      if (chosen) {
        setFolder(chosen);
        await save(chosen);
      }
    } catch (e) {
      const apiError = toApiError(e);
      setError(tKey(apiError.key, apiError.params));
    }
  };

  const save = async (next: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.call('data.backups.setFolder', { folder: next });
      onSaved(saved.folder ? t('backupFolder.saved', { folder: saved.folder }) : t('backupFolder.cleared'));
    } catch (e) {
      const apiError = toApiError(e);
      const issue = apiError.issues?.[0];
      setError(issue ? tKey(issue.key, issue.params) : tKey(apiError.key, apiError.params));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form subform backup-folder"
      aria-label={t('backupFolder.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(folder.trim() === '' ? null : folder.trim());
      }}
    >
      <div className="field field-wide">
        <label htmlFor={id}>{t('backupFolder.label')}</label>
        <input
          id={id}
          className="mono"
          value={folder}
          placeholder={t('backupFolder.placeholder')}
          onChange={(e) => setFolder(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
        />
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : (
          <p className="field-hint" id={`${id}-hint`}>
            {current ? t('backupFolder.current', { folder: current }) : t('backupFolder.none')}
          </p>
        )}
      </div>
      <div className="form-actions">
        {isDesktop() ? (
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void choose()}>
            {t('backupFolder.choose')}
          </button>
        ) : null}
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          {t('backupFolder.save')}
        </button>
        {current ? (
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void save(null)}>
            {t('backupFolder.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
