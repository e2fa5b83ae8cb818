import { addMonths, formatMonthField, parseFrenchMonth } from '../../shared/format/date-input';
import type { MessageKey } from '../../shared/i18n/index';
import { useI18n } from '../i18n/I18nProvider';
import { LOCALES, todayIso } from '../i18n/format';
import { TypedInput, type TypedInputProps, type TypedKind } from './TypedInput';

/** A month typed `09/2026` or `septembre 2026` whatever the browser's language, shown « septembre 2026 ». Value: `YYYY-MM`. */
export function MonthInput(props: TypedInputProps) {
  const { language } = useI18n();
  const format = new Intl.DateTimeFormat(LOCALES[language], { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const kind: TypedKind = {
    parse: (text) => {
      const r = parseFrenchMonth(text);
      return r.ok ? { ok: true, value: r.month } : { ok: false, reason: r.reason };
    },
    toText: formatMonthField,
    describe: (month) => format.format(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1))),
    step: (month, direction, big) => (month ? addMonths(month, direction * (big ? 12 : 1)) : todayIso().slice(0, 7)),
    placeholder: 'monthInput.placeholder',
    errorKey: (reason) => `monthInput.error.${reason === 'yearOutOfRange' ? 'yearOutOfRange' : 'unreadable'}` as MessageKey,
    inputClass: 'input-month',
  };
  return <TypedInput kind={kind} props={props} />;
}
