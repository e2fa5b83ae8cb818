import type { Locator } from '@playwright/test';

/** `2026-03-12` → `12/03/2026`: a date as a secretary types it in a date field. */
export function frenchDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** `2026-03` → `03/2026`, a month as typed in a month field. */
export function frenchMonth(month: string): string {
  const [year, number] = month.split('-');
  return `${number}/${year}`;
}

/** Types a date the French way into a DateInput, as a person would (the field reads it as they type). */
export async function typeDate(field: Locator, iso: string): Promise<void> {
  await field.fill(frenchDate(iso));
}

export async function typeMonth(field: Locator, month: string): Promise<void> {
  await field.fill(frenchMonth(month));
}
