import { useId, type ReactNode } from 'react';
import type { FieldError as HookFieldError } from 'react-hook-form';
import { useI18n } from '../i18n/I18nProvider';
import { decodeMessage } from './forms';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

interface FieldProps {
  label: string;
  error?: HookFieldError | { message?: string } | undefined;
  hint?: string;
  required?: boolean;
  /** Spans the whole row of the form grid (addresses, notes). */
  wide?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A label above its control, an optional hint, and the error in red right under it. */
export function Field({ label, error, hint, required, wide, className, children }: FieldProps) {
  const { t, tKey } = useI18n();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', wide ? 'field-wide' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true" title={t('form.required')}>
            {' '}*
          </span>
        ) : null}
      </label>
      {children({ id, 'aria-invalid': Boolean(errorId), 'aria-describedby': describedBy, 'aria-required': required || undefined })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p className="field-error" id={errorId} role="alert">
          {(() => {
            const { key, params } = decodeMessage(error?.message ?? '');
            return tKey(key, params);
          })()}
        </p>
      ) : null}
    </div>
  );
}
