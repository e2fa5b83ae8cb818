import { z } from 'zod';
import { method } from '../../api/method';
import { membershipSchema } from '../memberships/schemas';
import { affiliationSchema } from '../people/schemas';
import {
  organisationIdSchema,
  organisationInputSchema,
  organisationListQuerySchema,
  organisationListSchema,
  organisationSchema,
  organisationUpdateSchema,
} from './schemas';

export const organisationDetailSchema = z.object({
  organisation: organisationSchema,
  affiliations: z.array(affiliationSchema),
  memberships: z.array(membershipSchema),
});
export type OrganisationDetail = z.infer<typeof organisationDetailSchema>;

export const organisationsContract = {
  'organisations.list': method(organisationListQuerySchema, organisationListSchema),
  'organisations.get': method(organisationIdSchema, organisationDetailSchema),
  'organisations.create': method(organisationInputSchema, organisationSchema),
  'organisations.update': method(organisationUpdateSchema, organisationSchema),
  'organisations.archive': method(organisationIdSchema, organisationSchema),
  'organisations.restore': method(organisationIdSchema, organisationSchema),
};
