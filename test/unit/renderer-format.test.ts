import { describe, expect, it } from 'vitest';
import { uiEn, uiFr } from '../../shared/i18n/messages-ui';
import { formatDate, formatMoney, formatMoneyInput, monthNames, parseMoney } from '../../renderer/i18n/format';

/** Intl puts narrow no-break spaces in French numbers; compare on plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('renderer formatting', () => {
  it('prints money from cents the French way', () => {
    expect(plain(formatMoney(6_200_000, 'fr'))).toBe('62 000 €');
    expect(plain(formatMoney(125_050, 'fr'))).toBe('1 250,50 €');
    expect(formatMoney(125_050, 'en')).toBe('€1,250.50');
    expect(plain(formatMoneyInput(125_050, 'fr'))).toBe('1 250,50');
    expect(formatMoneyInput(null, 'fr')).toBe('');
  });

  it('prints calendar dates without time-zone drift', () => {
    expect(formatDate('2026-03-12', 'fr')).toBe('12 mars 2026');
    expect(formatDate('2026-01-01', 'en')).toBe('1 January 2026');
    expect(formatDate('2023-09-01', 'fr')).toBe('1er septembre 2023');
    expect(formatDate('2023-09-11', 'fr')).toBe('11 septembre 2023');
    expect(formatDate(null, 'fr')).toBe('');
    expect(monthNames('fr')[0]).toBe('Janvier');
    expect(monthNames('fr')).toHaveLength(12);
  });

  it('reads amounts as a secretary types them', () => {
    expect(parseMoney('1 250,50', 'fr')).toEqual({ ok: true, cents: 125_050 });
    expect(parseMoney('1\u202f250,5 €', 'fr')).toEqual({ ok: true, cents: 125_050 });
    expect(parseMoney('1.250,50', 'fr')).toEqual({ ok: true, cents: 125_050 });
    expect(parseMoney('150.5', 'fr')).toEqual({ ok: true, cents: 15_050 });
    expect(parseMoney('62 000', 'fr')).toEqual({ ok: true, cents: 6_200_000 });
    expect(parseMoney('1,250.50', 'en')).toEqual({ ok: true, cents: 125_050 });
    expect(parseMoney('', 'fr')).toEqual({ ok: true, cents: 0 });
    expect(parseMoney('12,345', 'fr')).toEqual({ ok: false, key: 'error.money' });
    expect(parseMoney('douze', 'fr')).toEqual({ ok: false, key: 'error.money' });
    expect(parseMoney('-5', 'fr')).toEqual({ ok: false, key: 'error.moneyNegative' });
    // What formatMoneyInput writes, parseMoney reads back.
    for (const cents of [0, 5, 99, 5_000, 125_050, 6_200_000]) {
      expect(parseMoney(formatMoneyInput(cents, 'fr'), 'fr')).toEqual({ ok: true, cents });
      expect(parseMoney(formatMoneyInput(cents, 'en'), 'en')).toEqual({ ok: true, cents });
    }
  });

  it('has every UI message in French and English, none left empty', () => {
    expect(Object.keys(uiEn).sort()).toEqual(Object.keys(uiFr).sort());
    for (const [key, text] of [...Object.entries(uiFr), ...Object.entries(uiEn)]) expect(text.trim(), key).not.toBe('');
    // Placeholders match between the two languages (a plural argument `{count, plural, …}` counts once).
    const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();
    for (const key of Object.keys(uiFr) as (keyof typeof uiFr)[]) expect(names(uiEn[key]), key).toEqual(names(uiFr[key]));
  });
});
