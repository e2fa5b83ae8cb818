import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';

type MeetingsHandlers = Pick<Handlers, `meetings.${string}` & keyof Handlers>;

export function meetingsHandlers(_ctx: ServiceContext): MeetingsHandlers {
  return {};
}
