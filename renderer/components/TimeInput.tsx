import { addMinutes, parseFrenchTime } from '../../shared/format/date-input';
import type { MessageKey } from '../../shared/i18n/index';
import { TypedInput, type TypedInputProps, type TypedKind } from './TypedInput';

const kind: TypedKind = {
  parse: (text) => {
    const r = parseFrenchTime(text);
    return r.ok ? { ok: true, value: r.time } : { ok: false, reason: r.reason };
  },
  toText: (time) => time,
  // « 9 h 30 », as a French page writes a time.
  describe: (time) => `${Number(time.slice(0, 2))} h ${time.slice(3)}`,
  // Meetings start on the quarter hour: arrows move by 15 minutes, Page Up / Page Down by an hour.
  step: (time, direction, big) => (time ? addMinutes(time, direction * (big ? 60 : 15)) : '09:00'),
  placeholder: 'timeInput.placeholder',
  errorKey: (reason) => `timeInput.error.${reason === 'outOfRange' ? 'outOfRange' : 'unreadable'}` as MessageKey,
  inputClass: 'input-time',
};

/** A time of day typed on 24 hours (`09:30`, `9 h 30`, `14h`) whatever the browser's language. Value: `HH:MM`. */
export function TimeInput(props: TypedInputProps) {
  return <TypedInput kind={kind} props={props} />;
}
