import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ELECTRON_SKIP_MESSAGE = 'Electron binary absent on this machine: Electron e2e skipped';

const EXECUTABLE_BY_PLATFORM: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

/**
 * The Electron executable, found the way the `electron` package finds it, without requiring
 * that package: its index.js starts a download when the binary is missing.
 */
export function findElectronBinary(): string | null {
  const packageDir = path.join(PROJECT_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : EXECUTABLE_BY_PLATFORM[process.platform];
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative ?? 'electron') : relative && fs.existsSync(pathFile) ? path.join(packageDir, 'dist', relative) : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

// Printed once by the runner (workers re-load this file and have TEST_WORKER_INDEX set).
if (!process.env.TEST_WORKER_INDEX && !findElectronBinary()) console.log(ELECTRON_SKIP_MESSAGE);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: path.join(PROJECT_ROOT, 'test-results', 'electron'),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One Electron app at a time: each test file launches its own, with its own profile.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
});
