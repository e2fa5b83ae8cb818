import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ConfirmDialog } from './Dialog';

/** How a record is deleted from its form: « Supprimer … ? » is asked first, with the same dialog everywhere. */
export interface Deletion {
  /** The question, « Supprimer la décision 2026-03 ? ». */
  question: string;
  /** What else the person should know (what goes with it). */
  message?: ReactNode;
  /** Deletes; reports its own refusal (the dialog closes either way). */
  run: () => Promise<void>;
}

/** The row under a form: the primary submit button, then "Annuler"; "Supprimer" last when the record can go. */
export function FormActions({ submitLabel, busy, onCancel, deletion }: { submitLabel: ReactNode; busy: boolean; onCancel: () => void; deletion?: Deletion }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {submitLabel}
      </button>
      <button type="button" className="btn btn-secondary" onClick={onCancel}>
        {t('action.cancel')}
      </button>
      {deletion ? (
        <>
          <button type="button" className="btn btn-danger-quiet form-actions-end" onClick={() => setAsking(true)} disabled={busy}>
            {t('action.remove')}
          </button>
          {asking ? (
            <ConfirmDialog
              title={deletion.question}
              message={deletion.message ?? <p>{t('edit.deleteLogged')}</p>}
              confirmLabel={t('action.remove')}
              danger
              busy={deleting}
              onConfirm={() => {
                setDeleting(true);
                void deletion.run().finally(() => {
                  setDeleting(false);
                  setAsking(false);
                });
              }}
              onCancel={() => setAsking(false)}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
