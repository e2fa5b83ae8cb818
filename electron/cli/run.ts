import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ARCHIVE_FORMAT_VERSION } from '../../shared/features/archive/schemas';
import { translate, type Language } from '../../shared/i18n/index';
import { systemClock } from '../app/clock';
import { createHandlers } from '../app/handlers';
import { defaultDatabasePath } from '../app/paths';
import { APP_VERSION } from '../app/version';
import { describeTarget, isPostgresTarget, openStore, type Store } from '../store/engine';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index';
import { createApiCall } from './api';
import { UsageError, type CliCommand, type CliContext, type OptionSpec } from './command';
import { COMMANDS } from './commands/index';
import { formatError } from './format';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Pins "today" (tests). */
  now?: () => Date;
  language?: Language;
}

const PROGRAM = 'npm run cli --';

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  db: { type: 'string', description: 'cli.option.db', valueName: 'FICHIER' },
  verbose: { type: 'boolean', description: 'cli.option.verbose' },
  help: { type: 'boolean', short: 'h', description: 'cli.option.help' },
  version: { type: 'boolean', short: 'V', description: 'cli.option.version' },
};

type ParseOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function toParseOptions(specs: Record<string, OptionSpec>): ParseOptions {
  return Object.fromEntries(Object.entries(specs).map(([name, s]) => [name, s.short ? { type: s.type, short: s.short } : { type: s.type }]));
}

function words(command: CliCommand): string[] {
  return command.name.split(' ');
}

/** The command named by the first positionals; the longest name wins (`time summary` over `time`). */
function findCommand(commands: readonly CliCommand[], positionals: string[]): CliCommand | undefined {
  return [...commands]
    .sort((a, b) => words(b).length - words(a).length)
    .find((c) => words(c).every((w, i) => positionals[i] === w));
}

function usageOf(command: CliCommand): string {
  const args = (command.arguments ?? []).map((a) => (a.optional ? `[${a.name}]` : a.name));
  const options = Object.entries(command.options ?? {}).map(([name, o]) => `[--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALEUR'}` : ''}]`);
  return [PROGRAM, command.name, ...args, ...options, '[--db FICHIER]'].join(' ');
}

function optionLines(language: Language, specs: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(specs).map(([name, s]) => {
    const flag = `${s.short ? `-${s.short}, ` : ''}--${name}${s.type === 'string' ? ` ${s.valueName ?? 'VALEUR'}` : ''}`;
    const params = name === 'db' ? { path: defaultDatabasePath() } : undefined;
    return [flag, translate(language, s.description, params)] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

function globalHelp(language: Language, commands: readonly CliCommand[]): string {
  const t = (key: string) => translate(language, key);
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    t('cli.help.intro'),
    '',
    translate(language, 'cli.help.usage', { usage: `${PROGRAM} COMMANDE [ARGUMENTS] [OPTIONS]` }),
    '',
    t('cli.help.commands'),
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${t(c.summary)}`),
    '',
    t('cli.help.globalOptions'),
    ...optionLines(language, GLOBAL_OPTIONS),
    '',
    t('cli.help.more'),
    '',
  ].join('\n');
}

function commandHelp(language: Language, command: CliCommand): string {
  const t = (key: string) => translate(language, key);
  const lines = [translate(language, 'cli.help.usage', { usage: usageOf(command) }), '', t(command.description), ''];
  if (command.arguments?.length) {
    const width = Math.max(...command.arguments.map((a) => a.name.length));
    lines.push(t('cli.help.arguments'), ...command.arguments.map((a) => `  ${a.name.padEnd(width)}  ${t(a.description)}`), '');
  }
  if (command.options && Object.keys(command.options).length > 0) {
    lines.push(t('cli.help.options'), ...optionLines(language, command.options), '');
  }
  lines.push(t('cli.help.globalOptions'), ...optionLines(language, GLOBAL_OPTIONS), '');
  if (command.examples?.length) lines.push(t('cli.help.examples'), ...command.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}

/** node:util's parse errors, in French. */
function usageErrorFrom(error: unknown, command: CliCommand | undefined): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError('cli.error.unknownOption', { option, help: [PROGRAM, command?.name, '--help'].filter(Boolean).join(' ') });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(message)) return new UsageError('cli.error.missingValue', { option });
  return new UsageError('cli.error.badOption', { detail: message });
}

