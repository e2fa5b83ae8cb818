import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appClock, parseFixedNow } from '../../electron/app/clock';
import { currentYear, dayOfTimestamp, today } from '../../electron/app/context';
import { createHandlers } from '../../electron/app/handlers';
import { openStore, type Store } from '../../electron/store/open';
import { localDay, localYear } from '../../shared/format/day';
import { formatDate, formatDateLong, formatMonth } from '../../shared/format/fr';
import { currentYear as rendererYear, dayOfInstant, formatDate as rendererFormatDate, todayIso } from '../../renderer/i18n/format';
import { tempDir } from '../helpers/store';

/** 23:30 UTC on New Year's Eve is 00:30 on 1 January in Paris. */
const NEW_YEAR_IN_PARIS = new Date('2026-12-31T23:30:00Z');

describe('localDay: the user’s day, never the UTC date', () => {
  it('is already 1 January in Paris at 00:30, while UTC is still on 31 December', () => {
    expect(localDay(NEW_YEAR_IN_PARIS, 'Europe/Paris')).toBe('2027-01-01');
    expect(localDay(NEW_YEAR_IN_PARIS)).toBe('2027-01-01');
    expect(localDay(NEW_YEAR_IN_PARIS, 'UTC')).toBe('2026-12-31');
    expect(localYear(NEW_YEAR_IN_PARIS)).toBe(2027);
  });

  it('follows the daylight-saving changes (spring: UTC+1 → +2, autumn: +2 → +1)', () => {
    // Spring 2027: Sunday 28 March, 02:00 → 03:00 in Paris.
    expect(localDay(new Date('2027-03-27T22:59:59Z'))).toBe('2027-03-27');
    expect(localDay(new Date('2027-03-27T23:00:00Z'))).toBe('2027-03-28');
    expect(localDay(new Date('2027-03-28T21:59:59Z'))).toBe('2027-03-28');
    expect(localDay(new Date('2027-03-28T22:00:00Z'))).toBe('2027-03-29');
    // Autumn 2026: Sunday 25 October, 03:00 → 02:00 in Paris.
    expect(localDay(new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
    expect(localDay(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(localDay(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(localDay(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('knows 29 February and other zones', () => {
    expect(localDay(new Date('2028-02-28T23:30:00Z'))).toBe('2028-02-29');
    expect(localDay(new Date('2028-02-29T23:30:00Z'))).toBe('2028-03-01');
    expect(localDay(new Date('2026-12-31T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2027-01-01');
    expect(localDay(new Date('2027-01-01T03:00:00Z'), 'America/Guadeloupe')).toBe('2026-12-31');
  });
});

describe('the services’ today', () => {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('today(ctx) is the local day, not the UTC one', () => {
    expect(today({ now: () => NEW_YEAR_IN_PARIS })).toBe('2027-01-01');
    expect(currentYear({ now: () => NEW_YEAR_IN_PARIS })).toBe(2027);
    expect(today({ now: () => NEW_YEAR_IN_PARIS, timeZone: 'UTC' })).toBe('2026-12-31');
    expect(dayOfTimestamp({}, '2026-12-31T23:30:00.000Z')).toBe('2027-01-01');
    expect(dayOfTimestamp({}, '2026-03-12')).toBe('2026-03-12');
  });

  it('the membership screen opens on the new year at 00:30 on 1 January in Paris, and on the zone Electron passes', async () => {
    const store = await openStore(path.join(tempDir(), 'maillage.sqlite'));
    opened.push(store);
    const paris = createHandlers(store, { runtime: 'test', now: () => NEW_YEAR_IN_PARIS });
    expect((await paris['memberships.year']({})).year).toBe(2027);
    // Midday UTC on 31 December is already the new year in Kiribati (Electron passes the machine's zone).
    const kiribati = createHandlers(store, { runtime: 'test', now: () => new Date('2026-12-31T12:00:00Z'), timeZone: 'Pacific/Kiritimati' });
    expect((await kiribati['memberships.year']({})).year).toBe(2027);
  });
});

describe('the one date format', () => {
  it('writes the first of the month as French does, everywhere', () => {
    expect(formatDate('2026-12-01')).toBe('1er décembre 2026');
    expect(formatDate('2026-12-02')).toBe('2 décembre 2026');
    expect(formatDate('2026-12-11')).toBe('11 décembre 2026');
    expect(formatDate('2026-12-01', 'en')).toBe('1 December 2026');
    expect(formatDate('2026-12-01', 'fr', 'short')).toBe('01/12/2026');
    expect(formatDateLong('2026-12-01')).toBe(formatDate('2026-12-01'));
    expect(formatMonth('2026-03')).toBe('mars 2026');
    expect(formatDate('2026-10-01', 'fr', 'weekday')).toBe('jeudi 1er octobre 2026');
    expect(formatDate('2026-10-08', 'fr', 'weekday')).toBe('jeudi 8 octobre 2026');
    expect(formatDate('2026-10-01', 'en', 'weekday')).toBe('Thursday, 1 October 2026');
    // The renderer's is the same function.
    for (const iso of ['2026-12-01', '2028-02-29', '2027-01-01']) expect(rendererFormatDate(iso, 'fr')).toBe(formatDate(iso));
  });

  it('the renderer takes today in the network’s zone', () => {
    expect(todayIso(NEW_YEAR_IN_PARIS)).toBe('2027-01-01');
    expect(rendererYear(NEW_YEAR_IN_PARIS)).toBe(2027);
    expect(dayOfInstant('2026-12-31T23:30:00Z')).toBe('2027-01-01');
  });
});

describe('a fixed clock for tests (MAILLAGE_FIXED_NOW, --now)', () => {
  it('returns the same instant every time, as a fresh Date', () => {
    const now = appClock('2026-03-12T10:00:00Z');
    expect(now().toISOString()).toBe('2026-03-12T10:00:00.000Z');
    now().setUTCFullYear(1999);
    expect(now().toISOString()).toBe('2026-03-12T10:00:00.000Z');
    expect(parseFixedNow('2027-03-02T00:30:00+01:00').toISOString()).toBe('2027-03-01T23:30:00.000Z');
  });

  it('refuses what is not an instant with its zone, naming where it came from', () => {
    expect(() => parseFixedNow('2026-03-12', '--now')).toThrow('--now : instant invalide « 2026-03-12 »');
    expect(() => parseFixedNow('2026-03-12T10:00:00')).toThrow('MAILLAGE_FIXED_NOW');
    expect(() => parseFixedNow('demain')).toThrow('instant invalide');
  });
});
