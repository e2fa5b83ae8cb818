import { z } from 'zod';
import { method } from '../../api/method';
import { id, year } from '../../validation/fields';
import { membershipInputSchema, membershipSchema, membershipYearSchema, renewResultSchema } from './schemas';

export const membershipsContract = {
  'memberships.year': method(z.object({ year: year.optional() }), membershipYearSchema),
  'memberships.save': method(membershipInputSchema, membershipSchema),
  'memberships.delete': method(z.object({ id }), z.object({ removed: z.boolean() })),
  /** Every active member of `fromYear` gets a membership for the next year, fee as this year, unpaid. */
  'memberships.renew': method(z.object({ fromYear: year }), renewResultSchema),
};