function contextFor(
  command: CliCommand,
  values: Record<string, string | boolean | undefined>,
  args: string[],
  io: CliIo,
  language: Language,
): CliContext {
  const given = typeof values.db === 'string' ? values.db : defaultDatabasePath();
  const onPostgres = isPostgresTarget(given);
  const dbTarget = onPostgres ? given : path.resolve(given);
  const dbPath = describeTarget(dbTarget);
  const now = io.now ?? systemClock;
  const withStore = async <T>(fn: (store: Store) => Promise<T>): Promise<T> => {
    // (A PostgreSQL base is checked by opening it: a server that does not answer is said so.)
    if (command.requiresExistingDatabase && !onPostgres && !fs.existsSync(dbPath)) throw new UsageError('cli.error.databaseNotFound', { file: dbPath });
    const store = await openStore(dbTarget);
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };
  return {
    args,
    options: values,
    dbPath,
    dbTarget,
    verbose: values.verbose === true,
    now,
    language,
    out: (line) => io.stdout(`${line}\n`),
    t: (key, params) => translate(language, key, params),
    withStore,
    withApi: (fn) => withStore((store) => fn(createApiCall(createHandlers(store, { runtime: 'cli', now })), store)),
  };
}

/** Runs one command line; returns the exit status (0 success, 1 failure, 2 usage error). */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const language = io.language ?? 'fr';
  let verbose = argv.includes('--verbose');
  try {
    // First pass, lenient: find the command whatever options surround it.
    const loose = parseArgs({ args: argv, options: toParseOptions(GLOBAL_OPTIONS), strict: false, allowPositionals: true });
    const command = findCommand(commands, loose.positionals);
    if (!command) {
      if (loose.positionals.length > 0) {
        throw new UsageError('cli.error.unknownCommand', { command: loose.positionals[0]!, commands: commands.map((c) => c.name).join(', ') });
      }
      try {
        parseArgs({ args: argv, options: toParseOptions(GLOBAL_OPTIONS), strict: true, allowPositionals: true });
      } catch (error) {
        throw usageErrorFrom(error, undefined);
      }
      if (loose.values.version === true) {
        io.stdout(`${translate(language, 'cli.version', { version: APP_VERSION, schema: LATEST_SCHEMA_VERSION, format: ARCHIVE_FORMAT_VERSION })}\n`);
        return 0;
      }
      io.stdout(globalHelp(language, commands));
      return 0;
    }

    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({
        args: argv,
        options: toParseOptions({ ...GLOBAL_OPTIONS, ...command.options }),
        strict: true,
        allowPositionals: true,
      }) as typeof parsed;
    } catch (error) {
      throw usageErrorFrom(error, command);
    }
    verbose = parsed.values.verbose === true;
    if (parsed.values.help === true) {
      io.stdout(commandHelp(language, command));
      return 0;
    }
    const args = parsed.positionals.slice(words(command).length);
    const specs = command.arguments ?? [];
    const missing = specs.find((a, i) => !a.optional && args[i] === undefined);
    if (missing) throw new UsageError('cli.error.missingArgument', { argument: missing.name, usage: usageOf(command) });
    if (args.length > specs.length) throw new UsageError('cli.error.extraArgument', { argument: args[specs.length]!, usage: usageOf(command) });

    await command.run(contextFor(command, parsed.values, args, io, language));
    return 0;
  } catch (error) {
    for (const line of formatError(language, error, verbose)) io.stderr(`${line}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
