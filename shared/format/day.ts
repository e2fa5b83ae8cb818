/**
 * « Today » is a calendar day where the user lives, not the UTC date: at 00:30 in Paris on
 * 1 January it is already the new year, while toISOString() still says 31 December. Every day
 * computed from an instant goes through `localDay`.
 */

/** The network's zone: web mode, the CLI and the server use it unless told otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const formats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // An explicit zone and calendar: the result never depends on the machine's settings.
    format = new Intl.DateTimeFormat('en-US', { timeZone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The calendar day (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDay(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('localDay: invalid instant');
  const parts = partsFormat(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** The year of `instant` in `timeZone` (the « current year » of the membership screens). */
export function localYear(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  return Number(localDay(instant, timeZone).slice(0, 4));
}

/** The zone this process runs in (Electron follows the machine's), or the default when unknown. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TIME_ZONE;
}
