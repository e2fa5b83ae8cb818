/**
 * Durations as people type them, stored as whole minutes.
 *
 * Accepted: `1h30`, `1 h 30`, `1h30min`, `1 heure 30`, `2h`, `1:30`, `1,5`, `1.5`, `1,5 h`, `90 min`,
 * `90mn`, `90 minutes`, and a bare whole number. The bare number is the one ambiguous case:
 * up to 12 it counts as hours (a day given to the network is typed `7` or `8`), above 12 as
 * minutes (`15`, `30`, `45`, `90`). Nobody lends 13 hours or more in one entry without saying
 * `h`, and the fields show the parsed value (`45 min`, `8 h`) as soon as it is typed.
 * Decimal hours are rounded to the nearest minute (`1,33` → 80 min).
 */

/** Above this a bare whole number is read as minutes. */
export const BARE_HOURS_MAX = 12;
/** One person cannot give more than a day in a day. */
export const MAX_MINUTES_PER_DAY = 24 * 60;

export type DurationProblem = 'empty' | 'invalid' | 'zero' | 'negative' | 'tooLong';
export type DurationParse = { ok: true; minutes: number } | { ok: false; problem: DurationProblem };

/** The catalogue key that explains each problem to the person typing. */
export const DURATION_PROBLEM_KEYS: Record<DurationProblem, string> = {
  empty: 'error.time.durationRequired',
  invalid: 'error.time.durationInvalid',
  zero: 'error.time.durationZero',
  negative: 'error.time.durationNegative',
  tooLong: 'error.time.durationTooLong',
};

const HOURS_WORD = '(?:h|hr|hrs|heures?|hours?)';
const MINUTES_WORD = "(?:m|mn|min|mins|minutes?|')";

const HOURS_AND_MINUTES = new RegExp(`^(\\d{1,3})${HOURS_WORD}(?:(\\d{1,2})(?:${MINUTES_WORD})?)?$`);
const DECIMAL_HOURS = new RegExp(`^(\\d{1,3})(?:[.,](\\d{1,4}))?(${HOURS_WORD})?$`);
const MINUTES_ONLY = new RegExp(`^(\\d{1,5})${MINUTES_WORD}$`);
const CLOCK = /^(\d{1,3}):(\d{2})$/;

function result(minutes: number): DurationParse {
  if (minutes === 0) return { ok: false, problem: 'zero' };
  if (minutes > MAX_MINUTES_PER_DAY) return { ok: false, problem: 'tooLong' };
  return { ok: true, minutes };
}

export function parseDuration(input: string): DurationParse {
  const compact = input
    .trim()
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, '')
    .replace(/\.$/, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  if (/^[-−]/.test(compact)) {
    const positive = parseDuration(compact.replace(/^[-−]/, ''));
    return positive.ok || positive.problem === 'tooLong' ? { ok: false, problem: 'negative' } : positive;
  }

  let m = CLOCK.exec(compact);
  if (m) {
    const minutes = Number(m[2]);
    if (minutes >= 60) return { ok: false, problem: 'invalid' };
    return result(Number(m[1]) * 60 + minutes);
  }
  m = HOURS_AND_MINUTES.exec(compact);
  if (m) {
    const minutes = m[2] === undefined ? 0 : Number(m[2]);
    if (minutes >= 60) return { ok: false, problem: 'invalid' };
    return result(Number(m[1]) * 60 + minutes);
  }
  m = MINUTES_ONLY.exec(compact);
  if (m) return result(Number(m[1]));
  m = DECIMAL_HOURS.exec(compact);
  if (m) {
    const whole = Number(m[1]);
    if (m[2] === undefined && m[3] === undefined && whole > BARE_HOURS_MAX) return result(whole);
    const hours = Number(`${m[1]}.${m[2] ?? '0'}`);
    return result(Math.round(hours * 60));
  }
  return { ok: false, problem: 'invalid' };
}

// ——— Durations from a spreadsheet column ———

/**
 * How a bare number of a spreadsheet column is read: its title says hours (« Heures »,
 * « Nb d'heures », « Durée (h) ») or minutes (« Minutes », « Durée en min »), else the app's
 * typing rule applies (`asTyped`: up to 12 hours, above that minutes). CSV text and XLSX numbers
 * follow the same rule, so `13` means the same in both.
 */
export type DurationUnit = 'hours' | 'minutes' | 'asTyped';

const HOUR_WORDS = new Set(['h', 'hr', 'hrs', 'heure', 'heures', 'hour', 'hours']);
const MINUTE_WORDS = new Set(['m', 'mn', 'min', 'mins', 'minute', 'minutes']);

export function durationUnitOfTitle(title: string | null | undefined): DurationUnit {
  const words = (title ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const hours = words.some((w) => HOUR_WORDS.has(w));
  const minutes = words.some((w) => MINUTE_WORDS.has(w));
  if (hours && !minutes) return 'hours';
  if (minutes && !hours) return 'minutes';
  return 'asTyped';
}

const BARE_NUMBER = /^[-−]?\d+(?:[.,]\d+)?$/;

/**
 * A spreadsheet cell as a duration in the unit its column announces. Text with its own unit
 * (`1h30`, `90 min`, `1:30`) is read as typed whatever the column says.
 */
export function parseDurationIn(value: string | number, unit: DurationUnit): DurationParse {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(/[\s\u00a0\u202f]+/g, '');
  if (typeof value === 'number' && !Number.isFinite(value)) return { ok: false, problem: 'invalid' };
  // A spreadsheet's computed 1,3333… is decimal hours, as the typing rule reads any decimal.
  if (unit === 'asTyped' && typeof value === 'number' && !Number.isInteger(value)) return value < 0 ? { ok: false, problem: 'negative' } : result(Math.round(value * 60));
  if (unit === 'asTyped' || !BARE_NUMBER.test(text)) return parseDuration(text);
  const number = Number(text.replace('−', '-').replace(',', '.'));
  if (number < 0) return { ok: false, problem: 'negative' };
  return result(Math.round(unit === 'hours' ? number * 60 : number));
}

const GROUPED = new Intl.NumberFormat('fr-FR', { useGrouping: true, maximumFractionDigits: 0 });

/** 90 → `1 h 30`, 60 → `1 h`, 45 → `45 min`, 125 → `2 h 05`, 241 050 → `4 017 h 30`. */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  const h = `${sign}${GROUPED.format(hours)} h`;
  return rest === 0 ? h : `${h} ${String(rest).padStart(2, '0')}`;
}

/** Minutes → hours with two decimals at most, as a number (the unit of summaries and JSON). */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
