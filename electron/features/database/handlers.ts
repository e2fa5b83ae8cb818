import type { Handlers } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { DatabaseLocationView } from '../../../shared/features/database/contract';
import { readDatabaseLocation, saveDatabaseLocation, splitPassword, type Cipher } from '../../database-location';
import { describeTarget, isPostgresTarget } from '../../store/engine';

/** What the desktop hands over (Electron main): where its settings live, its keychain, what it opened. */
export interface DatabaseLocationPort {
  /** The folder of the settings (Electron's userData). */
  dir: string;
  cipher: Cipher;
  /** The SQLite file opened when no PostgreSQL base is chosen. */
  defaultFile: string;
  /** The target opened at start (password included: compared, never shown). */
  opened: string;
}

type DatabaseHandlers = Pick<Handlers, 'database.location.get' | 'database.location.save'>;

function openedUrl(opened: string): string | null {
  if (!isPostgresTarget(opened)) return null;
  try {
    return splitPassword(opened).url;
  } catch {
    return opened;
  }
}

function view(port: DatabaseLocationPort): DatabaseLocationView {
  const { location, hasPassword } = readDatabaseLocation(port.dir);
  const url = location.kind === 'postgres' ? location.url : null;
  const restartNeeded = location.kind === 'sqlite' ? port.opened !== port.defaultFile : openedUrl(port.opened) !== url;
  return { available: true, kind: location.kind, url, hasPassword, current: describeTarget(port.opened), restartNeeded };
}

/** The desktop's choice of base; elsewhere (CLI, web mode, server) read-only and refused to save. */
export function databaseHandlers(served: { target?: string; dialect?: 'sqlite' | 'postgres' }, port: DatabaseLocationPort | undefined): DatabaseHandlers {
  return {
    'database.location.get': async () => {
      if (port) return view(port);
      return { available: false, kind: served.dialect ?? 'sqlite', url: null, hasPassword: false, current: served.target ? describeTarget(served.target) : '', restartNeeded: false };
    },
    'database.location.save': async (input) => {
      if (!port) throw new AppError('FORBIDDEN', 'pg13a.location.desktopOnly');
      saveDatabaseLocation(port.dir, { kind: input.kind, url: input.url, password: input.password }, port.cipher);
      return view(port);
    },
  };
}
