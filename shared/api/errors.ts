import { z } from 'zod';

/** Stable error codes that cross every boundary (IPC, HTTP, CLI). The UI maps each to a message. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'UNKNOWN_METHOD',
  'ARCHIVE_INVALID',
  'DATABASE_TOO_NEW',
  /** Another process holds the write lock past the wait: try again. */
  'BUSY',
  /** The file was replaced under the running app, which stops writing to it. */
  'DATABASE_REPLACED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field: `path` names the field, `key` the catalogue message. */
export const fieldIssueSchema = z.object({
  path: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** A catalogue key (see shared/i18n); the French text is looked up from it. */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Already-rendered French message, for the CLI and logs. */
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by services; turned into an error envelope by the dispatcher. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params?: Record<string, string | number>,
    readonly issues?: FieldIssue[],
    cause?: unknown,
  ) {
    super(key, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
  }
}

/** A validation failure on one field, the common case for service rules. */
export function fieldError(path: string, key: string, params?: Record<string, string | number>): AppError {
  return new AppError('VALIDATION', 'error.validation', undefined, [{ path, key, params }]);
}
