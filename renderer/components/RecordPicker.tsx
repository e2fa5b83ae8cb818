import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import type { OrganisationKind } from '../../shared/features/organisations/schemas';
import { normalizeKey } from '../../shared/validation/text';
import { api } from '../api/client';
import { useDebounced, useQuery } from '../api/useQuery';
import { useI18n } from '../i18n/I18nProvider';
import './record-picker.css';

/** One choice of a picker: what is shown, and a second line that tells namesakes apart. */
export interface PickerOption {
  id: number;
  label: string;
  detail?: string | null;
}

/**
 * Where the choices come from: every organisation or every person (searched on the server, a page
 * at a time: tens of thousands at national scale), or a short list the page already holds.
 */
export type PickerSource = 'organisations' | 'people' | readonly PickerOption[];

export interface RecordPickerProps {
  source: PickerSource;
  value: number | null | undefined;
  /** The chosen id, and the choice itself (its label) when one was taken from the list. */
  onChange: (id: number | null, option?: PickerOption) => void;
  onBlur?: () => void;
  /** Label of the « nothing chosen » choice; without it the picker has none (a choice is required). */
  emptyLabel?: string;
  /** Choices of the page's own shown before the records (« Sans personne »): give them negative ids. */
  extraOptions?: readonly PickerOption[];
  placeholder?: string;
  disabled?: boolean;
  autoFocus?: boolean;
  /** Narrows a server source: organisations of a kind, people of an organisation. */
  kind?: OrganisationKind;
  organisationId?: number;
  /** Records not offered (those a multiple choice already holds). */
  exclude?: readonly number[];
  id?: string;
  name?: string;
  className?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

/** How many choices one search shows: enough to scan, and a hint to type more beyond. */
const SHOWN = 50;
const EMPTY_ID = -1;

function personLabel(p: { firstName: string; lastName: string }): string {
  return `${p.lastName.toLocaleUpperCase('fr')} ${p.firstName}`;
}

function matches(option: PickerOption, words: string[]): boolean {
  const key = normalizeKey(`${option.label} ${option.detail ?? ''}`);
  return words.every((w) => key.includes(w));
}

/**
 * One searchable picker for organisations and people (ARIA combobox): type to filter, accents and
 * case ignored, arrows to move, Enter to choose, Escape to give up. Controlled: `value` is an id.
 */
export function RecordPicker(props: RecordPickerProps) {
  const { source, value, onChange, onBlur, emptyLabel, extraOptions, placeholder, disabled, autoFocus, kind, organisationId, exclude, className } = props;
  const { t } = useI18n();
  const ownId = useId();
  const inputId = props.id ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [known, setKnown] = useState<PickerOption | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const local = typeof source !== 'string' ? source : null;

  const typed = text ?? '';
  const search = useDebounced(normalizeKey(typed), local ? 0 : 150);
  const orgQuery = useQuery(
    'organisations.list',
    open && source === 'organisations' ? { search: search || undefined, kind, limit: SHOWN } : null,
  );
  const peopleQuery = useQuery('people.list', open && source === 'people' ? { search: search || undefined, organisationId, limit: SHOWN } : null);

  const found = useMemo((): { options: PickerOption[]; total: number; loading: boolean } => {
    if (local) {
      const words = normalizeKey(typed).split(' ').filter(Boolean);
      const hits = local.filter((o) => matches(o, words));
      return { options: hits.slice(0, SHOWN * 4), total: hits.length, loading: false };
    }
    if (source === 'organisations') {
      const items = orgQuery.data?.items ?? [];
      const options = items.map((o) => ({ id: o.id, label: o.name, detail: [o.shortName, o.city].filter(Boolean).join(' · ') || null }));
      return { options, total: orgQuery.data?.total ?? 0, loading: orgQuery.loading };
    }
    const items = peopleQuery.data?.items ?? [];
    const options = items.map((p) => ({ id: p.id, label: personLabel(p), detail: p.organisations.map((o) => o.name).join(', ') || null }));
    return { options, total: peopleQuery.data?.total ?? 0, loading: peopleQuery.loading };
  }, [local, source, typed, orgQuery.data, orgQuery.loading, peopleQuery.data, peopleQuery.loading]);

  const offered = useMemo(() => (exclude?.length ? found.options.filter((o) => !exclude.includes(o.id)) : found.options), [found.options, exclude]);
  const choices: PickerOption[] = useMemo(() => {
    if (typed.trim() !== '') return offered;
    const first: PickerOption[] = emptyLabel !== undefined ? [{ id: EMPTY_ID, label: emptyLabel }] : [];
    return [...first, ...(extraOptions ?? []), ...offered];
  }, [emptyLabel, extraOptions, typed, offered]);

  // The label of the chosen record: from a short list, from the last answer, or asked once.
  const selectedValue = value ?? null;
  const fromLists = selectedValue === null ? null : (extraOptions?.find((o) => o.id === selectedValue) ?? local?.find((o) => o.id === selectedValue) ?? found.options.find((o) => o.id === selectedValue) ?? null);
  useEffect(() => {
    if (selectedValue === null || local || fromLists || known?.id === selectedValue) return;
    let current = true;
    const ask =
      source === 'organisations'
        ? api.call('organisations.get', { id: selectedValue }).then((d) => ({ id: d.organisation.id, label: d.organisation.name }))
        : api.call('people.get', { id: selectedValue }).then((d) => ({ id: d.person.id, label: personLabel(d.person) }));
    ask
      .then((option) => {
        if (current) setKnown(option);
      })
      .catch(() => {
        // A record the caller may not read stays shown by its number rather than blocking the form.
        if (current) setKnown({ id: selectedValue, label: `#${selectedValue}` });
      });
    return () => {
      current = false;
    };
  }, [selectedValue, local, fromLists, known, source]);
  const selected = selectedValue === null ? null : (fromLists ?? (known?.id === selectedValue ? known : null));
  const shownText = text ?? selected?.label ?? '';

  // New answers, new list: the highlight goes back to its first line rather than past its end.
  const signature = found.options.map((o) => o.id).join(',');
  useEffect(() => setActive(0), [signature]);
  const busy = found.loading || (!local && search !== normalizeKey(typed));

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active, open]);

  const close = () => {
    setOpen(false);
    setText(null);
  };

  const choose = (option: PickerOption | undefined) => {
    if (!option) return;
    const id = option.id === EMPTY_ID ? null : option.id;
    if (id !== null) setKnown(option);
    if (id !== selectedValue) onChange(id, id === null ? undefined : option);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const last = choices.length - 1;
      setActive((a) => (e.key === 'ArrowDown' ? Math.min(a + 1, last) : Math.max(a - 1, 0)));
    } else if (e.key === 'Enter') {
      if (!open) return;
      // Enter chooses; it must not submit the form around the picker.
      e.preventDefault();
      choose(choices[active]);
    } else if (e.key === 'Escape') {
      if (!open) return;
      // Escape closes the list only, not the dialog that holds the picker.
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab' && open && text !== null && text.trim() !== '' && choices[active]) {
      choose(choices[active]);
    }
  };

  const activeChoice = open ? choices[active] : undefined;
  const optionId = (option: PickerOption) => `${listId}-${option.id === EMPTY_ID ? 'none' : option.id}`;
  const more = found.total - found.options.length;

  return (
    <div className={['record-picker', className ?? ''].filter(Boolean).join(' ')}>
      <input
        id={inputId}
        name={props.name}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeChoice ? optionId(activeChoice) : undefined}
        aria-invalid={props['aria-invalid']}
        aria-describedby={props['aria-describedby']}
        aria-required={props['aria-required']}
        aria-label={props['aria-label']}
        aria-labelledby={props['aria-labelledby']}
        autoFocus={autoFocus}
        disabled={disabled}
        placeholder={placeholder ?? (emptyLabel !== undefined && selected === null ? emptyLabel : t('picker.typeToSearch'))}
        value={shownText}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => {
          if (!open) {
            setOpen(true);
            setActive(0);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // A field emptied by hand means « none »; anything else half-typed goes back to the choice.
          if (text !== null && text.trim() === '' && selectedValue !== null && emptyLabel !== undefined) onChange(null);
          close();
          onBlur?.();
        }}
      />
      <ul id={listId} role="listbox" ref={listRef} className="record-picker-list" hidden={!open} aria-label={t('picker.choices')} aria-busy={open && busy}>
        {open
          ? choices.map((option, i) => (
              <li
                key={optionId(option)}
                id={optionId(option)}
                role="option"
                aria-selected={i === active}
                className={option.id === EMPTY_ID ? 'record-picker-none' : undefined}
                // Mouse down, not click: the input keeps its focus and does not close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(option);
                }}
                onMouseMove={() => setActive(i)}
              >
                <span className="record-picker-label">{option.label}</span>
                {option.detail ? <span className="record-picker-detail">{option.detail}</span> : null}
              </li>
            ))
          : null}
        {open && !busy && offered.length === 0 ? (
          <li className="record-picker-note" role="presentation">
            {t('picker.noResult')}
          </li>
        ) : null}
        {open && more > 0 ? (
          <li className="record-picker-note" role="presentation">
            {t('picker.more', { count: more })}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/**
 * The picker bound to a react-hook-form field. The field holds the chosen id or null; a form that
 * keeps its ids as text (default '') gets text back, '' for none.
 */
export function FormPicker<T extends FieldValues, C = unknown, V extends FieldValues = T>({
  control,
  name,
  rules,
  ...rest
}: { control: Control<T, C, V>; name: FieldPath<T>; rules?: { required?: string } } & Omit<RecordPickerProps, 'value' | 'onChange' | 'onBlur' | 'name'>) {
  const { field } = useController<T, FieldPath<T>, V>({ control, name, rules });
  const asText = typeof field.value === 'string';
  const raw = field.value as unknown;
  const value = raw === '' || raw === null || raw === undefined ? null : Number(raw);
  return (
    <RecordPicker
      {...rest}
      name={field.name}
      value={value}
      onChange={(id) => field.onChange(asText ? (id === null ? '' : String(id)) : id)}
      onBlur={field.onBlur}
    />
  );
}
