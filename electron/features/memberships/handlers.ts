import type { Handlers } from '../../../shared/api/contract';
import { currentYear, type ServiceContext } from '../../app/context';
import { deleteMembership, membershipYear, renewMemberships, saveMembership } from './service';

type MembershipHandlers = Pick<Handlers, `memberships.${string}` & keyof Handlers>;

export function membershipHandlers(ctx: ServiceContext): MembershipHandlers {
  return {
    'memberships.year': ({ year }) => membershipYear(ctx, year ?? currentYear(ctx)),
    'memberships.save': (values) => saveMembership(ctx, values),
    'memberships.delete': ({ id }) => deleteMembership(ctx, id),
    'memberships.renew': ({ fromYear }) => renewMemberships(ctx, fromYear),
  };
}
