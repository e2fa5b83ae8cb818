import type { Handlers } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { base64ToBytes, type ChooseFolder, type SaveFile } from '../../shared/api/files';
import { meetingsHandlers } from '../features/meetings/handlers';
import { timeHandlers } from '../features/time/handlers';
import { activityHandlers } from '../features/activities/handlers';
import { dataHandlers } from '../features/data/handlers';
import { membershipHandlers } from '../features/memberships/handlers';
import { organisationHandlers } from '../features/organisations/handlers';
import { peopleHandlers } from '../features/people/handlers';
import { settingsHandlers } from '../features/settings/handlers';
import { searchHandlers } from '../features/search/handlers';
import { databaseHandlers, type DatabaseLocationPort } from '../features/database/handlers';
import { documentsHandlers } from '../features/documents/handlers';
import { accountHandlers } from '../features/accounts/handlers';
import { memberHandlers } from '../features/member/handlers';
import { mailHandlers } from '../features/mail/handlers';
import type { MailEnvironment } from '../features/mail/service';
import type { Actor } from '../../shared/api/roles';
import type { Store } from '../store/engine';
import { systemClock } from './clock';
import type { Runtime, ServiceContext } from './context';
import { APP_VERSION } from './version';
import { bindCaller } from '../api/access';
import { guardHandlers } from './access';

export interface HandlerOptions {
  runtime: Runtime;
  /** Pins "today" in tests (web mode and the CLI take MAILLAGE_FIXED_NOW, see app/clock.ts). */
  now?: () => Date;
  /** The zone « today » is taken in (Europe/Paris unless told; Electron passes the machine's). */
  timeZone?: string;
  /** Where the runtime can save a file the user names (Electron's save dialog); absent elsewhere. */
  saveFile?: SaveFile;
  /** The desktop's folder dialog (Electron); absent elsewhere, where the folder is typed. */
  chooseFolder?: ChooseFolder;
  /** The account calling through the network's server; absent on the desktop, web mode and CLI. */
  caller?: Actor;
  /** PostgreSQL: the data folder whose backups/ holds the base's archive backups (this machine's by default). */
  dataDir?: string;
  /** The desktop's choice of base (Electron only: elsewhere --db names it). */
  databaseLocation?: DatabaseLocationPort;
  /** Where the SMTP password lives and where .eml files go (the desktop passes safeStorage); the environment's by default. */
  mail?: MailEnvironment;
}

/**
 * Every method of the contract, bound to one store. The same object serves IPC, web mode and the CLI;
 * for a server account, each handler goes through its role's rules (electron/app/access.ts).
 */
export function createHandlers(store: Pick<Store, 'db' | 'schemaVersion'>, options: HandlerOptions): Handlers {
  // A getter, so that services follow the store when a restore reopens it (see StoreHolder).
  const ctx: ServiceContext = { get db() { return store.db; }, now: options.now ?? systemClock, runtime: options.runtime, timeZone: options.timeZone, caller: options.caller };
  const handlers: Handlers = {
    'app.info': async () => ({ version: APP_VERSION, schemaVersion: store.schemaVersion, runtime: options.runtime }),
    ...organisationHandlers(ctx),
    ...peopleHandlers(ctx),
    ...membershipHandlers(ctx),
    ...settingsHandlers(ctx),
    ...meetingsHandlers(ctx),
    ...timeHandlers(ctx),
    ...activityHandlers(ctx),
    ...dataHandlers(ctx, store, options.dataDir),
    ...searchHandlers(ctx),
    ...documentsHandlers(ctx),
    ...accountHandlers(ctx, options.mail),
    ...memberHandlers(ctx),
    ...mailHandlers(ctx, options.mail),
    'files.saveDocument': async ({ fileName, base64 }) => {
      // Web mode downloads in the browser and the CLI writes to --out: only Electron saves through here.
      if (!options.saveFile) throw new AppError('FORBIDDEN', 'error.saveUnavailable');
      return options.saveFile(fileName, base64ToBytes(base64));
    },
    'files.chooseFolder': async () => {
      if (!options.chooseFolder) throw new AppError('FORBIDDEN', 'error.folderDialogUnavailable');
      return { folder: await options.chooseFolder() };
    },
    ...databaseHandlers(store as Partial<Store>, options.databaseLocation),
  };
  return bindCaller(guardHandlers(ctx, handlers), options.caller);
}
