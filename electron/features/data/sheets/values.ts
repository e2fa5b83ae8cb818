import { isIsoDate } from '../../../../shared/validation/identifiers';
import type { Cell } from './xlsx';
import { serialToIso } from './xlsx';

/** A cell as the secretary sees it: "1250,5", "12/03/2026". */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  if (typeof cell === 'boolean') return cell ? 'VRAI' : 'FAUX';
  if ('minutes' in cell) return `${Math.floor(cell.minutes / 60)}:${String(cell.minutes % 60).padStart(2, '0')}`;
  const [y, m, d] = cell.date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A number written the French way or the English way: "1 250,50", "1250.5", "62 000 €",
 * "1.250,50". With both marks, the last one is the decimal mark; a lone comma is decimal.
 */
export function parseDecimal(cell: Cell): number | null {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return null;
  let s = cell.replace(/[\s\u00a0\u202f€]/g, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma !== -1 && lastDot !== -1) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma !== -1) {
    if (s.indexOf(',') !== lastComma) return null;
    s = s.replace(',', '.');
  } else if (lastDot !== -1 && s.indexOf('.') !== lastDot) {
    // "1.250.000": dots grouping thousands.
    s = s.replace(/\./g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Euros to integer cents; refuses more than two decimals. */
export function parseCents(cell: Cell): { ok: true; cents: number | null } | { ok: false; key: string } {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { ok: true, cents: null };
  const value = parseDecimal(cell);
  if (value === null) return { ok: false, key: 'error.money' };
  if (value < 0) return { ok: false, key: 'error.moneyNegative' };
  const cents = Math.round(value * 100);
  if (Math.abs(cents - value * 100) > 1e-6 || !Number.isSafeInteger(cents)) return { ok: false, key: 'error.money' };
  return { ok: true, cents };
}

/**
 * A date as French files write it: dd/mm/yyyy (also with "-" or "."), dd/mm/yy (20yy),
 * yyyy-mm-dd, a trailing time ignored, or an Excel serial number.
 */
export function parseDate(cell: Cell): { ok: true; date: string | null } | { ok: false } {
  if (cell === null) return { ok: true, date: null };
  if (typeof cell === 'object') return 'date' in cell ? { ok: true, date: cell.date } : { ok: false };
  if (typeof cell === 'number') {
    const iso = Number.isInteger(cell) ? serialToIso(cell) : null;
    return iso ? { ok: true, date: iso } : { ok: false };
  }
  if (typeof cell === 'boolean') return { ok: false };
  const s = cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  if (s === '') return { ok: true, date: null };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(s);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const iso = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { ok: true, date: iso } : { ok: false };
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? { ok: true, date: iso } : { ok: false };
  }
  return { ok: false };
}

/** ISO date → dd/mm/yyyy, as French spreadsheets show it. */
export function frenchDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Cents → "1250,50" (no thousands separator: French Excel reads it back as a number). */
export function frenchDecimal(value: number, digits = 2): string {
  return value.toFixed(digits).replace('.', ',');
}
