import { z } from 'zod';
import { method } from '../../api/method';
import { ROLES } from '../../api/roles';
import { id } from '../../validation/fields';

/** Who the renderer is speaking for: the person at the machine, or a server account with one role. */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({
    kind: z.literal('user'),
    userId: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    organisationId: z.number().int().nullable(),
  }),
]);

export const memberMeetingSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  date: z.string(),
  status: z.enum(['draft', 'finalized', 'approved']),
  /** Approved minutes are the only minutes a member organisation reads. */
  minutesApproved: z.boolean(),
});
export type MemberMeeting = z.infer<typeof memberMeetingSchema>;

/** What a member organisation's screens read (issue 14); the roles decide who may call them. */
export const memberContract = {
  /** The caller of this request (the renderer shows a structure account its own screens only). */
  'app.caller': method(z.object({}), actorSchema),
  /** Meetings the organisation was invited to, newest first. */
  'member.meetings': method(z.object({ organisationId: id }), z.object({ items: z.array(memberMeetingSchema) })),
};
