import { z } from 'zod';
import { pageFields } from '../../api/paging';
import { id, isoDate, openedVersion, optionalDate, optionalEmail, optionalPostcode, optionalText, recordVersion, requiredText, searchText } from '../../validation/fields';

/** Offices held in the association itself (bureau / conseil d'administration). */
export const OFFICES = [
  'president',
  'vice_president',
  'treasurer',
  'deputy_treasurer',
  'secretary',
  'deputy_secretary',
  'board_member',
] as const;
export type Office = (typeof OFFICES)[number];

/** How documents address and title a person: « La présidente », « Le trésorier ». Not said = null. */
export const CIVILITIES = ['madame', 'monsieur'] as const;
export type Civility = (typeof CIVILITIES)[number];

/** A stored civility, anything else read as not said. */
export function civilityOf(value: string | null | undefined): Civility | null {
  return (CIVILITIES as readonly string[]).includes(value ?? '') ? (value as Civility) : null;
}

export const personInputSchema = z.object({
  civility: z
    .enum(CIVILITIES)
    .nullish()
    .or(z.literal('').transform(() => null))
    .transform((v) => v ?? null),
  firstName: requiredText(100),
  lastName: requiredText(100),
  email: optionalEmail,
  phone: optionalText(30),
  address: optionalText(300, { multiline: true }),
  postcode: optionalPostcode,
  city: optionalText(100),
  note: optionalText(4000, { multiline: true }),
  /** When and how the person agreed to be in the membership file (GDPR). */
  consentDate: optionalDate,
  consentNote: optionalText(1000, { multiline: true }),
});
export type PersonInput = z.input<typeof personInputSchema>;

export const personSchema = z.object({
  id: z.number().int(),
  civility: z.enum(CIVILITIES).nullable(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  note: z.string().nullable(),
  consentDate: z.string().nullable(),
  consentNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  /** Raised by each save; sent back with an update so that a stale form is refused, not applied. */
  version: z.number().int(),
});
export type Person = z.infer<typeof personSchema>;

const endAfterStart = (v: { startDate: string; endDate?: string | null }) => !v.endDate || v.endDate >= v.startDate;

export const affiliationInputSchema = z
  .object({
    personId: id,
    organisationId: id,
    role: requiredText(100),
    startDate: isoDate,
    endDate: optionalDate,
  })
  .refine(endAfterStart, { path: ['endDate'], message: 'error.endBeforeStart' });

/** A person created from a structure's page, with their role there. */
export const personWithAffiliationSchema = z.object({
  person: personInputSchema,
  affiliation: z
    .object({ organisationId: id, role: requiredText(100), startDate: isoDate, endDate: optionalDate })
    .refine(endAfterStart, { path: ['endDate'], message: 'error.endBeforeStart' }),
});

export const affiliationUpdateSchema = z
  .object({ id, version: openedVersion, organisationId: id, role: requiredText(100), startDate: isoDate, endDate: optionalDate })
  .refine(endAfterStart, { path: ['endDate'], message: 'error.endBeforeStart' });

export const affiliationSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  organisationId: z.number().int(),
  role: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  personName: z.string(),
  organisationName: z.string(),
  version: recordVersion,
});
export type Affiliation = z.infer<typeof affiliationSchema>;

export const officeInputSchema = z
  .object({ personId: id, office: z.enum(OFFICES), startDate: isoDate, endDate: optionalDate })
  .refine(endAfterStart, { path: ['endDate'], message: 'error.endBeforeStart' });

export const officeSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  office: z.enum(OFFICES),
  startDate: z.string(),
  endDate: z.string().nullable(),
  personName: z.string(),
  version: recordVersion,
});
export type OfficeHolding = z.infer<typeof officeSchema>;

export const endDatedSchema = z.object({ id, version: openedVersion, endDate: isoDate });

export const personListQuerySchema = z.object({
  search: searchText(200),
  organisationId: id.optional(),
  includeArchived: z.boolean().optional(),
  /** Names only, for pickers: each item's `organisations` comes back empty (thousands of people at national scale). */
  namesOnly: z.boolean().optional(),
  ...pageFields,
});

export const personListItemSchema = personSchema.pick({ id: true, firstName: true, lastName: true, email: true, phone: true, archivedAt: true }).extend({
  /** Current affiliations, "Rôle — Structure". */
  organisations: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.string() })),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

export const personDetailSchema = z.object({
  person: personSchema,
  affiliations: z.array(affiliationSchema),
  offices: z.array(officeSchema),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;
