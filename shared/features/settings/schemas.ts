import { z } from 'zod';
import { formatText, optionalEmail, optionalPostcode, optionalRna, optionalSiret, optionalText, requiredText } from '../../validation/fields';

/** A logo is kept inline as a data URL; 512 KiB keeps the database and documents light. */
export const MAX_LOGO_BYTES = 512 * 1024;

export const settingsSchema = z.object({
  associationName: requiredText(200),
  address: optionalText(300, { multiline: true }),
  postcode: optionalPostcode,
  city: optionalText(100),
  siret: optionalSiret,
  rna: optionalRna,
  email: optionalEmail,
  phone: optionalText(30),
  website: optionalText(200),
  logoDataUrl: formatText(
    z
      .string()
      .nullish()
      .transform((v) => v || null)
      .refine((v) => v === null || /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]*$/.test(v), 'error.logoFormat')
      .refine((v) => v === null || v.length <= Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 40, 'error.logoSize'),
  ),
  /** Hours in one full-time equivalent (1 607 by default; 1 820 or 1 720 are other bases in use). */
  etpHours: z.number({ error: 'error.number' }).int('error.integer').min(1000, 'error.etpRange').max(2500, 'error.etpRange'),
  /** Default hourly value of donated time, in cents. */
  defaultHourlyValueCents: z.number({ error: 'error.money' }).int('error.money').min(0, 'error.moneyNegative').max(100_000, 'error.tooLarge'),
  /** 1 = January. */
  financialYearStartMonth: z.number().int().min(1, 'error.month').max(12, 'error.month'),
  /** Default yearly fee proposed for a new membership, in cents. */
  defaultFeeCents: z.number({ error: 'error.money' }).int('error.money').min(0, 'error.moneyNegative').max(10_000_000, 'error.tooLarge'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  associationName: 'Mon réseau de ressourceries',
  address: null,
  postcode: null,
  city: null,
  siret: null,
  rna: null,
  email: null,
  phone: null,
  website: null,
  logoDataUrl: null,
  etpHours: 1607,
  defaultHourlyValueCents: 2000,
  financialYearStartMonth: 1,
  defaultFeeCents: 5000,
};
