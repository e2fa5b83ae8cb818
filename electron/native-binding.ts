import path from 'node:path';

/**
 * Electron and Node have different native ABIs, so better-sqlite3 needs two builds. The one in
 * node_modules stays Node's (tests, CLI, web mode); the Electron one lives apart, built by
 * scripts/electron-native.mjs, and is handed to better-sqlite3 through its `nativeBinding`
 * option. Nothing is ever rebuilt in place, so `npm test` and `npm start` work in either order.
 */

export const NATIVE_MODULE_FILE_NAME = 'better_sqlite3.node';

/** Relative to the app root, in development and inside the package alike. */
export function nativeBindingRelativePath(electronVersion: string): string {
  return path.join('out', 'native', `electron-${electronVersion}`, NATIVE_MODULE_FILE_NAME);
}

export interface NativeBindingLocation {
  /** `app.getAppPath()`: the project folder in development, `…/resources/app.asar` once packaged. */
  appPath: string;
  isPackaged: boolean;
  /** `process.versions.electron` */
  electronVersion: string;
}

/**
 * Where the Electron-ABI better_sqlite3.node is. A packaged app cannot load a native module from
 * inside app.asar: electron-builder's `asarUnpack` puts it, at the same relative path, under
 * app.asar.unpacked beside the archive.
 */
export function electronNativeBindingPath({ appPath, isPackaged, electronVersion }: NativeBindingLocation): string {
  const relative = nativeBindingRelativePath(electronVersion);
  if (isPackaged && path.extname(appPath) === '.asar') return path.join(`${appPath}.unpacked`, relative);
  return path.join(appPath, relative);
}
