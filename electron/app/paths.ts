import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Maillage';
export const DATABASE_FILE_NAME = 'maillage.sqlite';

/**
 * The folder Electron calls `userData` for this app, computed without Electron so that the CLI
 * and web mode default to the very database the desktop app uses.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MAILLAGE_DATA_DIR) return env.MAILLAGE_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export function defaultDatabasePath(): string {
  return path.join(defaultUserDataDir(), DATABASE_FILE_NAME);
}
