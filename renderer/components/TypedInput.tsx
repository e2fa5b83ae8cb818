import { useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { MessageKey } from '../../shared/i18n/index';
import { useI18n } from '../i18n/I18nProvider';
import './typed-input.css';

/** What a date, time or month field hands to its owner: the shape of an input's change event, so that `register()` and `onChange={(e) => …}` both work. */
export interface TypedChangeEvent {
  type: 'change' | 'blur';
  target: { name: string; value: string };
}

/**
 * The props shared by DateInput, TimeInput and MonthInput. Either spread `register('field')` of
 * react-hook-form (its `ref` receives a handle whose `value` is the ISO text), or control it with
 * `value` and `onChange`. The value is always ISO (`2026-09-10`, `09:30`, `2026-09`) or `''`.
 */
export interface TypedInputProps {
  id?: string;
  name?: string;
  value?: string | null;
  onChange?: (event: TypedChangeEvent) => void;
  onBlur?: (event: TypedChangeEvent) => void;
  ref?: Ref<TypedInputHandle>;
  disabled?: boolean;
  required?: boolean;
  className?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
  'aria-label'?: string;
}

/** What react-hook-form sees through `ref`: it reads and writes `value`, and focuses the field on an error. */
export interface TypedInputHandle {
  name: string;
  value: string;
  focus: () => void;
}

export type Parsed = { ok: true; value: string } | { ok: false; reason: string };

export interface TypedKind {
  parse: (text: string) => Parsed;
  /** The text the field shows for a value (`10/09/2026`). */
  toText: (value: string) => string;
  /** The value in words under the field (`jeudi 10 septembre 2026`). */
  describe: (value: string) => string;
  /** The value one step up or down (arrow keys: a day, a quarter of an hour, a month); big = Page Up / Page Down. */
  step: (value: string | null, direction: 1 | -1, big: boolean) => string;
  placeholder: MessageKey;
  errorKey: (reason: string) => MessageKey;
  inputClass: string;
  /** An extra control next to the field (the calendar button), given the current value and a way to set it. */
  renderPicker?: (props: PickerProps) => ReactNode;
}

export interface PickerProps {
  value: string;
  disabled: boolean;
  choose: (value: string) => void;
  /** Where focus goes back when the picker closes. */
  returnFocus: () => void;
}

export function TypedInput({ kind, props }: { kind: TypedKind; props: TypedInputProps }) {
  const { t } = useI18n();
  const generatedId = useId();
  const id = props.id ?? generatedId;
  const statusId = `${id}-status`;
  const name = props.name ?? id;
  const controlled = props.value !== undefined;
  const inputRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<string>(props.value ?? '');
  const [text, setText] = useState(() => (props.value ? kind.toText(props.value) : ''));
  const [touched, setTouched] = useState(false);

  const kindRef = useRef(kind);
  useEffect(() => {
    kindRef.current = kind;
  });

  // A value set from outside (form reset, a parent's state) replaces what is shown.
  const showValue = useCallback((value: string | null | undefined) => {
    const next = value ?? '';
    valueRef.current = next;
    const parsed = kindRef.current.parse(next);
    setText(next === '' ? '' : parsed.ok ? kindRef.current.toText(parsed.value) : next);
    setTouched(false);
  }, []);

  useEffect(() => {
    if (controlled && (props.value ?? '') !== valueRef.current) showValue(props.value);
  }, [controlled, props.value, showValue]);

  // One handle for the field's life: react-hook-form gives a new ref callback on each render and
  // recognises its field by this object.
  const handle = useMemo<TypedInputHandle>(
    () => ({
      name,
      get value() {
        return valueRef.current;
      },
      set value(next: string) {
        if ((next ?? '') !== valueRef.current) showValue(next);
      },
      focus: () => inputRef.current?.focus(),
    }),
    [name, showValue],
  );
  useImperativeHandle(props.ref, () => handle, [handle]);

  const emit = (value: string, type: 'change' | 'blur' = 'change') => {
    const changed = value !== valueRef.current;
    valueRef.current = value;
    if (changed || type === 'blur') (type === 'blur' ? props.onBlur : props.onChange)?.({ type, target: { name, value } });
  };

  const parsed = text.trim() === '' ? null : kind.parse(text);

  const onTextChange = (next: string) => {
    setText(next);
    const result = next.trim() === '' ? null : kind.parse(next);
    if (result === null) emit('');
    else if (result.ok) emit(result.value);
    // A form must not save what could not be read: it gets the text, which its schema refuses.
    else if (!controlled) emit(next);
  };

  const choose = (value: string) => {
    setText(kind.toText(value));
    setTouched(true);
    emit(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const keys: Record<string, [1 | -1, boolean]> = { ArrowUp: [1, false], ArrowDown: [-1, false], PageUp: [1, true], PageDown: [-1, true] };
    const move = keys[event.key];
    if (move && !event.altKey) {
      event.preventDefault();
      choose(kind.step(parsed?.ok ? parsed.value : null, move[0], move[1]));
    } else if (event.key === 'Enter' && parsed?.ok) {
      // The typed text is committed before the form submits.
      setText(kind.toText(parsed.value));
    }
  };

  const onBlur = () => {
    setTouched(true);
    if (parsed?.ok) setText(kind.toText(parsed.value));
    emit(valueRef.current, 'blur');
  };

  const invalidHere = touched && parsed !== null && !parsed.ok;
  const showError = invalidHere;
  const describedBy = [props['aria-describedby'], parsed ? statusId : null].filter(Boolean).join(' ') || undefined;

  return (
    <span className={['typed-input', props.className ?? ''].filter(Boolean).join(' ')}>
      <span className="typed-input-row">
        <input
          ref={inputRef}
          id={id}
          name={name}
          type="text"
          className={kind.inputClass}
          value={text}
          placeholder={t(kind.placeholder)}
          autoComplete="off"
          spellCheck={false}
          disabled={props.disabled}
          required={props.required}
          aria-invalid={Boolean(props['aria-invalid']) || invalidHere}
          aria-describedby={describedBy}
          aria-required={props['aria-required']}
          aria-label={props['aria-label']}
          onChange={(e) => onTextChange(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
        {kind.renderPicker?.({
          value: parsed?.ok ? parsed.value : '',
          disabled: Boolean(props.disabled),
          choose,
          returnFocus: () => inputRef.current?.focus(),
        })}
      </span>
      {parsed ? (
        parsed.ok ? (
          <span className="typed-input-status" id={statusId} aria-live="polite">
            {kind.describe(parsed.value)}
          </span>
        ) : showError ? (
          <span className="typed-input-status typed-input-error" id={statusId} role="alert">
            {t(kind.errorKey(parsed.reason))}
          </span>
        ) : (
          <span id={statusId} hidden />
        )
      ) : null}
    </span>
  );
}
