import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

interface ModalProps {
  title: string;
  /** Escape and the close button call this; the caller decides (it may ask about unsaved changes). */
  onClose: () => void;
  children: ReactNode;
  size?: 'small' | 'large';
}

/** A native modal <dialog>: focus is kept inside and returned to the opener by the browser. */
export function Modal({ title, onClose, children, size = 'small' }: ModalProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    opener.current = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn-icon" onClick={onClose} aria-label={t('action.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something that is hard to undo. The safe answer has the focus. */
export function ConfirmDialog({ title, message, confirmLabel, cancelLabel, danger, busy, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useI18n();
  return (
    <Modal title={title} onClose={onCancel}>
      <div className="confirm-message">{message}</div>
      <div className="form-actions">
        <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel} autoFocus>
          {cancelLabel ?? t('action.cancel')}
        </button>
      </div>
    </Modal>
  );
}

/** "Quitter sans enregistrer ?": the one question asked wherever unsaved changes could be lost. */
export function DiscardChangesDialog({ onLeave, onStay }: { onLeave: () => void; onStay: () => void }) {
  const { t } = useI18n();
  return (
    <ConfirmDialog
      title={t('unsaved.title')}
      message={<p>{t('unsaved.message')}</p>}
      confirmLabel={t('unsaved.leave')}
      cancelLabel={t('unsaved.stay')}
      danger
      onConfirm={onLeave}
      onCancel={onStay}
    />
  );
}
