/**
 * The messages the first screen needs (the shell, its navigation and search, the home dashboard,
 * error banners and dialogs): built into a small chunk loaded before the first render. Every other
 * message comes in a second chunk, fetched with the first other page (`lazyPage` waits for it) or
 * at the first click or key. A key is in the first part when it is one of these prefixes or starts
 * with one followed by a dot. `test/e2e/first-load.spec.ts` fails if the home screen shows a key
 * while the second chunk is held back: add the prefix here then.
 */
export const FIRST_SCREEN_PREFIXES: readonly string[] = [
  'app',
  'nav',
  'common',
  'page',
  'error',
  'action',
  'unsaved',
  'shortcuts',
  'search',
  'pager',
  'table',
  'picker',
  'accounts.ui',
  'activity.ui',
  'activity.kindShort',
  'edit.home',
  'data.ui.nav',
  'meetings.ui.navEntry',
  'member14.nav',
  'pg.error',
  'pg.ui',
  'reports.records',
];

export function isFirstScreenKey(key: string): boolean {
  return FIRST_SCREEN_PREFIXES.some((prefix) => key === prefix || key.startsWith(`${prefix}.`));
}
