import { performance } from 'node:perf_hooks';

/** The measuring tools every bench case shares. */

/** The p-th percentile of the samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** How long `fn` took, in milliseconds, and what it gave. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}
