import { useState, type FormEventHandler, type ReactNode } from 'react';
import type { ApiError } from '../../shared/api/errors';
import { DiscardChangesDialog, Modal } from './Dialog';
import { ErrorBanner } from './ErrorBanner';
import { FormActions, type Deletion } from './FormActions';
import { useUnsavedChanges } from './useUnsavedChanges';

interface FormDialogProps {
  title: string;
  /** The form's accessible name (the title when omitted). */
  formLabel?: string;
  dirty: boolean;
  banner: ApiError | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  deletion?: Deletion;
  size?: 'small' | 'large';
  children: ReactNode;
}

/**
 * The one frame for correcting a record: a modal holding its form, the refusal above the fields,
 * "Enregistrer · Annuler · Supprimer" below, and « Quitter sans enregistrer ? » before losing a change.
 */
export function FormDialog({ title, formLabel, dirty, banner, busy, submitLabel, onSubmit, onClose, deletion, size = 'small', children }: FormDialogProps) {
  const [confirmClose, setConfirmClose] = useState(false);
  const { dialog: leaveDialog } = useUnsavedChanges(dirty && !busy);
  const requestClose = () => (dirty ? setConfirmClose(true) : onClose());
  return (
    <Modal title={title} onClose={requestClose} size={size}>
      <form className="form" aria-label={formLabel ?? title} onSubmit={onSubmit} noValidate>
        <ErrorBanner error={banner} />
        <div className="form-grid">{children}</div>
        <FormActions submitLabel={submitLabel} busy={busy} onCancel={requestClose} deletion={deletion} />
      </form>
      {confirmClose ? <DiscardChangesDialog onLeave={onClose} onStay={() => setConfirmClose(false)} /> : null}
      {leaveDialog}
    </Modal>
  );
}
