import { lazy, type ComponentType } from 'react';

/**
 * A page loaded with its route: each feature's code is its own script, fetched the first time one
 * of its pages opens, so the first screen loads only the shell. The Suspense around the outlet
 * (Layout) shows « Chargement… » meanwhile.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
