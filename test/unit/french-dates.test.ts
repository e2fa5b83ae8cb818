import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  addMonths,
  addMonthsToDate,
  backupInstant,
  formatDateField,
  formatInstant,
  formatMonthField,
  monthFromName,
  monthWeeks,
  parseFrenchDate,
  parseFrenchMonth,
  parseFrenchTime,
} from '../../shared/format/date-input';

const date = (text: string) => {
  const r = parseFrenchDate(text);
  return r.ok ? r.iso : r.reason;
};

describe('parseFrenchDate', () => {
  it('reads the ways a date is typed in France, day first', () => {
    for (const text of ['10/09/2026', '10/9/26', '10/09/26', ' 10 / 09 / 2026 ', '10.09.2026', '10-09-2026', '2026-09-10']) expect(date(text), text).toBe('2026-09-10');
    for (const text of ['10 sept. 2026', '10 sept 2026', '10 septembre 2026', '10 Septembre 2026', '10 SEPT. 2026', 'jeudi 10 septembre 2026', '10\u00a0sept.\u00a02026', '10 september 2026'])
      expect(date(text), text).toBe('2026-09-10');
    expect(date('1er mars 2026')).toBe('2026-03-01');
    expect(date('12 févr. 2026')).toBe('2026-02-12');
    expect(date('12 fevrier 2026')).toBe('2026-02-12');
    expect(date('15 août 2026')).toBe('2026-08-15');
    expect(date('3 déc. 2026')).toBe('2026-12-03');
    expect(date('4 juil. 2026')).toBe('2026-07-04');
    expect(date('31/12/85')).toBe('1985-12-31');
  });

  it('tells an empty text, an unreadable one, a day that does not exist and a year out of range apart', () => {
    expect(date('')).toBe('empty');
    expect(date('   ')).toBe('empty');
    for (const text of ['demain', '10/09', '10/09/2', '10/09/202', '10 jui 2026', '10 truc 2026', '2026/09/10x']) expect(date(text), text).toBe('unreadable');
    expect(date('31/09/2026')).toBe('noSuchDay');
    expect(date('29/02/2026')).toBe('noSuchDay');
    expect(date('29/02/2028')).toBe('2028-02-29');
    expect(date('10/13/2026')).toBe('noSuchDay');
    expect(date('00/09/2026')).toBe('noSuchDay');
    expect(date('10/09/1800')).toBe('yearOutOfRange');
  });

  it('matches month names by an unambiguous prefix', () => {
    expect(monthFromName('sept.')).toBe(9);
    expect(monthFromName('jui')).toBeNull();
    expect(monthFromName('juin')).toBe(6);
    expect(monthFromName('ma')).toBeNull();
    expect(monthFromName('mai')).toBe(5);
    expect(monthFromName('mar')).toBe(3);
  });
});

describe('parseFrenchTime and parseFrenchMonth', () => {
  it('reads times as typed', () => {
    for (const text of ['9:30', '09:30', '9h30', '9 h 30', '9H30', '0930', '09.30']) expect(parseFrenchTime(text), text).toEqual({ ok: true, time: '09:30' });
    expect(parseFrenchTime('14h')).toEqual({ ok: true, time: '14:00' });
    expect(parseFrenchTime('9')).toEqual({ ok: true, time: '09:00' });
    expect(parseFrenchTime('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseFrenchTime('25:00')).toEqual({ ok: false, reason: 'outOfRange' });
    expect(parseFrenchTime('9:75')).toEqual({ ok: false, reason: 'outOfRange' });
    expect(parseFrenchTime('9:30 AM')).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('reads months as typed', () => {
    for (const text of ['09/2026', '9/2026', '9/26', 'septembre 2026', 'sept. 2026', 'Septembre 2026', '2026-09']) expect(parseFrenchMonth(text), text).toEqual({ ok: true, month: '2026-09' });
    expect(parseFrenchMonth('13/2026')).toEqual({ ok: false, reason: 'unreadable' });
    expect(parseFrenchMonth('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseFrenchMonth('09/1700')).toEqual({ ok: false, reason: 'yearOutOfRange' });
  });
});

describe('field text and calendar arithmetic', () => {
  it('writes the field text back the French way', () => {
    expect(formatDateField('2026-09-10')).toBe('10/09/2026');
    expect(formatMonthField('2026-09')).toBe('09/2026');
    expect(formatDateField('n’importe')).toBe('n’importe');
    // What the field writes, the parser reads back.
    for (const iso of ['2026-01-01', '2026-02-28', '2028-02-29', '1999-12-31']) expect(date(formatDateField(iso))).toBe(iso);
  });

  it('moves by days, months and minutes across month, year and midnight', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // The last Sunday of March (summer time in Paris) is still one day.
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMinutes('23:45', 15)).toBe('00:00');
    expect(addMinutes('00:00', -15)).toBe('23:45');
  });

  it('lays a month out in weeks from Monday', () => {
    const weeks = monthWeeks('2026-09');
    // 1 September 2026 is a Tuesday.
    expect(weeks[0]).toEqual([null, '2026-09-01', '2026-09-02', '2026-09-03', '2026-09-04', '2026-09-05', '2026-09-06']);
    expect(weeks.at(-1)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', null, null, null, null]);
    expect(weeks).toHaveLength(5);
    expect(monthWeeks('2026-02').flat().filter(Boolean)).toHaveLength(28);
  });
});

describe('formatInstant', () => {
  it('says a backup’s moment as a French sentence does, in the user’s time zone', () => {
    expect(formatInstant('2026-12-02T13:37:05Z', 'fr', 'Europe/Paris')).toBe('2 décembre 2026 à 14 h 37');
    expect(formatInstant('2026-12-01T08:05:00Z', 'fr', 'Europe/Paris')).toBe('1er décembre 2026 à 9 h 05');
    // Summer time: UTC+2.
    expect(formatInstant('2026-07-14T22:30:00Z', 'fr', 'Europe/Paris')).toBe('15 juillet 2026 à 0 h 30');
    expect(formatInstant('2026-12-02T13:37:05Z', 'en', 'Europe/Paris')).toBe('2 December 2026 at 14:37');
    expect(backupInstant('maillage-manuel-2026-12-02T13-37-05.sqlite')).toBe('2026-12-02T13:37:05Z');
    expect(backupInstant('autre.sqlite')).toBeNull();
  });
});
