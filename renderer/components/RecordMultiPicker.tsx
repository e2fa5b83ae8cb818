import { useEffect, useState } from 'react';
import type { OrganisationKind } from '../../shared/features/organisations/schemas';
import { api } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { RecordPicker, type PickerOption } from './RecordPicker';

export interface RecordMultiPickerProps {
  source: 'organisations' | 'people';
  value: readonly number[];
  onChange: (ids: number[]) => void;
  onBlur?: () => void;
  /** Labels the page already holds for the chosen records (an activity's leads): no asking again. */
  known?: readonly PickerOption[];
  /** Records offered elsewhere on the form (the leads, not partners as well). */
  exclude?: readonly number[];
  kind?: OrganisationKind;
  organisationId?: number;
  /** Id of the picker's input, for the field's label. */
  id: string;
  disabled?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

/**
 * Several records chosen with the one picker (RecordPicker): the chosen ones as removable chips,
 * the picker under them to add one more. A record already chosen is not offered again.
 */
export function RecordMultiPicker(props: RecordMultiPickerProps) {
  const { source, value, onChange, onBlur, known, exclude, kind, organisationId, id, disabled } = props;
  const { t } = useI18n();
  const [labels, setLabels] = useState<ReadonlyMap<number, string>>(() => new Map((known ?? []).map((o) => [o.id, o.label])));

  // A chosen record whose label the page did not give (a form reset to other values) is asked once.
  const missing = value.filter((v) => !labels.has(v) && !known?.some((o) => o.id === v));
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missingKey) return;
    let current = true;
    const ids = missingKey.split(',').map(Number);
    void Promise.all(
      ids.map((rid) =>
        (source === 'organisations'
          ? api.call('organisations.get', { id: rid }).then((d) => d.organisation.name)
          : api.call('people.get', { id: rid }).then((d) => `${d.person.lastName.toLocaleUpperCase('fr')} ${d.person.firstName}`)
        ).catch(() => `#${rid}`),
      ),
    ).then((names) => {
      if (!current) return;
      setLabels((prev) => new Map([...prev, ...ids.map((rid, i) => [rid, names[i] ?? `#${rid}`] as const)]));
    });
    return () => {
      current = false;
    };
  }, [missingKey, source]);

  const labelOf = (rid: number) => labels.get(rid) ?? known?.find((o) => o.id === rid)?.label ?? `#${rid}`;

  const remove = (rid: number) => {
    onChange(value.filter((v) => v !== rid));
    // The chip's button is gone: the focus goes to the picker rather than to the page's top.
    document.getElementById(id)?.focus();
  };

  return (
    <div className="record-multi-picker">
      {value.length ? (
        <ul className="record-chips">
          {value.map((rid) => (
            <li key={rid} className="record-chip">
              <span>{labelOf(rid)}</span>
              <button type="button" className="record-chip-remove" aria-label={t('picker.removeOf', { label: labelOf(rid) })} title={t('picker.removeOf', { label: labelOf(rid) })} disabled={disabled} onClick={() => remove(rid)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <RecordPicker
        source={source}
        value={null}
        kind={kind}
        organisationId={organisationId}
        exclude={[...value, ...(exclude ?? [])]}
        id={id}
        disabled={disabled}
        placeholder={t('picker.addOne')}
        aria-invalid={props['aria-invalid']}
        aria-describedby={props['aria-describedby']}
        aria-required={props['aria-required']}
        onBlur={onBlur}
        onChange={(rid, option) => {
          if (rid === null || value.includes(rid)) return;
          if (option) setLabels((prev) => new Map(prev).set(rid, option.label));
          onChange([...value, rid]);
        }}
      />
    </div>
  );
}
