import { translate } from '../../shared/i18n/index';
import { toApiError } from '../api/dispatch';

/** A long-running program (web mode, the network's server) closes what it holds on Ctrl+C or a service stop. */
export function stopOnSignals(close: () => Promise<void>): void {
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A program that cannot start says why in one French line naming itself, and exits 1. */
export function exitOnFatal(program: string): (error: unknown) => never {
  return (error) => {
    const apiError = toApiError(error);
    const message = apiError.code === 'INTERNAL' && error instanceof Error ? error.message : apiError.message;
    process.stderr.write(`${translate('fr', 'error.fieldAt', { path: program, message })}\n`);
    process.exit(1);
  };
}
