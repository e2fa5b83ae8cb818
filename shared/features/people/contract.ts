import { z } from 'zod';
import { method } from '../../api/method';
import { id } from '../../validation/fields';
import {
  affiliationInputSchema,
  affiliationSchema,
  endDatedSchema,
  officeInputSchema,
  officeSchema,
  personDetailSchema,
  personInputSchema,
  personListItemSchema,
  personListQuerySchema,
  personSchema,
} from './schemas';

const byId = z.object({ id });

export const peopleContract = {
  'people.list': method(personListQuerySchema, z.object({ items: z.array(personListItemSchema) })),
  'people.get': method(byId, personDetailSchema),
  'people.create': method(personInputSchema, personSchema),
  'people.update': method(personInputSchema.extend({ id, version: z.number().int().min(1).optional() }), personSchema),
  'people.archive': method(byId, personSchema),
  'people.restore': method(byId, personSchema),
  'people.addAffiliation': method(affiliationInputSchema, affiliationSchema),
  'people.endAffiliation': method(endDatedSchema, affiliationSchema),
  'people.removeAffiliation': method(byId, z.object({ removed: z.boolean() })),
  'people.addOffice': method(officeInputSchema, officeSchema),
  'people.endOffice': method(endDatedSchema, officeSchema),
  'people.removeOffice': method(byId, z.object({ removed: z.boolean() })),
  'people.officers': method(z.object({ date: z.string().optional() }), z.object({ items: z.array(officeSchema) })),
};
