import { z } from 'zod';
import { isIsoDate, isValidPostcode, isValidRna, isValidSiret } from './identifiers';
import { isInvisible, textProblem } from './text';

/**
 * What kind of string each input string is: `line` (a name, a title: one line), `multiline`
 * (notes, minutes: line breaks and tabs kept), `format` (a date, an e-mail, a SIRET: its format
 * admits no stray character), `key` (a code the program chose: printable ASCII). Every string of
 * the contract's inputs is registered here; test/unit/text-validation.test.ts walks the contract.
 */
export const textRules = z.registry<{ kind: 'line' | 'multiline' | 'format' | 'key' }>();

function registered<T extends z.ZodType>(schema: T, kind: 'line' | 'multiline' | 'format' | 'key'): T {
  textRules.add(schema, { kind });
  return schema;
}

/**
 * The characters check of every typed text: no control character, no bidirectional override,
 * no lone surrogate (bad UTF-16 from JSON), one line unless multi-line; `visible` also refuses a
 * text made only of invisible characters (zero-width spaces).
 */
export function checkText(multiline: boolean, visible = false) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const problem = textProblem(value, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    // Blank text is the required check's to report; zero-width characters only are this one's.
    else if (visible && value.trim() !== '' && isInvisible(value)) ctx.addIssue({ code: 'custom', message: 'error.text.invisible', input: value });
  };
}

/** Empty text (or only invisible characters) becomes null, so that "no value" is stored one way only. */
const blankToNull = (v: string | null | undefined) => {
  if (v == null) return null;
  const t = v.trim();
  return t === '' || isInvisible(t) ? null : t;
};

interface TextOptions {
  /** Notes, addresses, minutes: line breaks and tabs are part of the text. */
  multiline?: boolean;
}

export const requiredText = (max = 200, options: TextOptions = {}) =>
  registered(
    z
      .string({ error: 'error.required' })
      .trim()
      .min(1, 'error.required')
      .superRefine(checkText(options.multiline === true, true))
      .max(max, 'error.tooLong'),
    options.multiline ? 'multiline' : 'line',
  );

export const optionalText = (max = 2000, options: TextOptions = {}) =>
  registered(
    z
      .string()
      .superRefine(checkText(options.multiline === true))
      .max(max, 'error.tooLong')
      .nullish()
      .transform(blankToNull),
    options.multiline ? 'multiline' : 'line',
  );

/** A search or filter text: optional, one line, the same characters check. */
export const searchText = (max = 200) => registered(z.string().superRefine(checkText(false)).max(max, 'error.tooLong').optional(), 'line');

/** A string with its own messages (a file name, a reason), given the characters check and registered. */
export function checkedText<T extends z.ZodType<unknown, string>>(kind: 'line' | 'multiline', build: (checked: z.ZodString) => T): T {
  return registered(build(z.string().superRefine(checkText(kind === 'multiline', true))), kind);
}

/** A code chosen by the program (a field key, a list name): printable ASCII only. */
export const keyText = (max: number, min = 0) =>
  registered(
    z
      .string()
      .min(min, 'error.required')
      .max(max, 'error.tooLong')
      .regex(/^[\x20-\x7E]*$/, 'error.invalid'),
    'key',
  );

/** File contents carried as base64 text: only its alphabet. */
export const base64Text = (max: number, tooLarge: string) =>
  registered(
    z
      .string()
      .max(max, tooLarge)
      .regex(/^[A-Za-z0-9+/=\r\n]*$/, 'error.invalid'),
    'format',
  );

/** A string whose own format check (a date, a time, a regex) leaves no room for stray characters. */
export const formatText = <T extends z.ZodType>(schema: T): T => registered(schema, 'format');

export const optionalEmail = formatText(z
  .string()
  .nullish()
  .transform(blankToNull)
  .refine((v) => v === null || z.email().safeParse(v).success, 'error.email'));

export const optionalPostcode = formatText(z
  .string()
  .nullish()
  .transform(blankToNull)
  .refine((v) => v === null || isValidPostcode(v), 'error.postcode'));

export const optionalSiret = formatText(z
  .string()
  .nullish()
  .transform((v) => blankToNull(v)?.replace(/\s/g, '') ?? null)
  .refine((v) => v === null || isValidSiret(v), 'error.siret'));

export const optionalRna = formatText(z
  .string()
  .nullish()
  .transform((v) => blankToNull(v)?.replace(/\s/g, '').toUpperCase() ?? null)
  .refine((v) => v === null || isValidRna(v), 'error.rna'));

export const isoDate = formatText(z.string({ error: 'error.required' }).refine(isIsoDate, 'error.date'));

export const optionalDate = formatText(z
  .string()
  .nullish()
  .transform(blankToNull)
  .refine((v) => v === null || isIsoDate(v), 'error.date'));

/** A record's id: a positive whole number that JavaScript holds exactly (1e308 is not one). */
export const id = z
  .number({ error: (issue) => (issue.input === undefined || issue.input === null ? 'error.required' : 'error.id') })
  .int({ error: 'error.id', abort: true })
  .positive({ error: 'error.id', abort: true })
  .max(Number.MAX_SAFE_INTEGER, 'error.id');

/**
 * The version of a record as the screen opened it: a save or delete naming an older one is refused
 * (« modifié entre-temps »). Optional, so callers that name none (CLI, imports) still work.
 */
export const openedVersion = z.number().int().min(1).optional();

/** The version a record is at, in what the API returns: the next save names it. */
export const recordVersion = z.number().int();

/** A delete of one record, at the version the screen showed. */
export const byIdAt = z.object({ id, version: openedVersion });

/** Money travels as integer cents. */
export const cents = z.number({ error: 'error.money' }).int('error.money').min(0, 'error.moneyNegative');

export const year = z.number({ error: 'error.year' }).int('error.year').min(1901, 'error.year').max(2200, 'error.year');
