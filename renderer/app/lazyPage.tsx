import { lazy, type ComponentType } from 'react';
import { loadFullCatalogue } from '../i18n/catalogue';

/**
 * A page loaded with its route: each feature's code is its own script, fetched the first time one
 * of its pages opens, so the first screen loads only the shell. The Suspense around the outlet
 * (Layout) shows « Chargement… » meanwhile. The page's messages come with it: the rest of the
 * catalogue, past the first screen's part, is loaded before any page renders.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K, options: { firstScreen?: boolean } = {}) {
  return lazy(async () => {
    const [module] = await Promise.all([load(), options.firstScreen ? null : loadFullCatalogue()]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page's props are its own
    return { default: module[name] as M[K] & ComponentType<any> };
  });
}
