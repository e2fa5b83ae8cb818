import type { Language, MessageKey } from '../../shared/i18n/index';
import type { Store } from '../store/engine';
import type { ApiCall } from './api';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Catalogue key of the one-line description shown in the help. */
  description: MessageKey;
  /** Placeholder shown after a string option, e.g. FICHIER. */
  valueName?: string;
}

export interface ArgumentSpec {
  /** As shown in the usage line, e.g. FICHIER.json. */
  name: string;
  description: MessageKey;
  optional?: boolean;
}

/** What a command receives: its arguments, the database it works on, and ways to reach the services. */
export interface CliContext {
  /** Positional arguments after the command's own words. */
  args: string[];
  options: Record<string, string | boolean | undefined>;
  /** Absolute path of the database file (--db, or the app's own database); for PostgreSQL the URL without its password, for messages. */
  dbPath: string;
  /** What to open: the same absolute path, or the `postgres://` URL as given (password included). */
  dbTarget: string;
  verbose: boolean;
  now: () => Date;
  language: Language;
  out(line: string): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Opens (creating or migrating) the database, runs `fn`, closes it whatever happens. */
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Same, with the API the UI uses: every domain write goes through the services. */
  withApi<T>(fn: (api: ApiCall, store: Store) => Promise<T>): Promise<T>;
}

export interface CliCommand {
  /** One or more words: `export`, or `time summary` for a sub-command. */
  name: string;
  summary: MessageKey;
  description: MessageKey;
  arguments?: readonly ArgumentSpec[];
  options?: Readonly<Record<string, OptionSpec>>;
  examples?: readonly string[];
  /** Refuse to create the database file: reading commands must not leave an empty one behind. */
  requiresExistingDatabase?: boolean;
  run(ctx: CliContext): Promise<void>;
}

export function defineCommand(command: CliCommand): CliCommand {
  return command;
}

/** A mistake in the command line itself (exit status 2, as usual for usage errors). */
export class UsageError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: Record<string, string | number>,
  ) {
    super(key);
    this.name = 'UsageError';
  }
}
