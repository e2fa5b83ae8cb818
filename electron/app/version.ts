/** The application version, injected at build time for bundles, read from package.json otherwise. */
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
