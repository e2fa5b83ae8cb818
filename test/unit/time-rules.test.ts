import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../shared/features/time/duration';
import { etpOf, etpToMinutes, financialQuarterOf, financialRange, financialYearOf, monthsInPeriod, weeksOfMonth } from '../../shared/features/time/period';
import { copyMonthPattern } from '../../shared/features/time/grid';
import { entryValueCents, resolveRate, type DatedRate } from '../../shared/features/time/valuation';

describe('durations as people type them', () => {
  it.each([
    ['1h30', 90],
    ['1 h 30', 90],
    ['1H30', 90],
    ['1h05', 65],
    ['1h30min', 90],
    ['1 h 30 min', 90],
    ['1 heure 30', 90],
    ['2 heures', 120],
    ['2h', 120],
    ['0h45', 45],
    ['1:30', 90],
    ['0:45', 45],
    ['1,5', 90],
    ['1.5', 90],
    ['1,5 h', 90],
    ['0,25', 15],
    ['1,33', 80],
    ['7,5', 450],
    ['90 min', 90],
    ['90min', 90],
    ['90mn', 90],
    ['90 minutes', 90],
    ['45', 45],
    ['15', 15],
    ['13', 13],
    ['12', 720],
    ['8', 480],
    ['1', 60],
    ['24h', 1440],
    ['  3 h  ', 180],
  ])('%s → %i min', (input, minutes) => {
    expect(parseDuration(input)).toEqual({ ok: true, minutes });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'invalid'],
    ['1h75', 'invalid'],
    ['1:75', 'invalid'],
    ['1,5,5', 'invalid'],
    ['h30', 'invalid'],
    ['0', 'zero'],
    ['0h', 'zero'],
    ['0,0', 'zero'],
    ['0 min', 'zero'],
    ['-1h', 'negative'],
    ['-30 min', 'negative'],
    ['−2', 'negative'],
    ['25h', 'tooLong'],
    ['1500 min', 'tooLong'],
    ['24h01', 'tooLong'],
  ])('%j is refused (%s)', (input, problem) => {
    expect(parseDuration(input)).toEqual({ ok: false, problem });
  });

  it('formats minutes the French way', () => {
    expect(formatDuration(90)).toBe('1 h 30');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(125)).toBe('2 h 05');
    expect(formatDuration(241_050).replace(/\s/g, ' ')).toBe('4 017 h 30');
    for (const m of [1, 59, 61, 90, 125, 1440]) expect(parseDuration(formatDuration(m))).toEqual({ ok: true, minutes: m });
  });
});

describe('ETP pro rata of the period', () => {
  it('4 017,5 h over exactly 2.5 years is 1,0 ETP at 1 607 h', () => {
    expect(monthsInPeriod('2024-01-01', '2026-06-30')).toBe(30);
    expect(etpOf(4017.5 * 60, '2024-01-01', '2026-06-30', 1607)).toBe(1);
    expect(etpToMinutes(1, '2024-01-01', '2026-06-30', 1607)).toBe(241_050);
  });

  it('counts whole months as twelfths of a year and partial months by their days', () => {
    expect(monthsInPeriod('2026-01-01', '2026-12-31')).toBe(12);
    expect(etpOf(1607 * 60, '2026-01-01', '2026-12-31', 1607)).toBe(1);
    expect(etpOf(1607 * 60, '2026-01-01', '2026-03-31', 1607)).toBe(4);
    expect(monthsInPeriod('2026-02-01', '2026-02-14')).toBe(0.5);
    expect(monthsInPeriod('2026-01-16', '2026-02-28')).toBeCloseTo(16 / 31 + 1, 12);
    expect(etpOf(1820 * 60, '2025-01-01', '2025-12-31', 1820)).toBe(1);
  });

  it('knows financial years and quarters', () => {
    expect(financialYearOf('2026-03-15', 1)).toBe(2026);
    expect(financialYearOf('2026-03-15', 9)).toBe(2025);
    expect(financialQuarterOf('2026-03-15', 1)).toBe(1);
    expect(financialQuarterOf('2026-03-15', 9)).toBe(3);
    expect(financialRange(2025, 9)).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(financialRange(2026, 1, 2)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });

  it('cuts weeks at the edges of the month', () => {
    expect(weeksOfMonth('2026-03')).toEqual([
      { from: '2026-03-01', to: '2026-03-01' },
      { from: '2026-03-02', to: '2026-03-08' },
      { from: '2026-03-09', to: '2026-03-15' },
      { from: '2026-03-16', to: '2026-03-22' },
      { from: '2026-03-23', to: '2026-03-29' },
      { from: '2026-03-30', to: '2026-03-31' },
    ]);
  });
});

describe('valuation', () => {
  const rates: DatedRate[] = [
    { id: 1, scope: 'default', personId: null, organisationId: null, validFrom: '2024-01-01', hourlyCents: 1500 },
    { id: 2, scope: 'organisation', personId: null, organisationId: 10, validFrom: '2025-01-01', hourlyCents: 2200 },
    { id: 3, scope: 'organisation', personId: null, organisationId: 10, validFrom: '2026-01-01', hourlyCents: 2400 },
    { id: 4, scope: 'person', personId: 7, organisationId: null, validFrom: '2025-07-01', hourlyCents: 3100 },
  ];
  const at = (date: string, personId: number | null, organisationId = 10) => resolveRate(rates, { date, personId, organisationId }, 2000);

  it('person beats organisation beats default beats the settings, each from its date only', () => {
    expect(at('2023-06-01', null)).toEqual({ rateId: null, scope: 'settings', hourlyCents: 2000 });
    expect(at('2024-06-01', 7)).toEqual({ rateId: 1, scope: 'default', hourlyCents: 1500 });
    expect(at('2025-03-01', 7)).toEqual({ rateId: 2, scope: 'organisation', hourlyCents: 2200 });
    expect(at('2025-06-30', 7).hourlyCents).toBe(2200);
    expect(at('2025-07-01', 7)).toEqual({ rateId: 4, scope: 'person', hourlyCents: 3100 });
    expect(at('2026-02-01', 8)).toEqual({ rateId: 3, scope: 'organisation', hourlyCents: 2400 });
    expect(at('2026-02-01', 8, 11)).toEqual({ rateId: 1, scope: 'default', hourlyCents: 1500 });
  });

  it('rounds each entry to the cent once (half a cent up)', () => {
    expect(entryValueCents(90, 2000)).toBe(3000);
    expect(entryValueCents(20, 2000)).toBe(667);
    expect(entryValueCents(1, 1530)).toBe(26); // 25,5 c → 26
    expect(entryValueCents(7, 1111)).toBe(130); // 129,6 c
  });
});

describe('copy last month', () => {
  it('repeats each weekday of each week of the previous month', () => {
    // February 2026: Monday 2, 9, 16, 23 → March 2026: Mondays 2, 9, 16, 23, 30 (no fifth Monday in February).
    const previous = [
      { personId: 1, categoryId: 2, date: '2026-02-02', minutes: 120 },
      { personId: 1, categoryId: 2, date: '2026-02-09', minutes: 90 },
      { personId: 1, categoryId: 2, date: '2026-02-09', minutes: 30 },
      { personId: null, categoryId: 3, date: '2026-02-27', minutes: 60 },
    ];
    expect(copyMonthPattern(previous, '2026-03')).toEqual([
      { personId: 1, categoryId: 2, date: '2026-03-02', minutes: 120 },
      { personId: 1, categoryId: 2, date: '2026-03-09', minutes: 120 },
      { personId: null, categoryId: 3, date: '2026-03-27', minutes: 60 },
    ]);
  });
});
