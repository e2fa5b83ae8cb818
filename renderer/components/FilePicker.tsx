import type { Ref } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import './file-picker.css';

interface FilePickerProps {
  id: string;
  accept?: string;
  /** The name of the file chosen, shown next to the button. */
  fileName?: string | null;
  onFile: (file: File | undefined) => void;
  inputRef?: Ref<HTMLInputElement>;
  'aria-describedby'?: string;
  disabled?: boolean;
}

/**
 * A file field in the UI's language: the browser's own button reads « Choose File » in an English
 * browser, so the input is hidden and a French button (its label) stands in for it, keyboard included.
 */
export function FilePicker({ id, accept, fileName, onFile, inputRef, disabled, ...aria }: FilePickerProps) {
  const { t } = useI18n();
  return (
    <span className="file-picker">
      <input
        id={id}
        ref={inputRef}
        type="file"
        className="file-input"
        accept={accept}
        disabled={disabled}
        aria-describedby={aria['aria-describedby']}
        onChange={(e) => {
          onFile(e.target.files?.[0]);
          // The same file chosen again (after fixing it) must fire a change too.
          e.target.value = '';
        }}
      />
      <label htmlFor={id} className="btn btn-secondary btn-small file-button">
        {fileName ? t('filePicker.chooseAnother') : t('filePicker.choose')}
      </label>
      <span className={fileName ? 'file-picker-name' : 'file-picker-name muted'}>{fileName ?? t('filePicker.none')}</span>
    </span>
  );
}
