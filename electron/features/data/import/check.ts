import type { z } from 'zod';

type Result = { success: true; data: unknown } | { success: false; error: z.ZodError };

export type ObjectCheck<S extends z.ZodObject> = (
  input: Record<string, unknown>,
) => { success: true; data: z.output<S> } | { success: false; issues: { field: string; issue: z.core.$ZodIssue }[] };

/**
 * A plain object schema (no refinement of the whole object) checked field by field, each field's
 * result kept per distinct value: an import's 50 000 lines name the same few organisations, dates
 * and durations, and a field's schema gives the same answer for the same primitive. Every field is
 * still checked, with the same rules and the same issues as the whole object's parse.
 */
export function cachedObjectCheck<S extends z.ZodObject>(schema: S, limit = 10_000): ObjectCheck<S> {
  const keys = Object.keys(schema.shape as Record<string, z.ZodType>);
  const schemas = keys.map((k) => (schema.shape as Record<string, z.ZodType>)[k]!);
  const caches = keys.map(() => new Map<unknown, Result>());
  return (input) => {
    const data: Record<string, unknown> = {};
    let issues: { field: string; issue: z.core.$ZodIssue }[] | null = null;
    for (let f = 0; f < keys.length; f++) {
      const key = keys[f]!;
      const value = input[key];
      const primitive = value === null || typeof value !== 'object';
      const cache = caches[f]!;
      let result = primitive ? cache.get(value) : undefined;
      if (result === undefined) {
        result = schemas[f]!.safeParse(value) as Result;
        if (primitive && cache.size < limit) cache.set(value, result);
      }
      if (!result.success) {
        issues ??= [];
        for (const issue of result.error.issues) issues.push({ field: key, issue });
      } else if (result.data !== undefined || key in input) data[key] = result.data;
    }
    return issues ? { success: false, issues } : { success: true, data: data as z.output<S> };
  };
}

/** A pure `fn` remembered per distinct primitive argument (the same cell text read once), up to `limit` of them. */
export function memo<A, R>(fn: (a: A) => R, limit = 10_000): (a: A) => R {
  const seen = new Map<A, R>();
  return (a) => {
    const primitive = a === null || typeof a !== 'object';
    if (primitive) {
      // One lookup a call; \`has\` only for a remembered undefined.
      const known = seen.get(a);
      if (known !== undefined || seen.has(a)) return known as R;
    }
    const r = fn(a);
    if (primitive && seen.size < limit) seen.set(a, r);
    return r;
  };
}
