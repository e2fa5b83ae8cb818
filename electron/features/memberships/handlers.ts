import type { Handlers } from '../../../shared/api/contract';
import { currentYear, type ServiceContext } from '../../app/context';
import { feeCalls, membershipReceipt, membershipReceipts } from './documents';
import { deleteMembership, membershipYear, renewMemberships, saveMembership } from './service';

type MembershipHandlers = Pick<Handlers, `memberships.${string}` & keyof Handlers>;

export function membershipHandlers(ctx: ServiceContext): MembershipHandlers {
  return {
    'memberships.year': ({ year }) => membershipYear(ctx, year ?? currentYear(ctx)),
    'memberships.save': (values) => saveMembership(ctx, values),
    'memberships.delete': ({ id, version }) => deleteMembership(ctx, id, version),
    'memberships.renew': ({ fromYear }) => renewMemberships(ctx, fromYear),
    'memberships.documents.calls': ({ year }) => feeCalls(ctx, year),
    'memberships.documents.receipt': ({ id }) => membershipReceipt(ctx, id),
    'memberships.documents.receipts': ({ year }) => membershipReceipts(ctx, year),
  };
}
