import { z } from 'zod';
import { isIsoDate, isValidPostcode, isValidRna, isValidSiret } from './identifiers';

/** Empty text becomes null, so that "no value" is stored one way only. */
const blankToNull = (v: string | null | undefined) => {
  if (v == null) return null;
  const t = v.trim();
  return t === '' ? null : t;
};

export const requiredText = (max = 200) =>
  z.string({ error: 'error.required' }).trim().min(1, 'error.required').max(max, 'error.tooLong');

export const optionalText = (max = 2000) =>
  z
    .string()
    .max(max, 'error.tooLong')
    .nullish()
    .transform(blankToNull);

export const optionalEmail = z
  .string()
  .nullish()
  .transform(blankToNull)
  .refine((v) => v === null || z.email().safeParse(v).success, 'error.email');

export const optionalPostcode = z
  .string()
  .nullish()
  .transform(blankToNull)
  .refine((v) => v === null || isValidPostcode(v), 'error.postcode');

export const optionalSiret = z
  .string()
  .nullish()
  .transform((v) => blankToNull(v)?.replace(/\s/g, '') ?? null)
  .refine((v) => v === null || isValidSiret(v), 'error.siret');

export const optionalRna = z
  .string()
  .nullish()
  .transform((v) => blankToNull(v)?.replace(/\s/g, '').toUpperCase() ?? null)
  .refine((v) => v === null || isValidRna(v), 'error.rna');

export const isoDate = z.string({ error: 'error.required' }).refine(isIsoDate, 'error.date');

export const optionalDate = z
  .string()
  .nullish()
  .transform(blankToNull)
  .refine((v) => v === null || isIsoDate(v), 'error.date');

export const id = z.number().int().positive();

/** Money travels as integer cents. */
export const cents = z.number({ error: 'error.money' }).int('error.money').min(0, 'error.moneyNegative');

export const year = z.number({ error: 'error.year' }).int('error.year').min(1901, 'error.year').max(2200, 'error.year');
