import { z } from 'zod';
import { pageFields } from '../../api/paging';
import {
  id,
  optionalEmail,
  optionalPostcode,
  optionalSiret,
  optionalText,
  requiredText,
  keyText,
  searchText,
  year,
} from '../../validation/fields';

export const ORGANISATION_KINDS = ['member', 'partner', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** For partners and funders: what kind of body they are (reports count visits by local authorities, etc.). */
export const PARTNER_TYPES = [
  'environment_agency',
  'region',
  'state_office',
  'department_council',
  'waste_syndicate',
  'ess_funder',
  'local_authority',
  'network',
  'company',
  'other',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const MEMBERSHIP_STATUS_FILTERS = ['member', 'paid', 'unpaid', 'none'] as const;
export const ORGANISATION_SORTS = ['name', 'city', 'department', 'kind'] as const;

export const organisationInputSchema = z.object({
  name: requiredText(200),
  shortName: optionalText(40),
  kind: z.enum(ORGANISATION_KINDS),
  partnerType: z.enum(PARTNER_TYPES).nullish().transform((v) => v ?? null),
  siret: optionalSiret,
  address: optionalText(300, { multiline: true }),
  postcode: optionalPostcode,
  city: optionalText(100),
  email: optionalEmail,
  phone: optionalText(30),
  website: optionalText(200),
  note: optionalText(4000, { multiline: true }),
});
export type OrganisationInput = z.input<typeof organisationInputSchema>;

export const organisationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  partnerType: z.enum(PARTNER_TYPES).nullable(),
  siret: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  department: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  /** Raised by each save; sent back with an update so that a stale form is refused, not applied. */
  version: z.number().int(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationListQuerySchema = z.object({
  search: searchText(200),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  department: keyText(3).optional(),
  year: year.optional(),
  membershipStatus: z.enum(MEMBERSHIP_STATUS_FILTERS).optional(),
  includeArchived: z.boolean().optional(),
  sort: z.enum(ORGANISATION_SORTS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  ...pageFields,
});
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;

export const organisationListItemSchema = organisationSchema
  .pick({ id: true, name: true, shortName: true, kind: true, city: true, postcode: true, department: true, siret: true, archivedAt: true })
  .extend({
    /** Membership of the requested year (or the current one): null when not a member that year. */
    membership: z
      .object({ year: z.number().int(), feeDueCents: z.number().int(), amountPaidCents: z.number().int(), exitDate: z.string().nullable() })
      .nullable(),
  });
export type OrganisationListItem = z.infer<typeof organisationListItemSchema>;

export const organisationListSchema = z.object({
  items: z.array(organisationListItemSchema),
  total: z.number().int(),
  departments: z.array(z.string()),
  year: z.number().int(),
});

export const organisationIdSchema = z.object({ id });
/** `version`: the one the form was opened at; without it the save is not checked (CLI, older callers). */
export const organisationUpdateSchema = organisationInputSchema.extend({ id, version: z.number().int().min(1).optional() });
