// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../shared/api/errors';
import type { Language } from '../../shared/i18n/index';
import { toApiError } from '../api/client';
import { parseMoney } from '../i18n/format';

/**
 * Puts the server's field issues under their fields (`setError`) and returns what is left
 * for the banner: the error itself when no issue could be placed, else null.
 * `rename` maps a contract path to a form field when they differ (`feeDueCents` → `feeDue`).
 */
export function applyServerError<T extends FieldValues>(
  thrown: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename: Record<string, string> = {},
): ApiError | null {
  const error = toApiError(thrown);
  const issues = error.issues ?? [];
  if (error.code !== 'VALIDATION' || issues.length === 0) return error;
  const unplaced = issues.filter((issue) => {
    const field = rename[issue.path] ?? issue.path;
    if (!fields.includes(field)) return true;
    // The key is translated at render time; params are inlined into a marker-free key when present.
    setError(field as Path<T>, { type: 'server', message: issue.params ? JSON.stringify({ key: issue.key, params: issue.params }) : issue.key }, { shouldFocus: true });
    return false;
  });
  return unplaced.length ? { ...error, issues: unplaced } : null;
}

/** A field error message is a catalogue key, or a JSON `{key, params}` when the server gave parameters. */
export function decodeMessage(message: string): { key: string; params?: Record<string, string | number> } {
  if (message.startsWith('{')) {
    try {
      return JSON.parse(message) as { key: string; params?: Record<string, string | number> };
    } catch {
      return { key: message };
    }
  }
  return { key: message };
}

/** Form defaults from a record: nulls become empty strings, which is what inputs hold. */
export function blanks<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], null> | '' } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = v === null ? '' : v;
  return out as { [K in keyof T]: Exclude<T[K], null> | '' };
}

/**
 * A resolver for a contract schema whose money fields are typed as text in the form:
 * each `formField → contractField` pair is parsed (`1 250,50` → 125050) before the contract
 * schema runs, and errors on the contract field are reported under the form field.
 */
export function moneyFieldsResolver<TForm extends FieldValues, TOut>(
  schema: z.ZodType<TOut>,
  moneyFields: Record<string, string>,
  language: Language,
): Resolver<TForm, unknown, TOut> {
  const wrapped = z.preprocess((raw) => {
    if (!raw || typeof raw !== 'object') return raw;
    const values: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const [formField, contractField] of Object.entries(moneyFields)) {
      const text = values[formField];
      delete values[formField];
      const parsed = parseMoney(typeof text === 'string' ? text : '', language);
      // An unreadable amount is passed on as text, so the contract's own `error.money` reports it.
      values[contractField] = parsed.ok ? parsed.cents : parsed.key === 'error.moneyNegative' ? -1 : String(text);
    }
    return values;
  }, schema);
  const base = zodResolver(wrapped as never) as unknown as Resolver<TForm, unknown, TOut>;
  const back = Object.fromEntries(Object.entries(moneyFields).map(([f, c]) => [c, f]));
  return async (values, context, options) => {
    const result = await base(values, context, options);
    const errors = result.errors as Record<string, unknown>;
    for (const [contractField, formField] of Object.entries(back)) {
      if (errors[contractField]) {
        errors[formField] = errors[contractField];
        delete errors[contractField];
      }
    }
    return { ...result, errors: errors as FieldErrors<TForm> } as Awaited<ReturnType<Resolver<TForm, unknown, TOut>>>;
  };
}
