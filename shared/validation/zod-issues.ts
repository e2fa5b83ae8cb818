import { z } from 'zod';
import type { FieldIssue } from '../api/errors';

/**
 * Our schemas carry catalogue keys as messages ("error.siret"). Zod's own issues
 * (wrong type, missing field) are mapped to keys here, once, for every runtime.
 */
export function keyForIssue(issue: { code: string; message?: string; input?: unknown; origin?: string }): string {
  const numeric = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
  if (issue.message && issue.message.startsWith('error.')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? 'error.required' : 'error.type';
    case 'too_small':
      // A number below its minimum is not a missing value (« -1 » for an id).
      return numeric ? 'error.numberTooSmall' : 'error.required';
    case 'too_big':
      return numeric ? 'error.numberTooBig' : 'error.tooLong';
    case 'invalid_format':
      return 'error.format';
    case 'invalid_value':
      return 'error.choice';
    case 'unrecognized_keys':
      return 'error.unknownField';
    default:
      return 'error.invalid';
  }
}

z.config({ customError: (issue) => keyForIssue(issue) });

export function pathToString(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

export function issuesFromZod(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = pathToString(issue.path);
    return { path: prefix && path ? `${prefix}.${path}` : prefix || path, key: keyForIssue(issue) };
  });
}
