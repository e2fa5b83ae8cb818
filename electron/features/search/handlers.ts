import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import { searchAll } from './service';

type SearchHandlers = Pick<Handlers, `search.${string}` & keyof Handlers>;

export function searchHandlers(ctx: ServiceContext): SearchHandlers {
  return {
    'search.all': (q) => searchAll(ctx, q),
  };
}
