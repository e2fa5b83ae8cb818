import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import { callerOf, memberMeetings } from './service';

export function memberHandlers(ctx: ServiceContext): Pick<Handlers, 'app.caller' | 'member.meetings'> {
  return {
    'app.caller': async () => callerOf(ctx),
    'member.meetings': ({ organisationId }) => memberMeetings(ctx, organisationId),
  };
}
