/**
 * The one instant every test runs at: the services' `now`, web mode's and the CLI's
 * MAILLAGE_FIXED_NOW, and the page's clock in Playwright. No test reads the machine's clock, so
 * the suite passes whatever day it runs (scripts/test-dates.sh runs it under faked dates).
 * No imports: Playwright's runner loads this file too.
 */
export const FIXED_NOW_ISO = '2026-03-12T10:00:00.000Z';
