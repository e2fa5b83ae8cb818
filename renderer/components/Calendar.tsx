import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { addDays, addMonthsToDate, monthWeeks } from '../../shared/format/date-input';
import { useI18n } from '../i18n/I18nProvider';
import { todayIso } from '../i18n/format';
import type { PickerProps } from './TypedInput';

function utc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d ?? 1));
}

/** Monday to Sunday in the UI language, long and short (`lundi`, `lun.`). */
function weekdayNames(locale: string): { long: string; short: string }[] {
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2026-09-07 is a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const day = utc(addDays('2026-09-07', i));
    return { long: long.format(day), short: short.format(day) };
  });
}

/**
 * The calendar button of a date field and the grid it opens (WAI-ARIA date picker dialog pattern):
 * arrows move by day and week, Page Up / Page Down by month, Home / End to the week's ends, Enter
 * chooses, Escape closes and gives focus back to the field.
 */
export function CalendarPicker({ value, disabled, choose, returnFocus }: PickerProps) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [focused, setFocused] = useState<string>(value || todayIso());
  const dialogId = useId();
  const titleId = `${dialogId}-title`;
  const wrapper = useRef<HTMLSpanElement>(null);
  const grid = useRef<HTMLTableElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const month = focused.slice(0, 7);
  const today = todayIso();
  const monthTitle = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(`${month}-01`));
  const dayLabel = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  const close = (focusField: boolean) => {
    setOpen(false);
    if (focusField) returnFocus();
  };

  // The focused day takes the keyboard focus each time it moves.
  useEffect(() => {
    if (open) grid.current?.querySelector<HTMLButtonElement>(`[data-day="${focused}"]`)?.focus();
  }, [open, focused]);

  // A click elsewhere closes the calendar, as a menu would.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onGridKey = (event: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      PageUp: () => addMonthsToDate(focused, event.shiftKey ? -12 : -1),
      PageDown: () => addMonthsToDate(focused, event.shiftKey ? 12 : 1),
      Home: () => addDays(focused, -((utc(focused).getUTCDay() + 6) % 7)),
      End: () => addDays(focused, 6 - ((utc(focused).getUTCDay() + 6) % 7)),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setFocused(move());
    }
  };

  const names = weekdayNames(locale);
  return (
    <span className="calendar-anchor" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="calendar-button"
        disabled={disabled}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? dialogId : undefined}
        aria-label={t('dateInput.openCalendar')}
        title={t('dateInput.openCalendar')}
        onClick={() => {
          setFocused(value || today);
          setOpen(!open);
        }}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
          <rect x="2.5" y="4" width="15" height="13.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M2.5 8h15M6.5 2v4M13.5 2v4" stroke="currentColor" strokeWidth="1.6" fill="none" />
        </svg>
      </button>
      {open ? (
        <div
          className="calendar"
          id={dialogId}
          role="dialog"
          aria-modal="false"
          aria-label={t('dateInput.calendar', { month: monthTitle })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              close(true);
            }
          }}
        >
          <div className="calendar-head">
            <button type="button" className="calendar-nav" aria-label={t('dateInput.previousMonth')} onClick={() => setFocused(addMonthsToDate(focused, -1))}>
              ‹
            </button>
            <span className="calendar-title" id={titleId} aria-live="polite">
              {monthTitle}
            </span>
            <button type="button" className="calendar-nav" aria-label={t('dateInput.nextMonth')} onClick={() => setFocused(addMonthsToDate(focused, 1))}>
              ›
            </button>
          </div>
          <table role="grid" aria-labelledby={titleId} ref={grid} onKeyDown={onGridKey}>
            <thead>
              <tr>
                {names.map((n) => (
                  <th key={n.long} scope="col" abbr={n.long}>
                    <span aria-hidden="true">{n.short.replace(/\.$/, '')}</span>
                    <span className="visually-hidden">{n.long}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(month).map((week, w) => (
                <tr key={`${month}-${w}`}>
                  {week.map((day, d) =>
                    day ? (
                      <td key={day} role="gridcell" aria-selected={day === value}>
                        <button
                          type="button"
                          data-day={day}
                          tabIndex={day === focused ? 0 : -1}
                          className={['calendar-day', day === value ? 'is-selected' : '', day === today ? 'is-today' : ''].filter(Boolean).join(' ')}
                          aria-label={dayLabel.format(utc(day)) + (day === today ? ` (${t('dateInput.today')})` : '')}
                          aria-current={day === today ? 'date' : undefined}
                          onClick={() => {
                            choose(day);
                            close(true);
                          }}
                        >
                          {Number(day.slice(8))}
                        </button>
                      </td>
                    ) : (
                      <td key={`empty-${d}`} role="gridcell" aria-disabled="true" />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </span>
  );
}
