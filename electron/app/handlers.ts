import type { Handlers } from '../../shared/api/contract';
import { membershipHandlers } from '../features/memberships/handlers';
import { organisationHandlers } from '../features/organisations/handlers';
import { peopleHandlers } from '../features/people/handlers';
import { settingsHandlers } from '../features/settings/handlers';
import type { Store } from '../store/open';
import type { Runtime, ServiceContext } from './context';
import { APP_VERSION } from './version';

export interface HandlerOptions {
  runtime: Runtime;
  /** Pins "today" in tests. */
  now?: () => Date;
}

/** Every method of the contract, bound to one store. The same object serves IPC, web mode and the CLI. */
export function createHandlers(store: Pick<Store, 'db' | 'schemaVersion'>, options: HandlerOptions): Handlers {
  const ctx: ServiceContext = { db: store.db, now: options.now ?? (() => new Date()), runtime: options.runtime };
  return {
    'app.info': async () => ({ version: APP_VERSION, schemaVersion: store.schemaVersion, runtime: options.runtime }),
    ...organisationHandlers(ctx),
    ...peopleHandlers(ctx),
    ...membershipHandlers(ctx),
    ...settingsHandlers(ctx),
  };
}
