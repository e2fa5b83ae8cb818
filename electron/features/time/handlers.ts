import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';

type TimeHandlers = Pick<Handlers, `time.${string}` & keyof Handlers>;

export function timeHandlers(_ctx: ServiceContext): TimeHandlers {
  return {};
}
