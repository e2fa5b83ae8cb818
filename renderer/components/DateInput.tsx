import { addDays, addMonthsToDate, formatDateField, parseFrenchDate } from '../../shared/format/date-input';
import type { MessageKey } from '../../shared/i18n/index';
import { useI18n } from '../i18n/I18nProvider';
import { LOCALES, todayIso } from '../i18n/format';
import { CalendarPicker } from './Calendar';
import { TypedInput, type TypedInputProps, type TypedKind } from './TypedInput';

const weekdayDates = new Map<string, Intl.DateTimeFormat>();
function describeDate(iso: string, locale: string): string {
  let format = weekdayDates.get(locale);
  if (!format) weekdayDates.set(locale, (format = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const text = format.format(new Date(Date.UTC(y, m - 1, d)));
  // « mardi 1er septembre 2026 », as French writes the first of a month.
  return locale === 'fr-FR' && d === 1 ? text.replace(/ 1 /, ' 1er ') : text;
}

/**
 * A calendar day typed the French way (`10/09/2026`, `10/9/26`, `10 sept. 2026`) whatever the
 * browser's language, with up/down arrows by day and a calendar on demand. Value: ISO `YYYY-MM-DD`.
 */
export function DateInput(props: TypedInputProps) {
  const { language } = useI18n();
  const locale = LOCALES[language];
  const kind: TypedKind = {
    parse: (text) => {
      const r = parseFrenchDate(text);
      return r.ok ? { ok: true, value: r.iso } : { ok: false, reason: r.reason };
    },
    toText: formatDateField,
    describe: (iso) => describeDate(iso, locale),
    step: (iso, direction, big) => (iso ? (big ? addMonthsToDate(iso, direction) : addDays(iso, direction)) : todayIso()),
    placeholder: 'dateInput.placeholder',
    errorKey: (reason) => `dateInput.error.${reason === 'empty' ? 'unreadable' : reason}` as MessageKey,
    inputClass: 'input-date',
    renderPicker: (picker) => <CalendarPicker {...picker} />,
  };
  return <TypedInput kind={kind} props={props} />;
}
