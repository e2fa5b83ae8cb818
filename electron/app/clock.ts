/**
 * The one place the server side reads the wall clock. Tests, and web mode or the CLI started by
 * tests, fix it instead: MAILLAGE_FIXED_NOW=2026-03-12T10:00:00Z (or the CLI's --now).
 */
export const FIXED_NOW_VARIABLE = 'MAILLAGE_FIXED_NOW';

/** Parses a fixed instant; throws a plain message naming where it came from when it is not one. */
export function parseFixedNow(value: string, source: string = FIXED_NOW_VARIABLE): Date {
  // A full ISO instant with its zone: a bare date or local time would depend on the machine.
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value);
  if (!valid || Number.isNaN(date.getTime())) throw new Error(`${source} : instant invalide « ${value} » (attendu par exemple 2026-03-12T10:00:00Z)`);
  return date;
}

/** The real clock. */
export const systemClock = (): Date => new Date();

/** The real clock, or a fixed one when `fixed` (an ISO instant) is given or the variable is set. */
export function appClock(fixed: string | undefined = process.env[FIXED_NOW_VARIABLE] || undefined, source?: string): () => Date {
  if (fixed !== undefined) {
    const instant = parseFixedNow(fixed, source);
    return () => new Date(instant.getTime());
  }
  return systemClock;
}
