import type { Actor } from '../../../shared/api/roles';
import type { MemberMeeting } from '../../../shared/features/member/contract';
import type { ServiceContext } from '../../app/context';
import { scopedOrganisation } from '../time/review-rules';

/** The caller of the request as the renderer needs it: absent means the person at the machine. */
export function callerOf(ctx: ServiceContext): Actor {
  return ctx.caller ?? { kind: 'local' };
}

/** Meetings one of the organisation's people was invited to on its behalf, newest first. */
export async function memberMeetings(ctx: ServiceContext, organisationId: number): Promise<{ items: MemberMeeting[] }> {
  const scoped = scopedOrganisation(ctx, organisationId)!;
  const rows = await ctx.db
    .selectFrom('meetings as m')
    .select(['m.id', 'm.kind', 'm.title', 'm.date', 'm.status'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('attendances as a')
          .select('a.id')
          .whereRef('a.meeting_id', '=', 'm.id')
          .where('a.organisation_id', '=', scoped)
          .where('a.invited', '=', 1),
      ),
    )
    .orderBy('m.date', 'desc')
    .orderBy('m.id', 'desc')
    .limit(500)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      date: r.date,
      status: r.status as MemberMeeting['status'],
      minutesApproved: r.status === 'approved',
    })),
  };
}
