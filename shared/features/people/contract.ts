import { z } from 'zod';
import { method } from '../../api/method';
import { byIdAt, id, isoDate } from '../../validation/fields';
import {
  affiliationInputSchema,
  affiliationSchema,
  affiliationUpdateSchema,
  endDatedSchema,
  officeInputSchema,
  officeSchema,
  personDetailSchema,
  personInputSchema,
  personListItemSchema,
  personListQuerySchema,
  personSchema,
  personWithAffiliationSchema,
} from './schemas';

const byId = z.object({ id });

export const peopleContract = {
  'people.list': method(personListQuerySchema, z.object({ items: z.array(personListItemSchema), total: z.number().int() })),
  'people.get': method(byId, personDetailSchema),
  'people.create': method(personInputSchema, personSchema),
  /** From a structure's page: the person and their affiliation in one transaction. */
  'people.createWithAffiliation': method(personWithAffiliationSchema, affiliationSchema),
  'people.update': method(personInputSchema.extend({ id, version: z.number().int().min(1).optional() }), personSchema),
  'people.archive': method(byId, personSchema),
  'people.restore': method(byId, personSchema),
  'people.addAffiliation': method(affiliationInputSchema, affiliationSchema),
  /** Corrects the structure, role or dates of an affiliation entered wrongly. */
  'people.updateAffiliation': method(affiliationUpdateSchema, affiliationSchema),
  'people.endAffiliation': method(endDatedSchema, affiliationSchema),
  'people.removeAffiliation': method(byIdAt, z.object({ removed: z.boolean() })),
  'people.addOffice': method(officeInputSchema, officeSchema),
  'people.endOffice': method(endDatedSchema, officeSchema),
  'people.removeOffice': method(byIdAt, z.object({ removed: z.boolean() })),
  'people.officers': method(z.object({ date: isoDate.optional() }), z.object({ items: z.array(officeSchema) })),
};
