import { AppError } from '../../shared/api/errors';
import { isMessageKey, translate, type Language } from '../../shared/i18n/index';
import { UsageError } from './command';
import { toStoreError } from '../store/sqlite-driver';

const integerFormat = new Intl.NumberFormat('fr-FR');

export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  const units = ['Ko', 'Mo', 'Go'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

/** A table's name as the secretary knows it; tables without a catalogue entry keep their own name. */
export function tableLabel(language: Language, table: string): string {
  const key = `archive.table.${table}`;
  return isMessageKey(key) ? translate(language, key) : table;
}

const withoutFinalDot = (text: string) => text.replace(/(?<!\.)\.$/, '');
const firstLine = (text: string) => text.split('\n')[0]!.trim();

/**
 * The error as the CLI prints it: one line by default (the summary, the first failing path and
 * the count); with --verbose, every issue and the stack of an unexpected error on the next lines.
 */
export function formatError(language: Language, error: unknown, verbose: boolean): string[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(language, key, params);
  if (error instanceof UsageError) return [t(error.key, error.params)];
  // SQLITE_BUSY from a raw statement: « la base est occupée », as through the API.
  error = toStoreError(error);
  if (error instanceof AppError) {
    const summary = t(error.key, error.params);
    const issues = error.issues ?? [];
    const lines: string[] = [];
    if (issues.length === 0) lines.push(summary);
    else {
      const first = issues[0]!;
      const message = withoutFinalDot(t(first.key, first.params));
      // The archive's summary already names the first path; other errors get it in brackets.
      let line =
        error.params?.path === first.path
          ? `${withoutFinalDot(summary)} : ${message}.`
          : t('cli.error.firstIssue', { summary: withoutFinalDot(summary), path: first.path, message });
      const total = typeof error.params?.count === 'number' ? error.params.count : issues.length;
      if (total > 1 && !verbose) line += ` ${t('cli.error.seeVerbose')}`;
      lines.push(line);
      if (verbose) for (const issue of issues) lines.push(`  ${t('error.fieldAt', { path: issue.path, message: t(issue.key, issue.params) })}`);
    }
    if (verbose && error.cause instanceof Error && error.cause.stack) lines.push(error.cause.stack);
    return lines;
  }
  const detail = error instanceof Error ? firstLine(error.message) : String(error);
  const lines = [t('cli.error.unexpected', { detail })];
  if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return lines;
}
