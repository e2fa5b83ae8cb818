import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { METHOD_NAMES } from '../../shared/api/contract';
import { ELECTRON_SKIP_MESSAGE, findElectronBinary, PROJECT_ROOT } from './playwright.config';

const binary = findElectronBinary();
test.skip(!binary, ELECTRON_SKIP_MESSAGE);
test.describe.configure({ mode: 'serial' });

const APP_ORIGIN = 'app://maillage';

let app: ElectronApplication;
let page: Page;
let userDataDir: string;

test.beforeAll(async () => {
  // Fail early and plainly: a missing piece would otherwise surface as a modal error box in the app.
  for (const built of ['out/main/main.cjs', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(PROJECT_ROOT, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  const nativeModule = path.join('out', 'native', `electron-${version}`, 'better_sqlite3.node');
  if (!fs.existsSync(path.join(PROJECT_ROOT, nativeModule))) {
    throw new Error(`${nativeModule} is missing: run node scripts/electron-native.mjs first`);
  }
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-electron-'));
  app = await electron.launch({
    executablePath: binary!,
    args: [
      PROJECT_ROOT,
      // A throwaway profile: its own database, window state and single-instance lock.
      `--user-data-dir=${userDataDir}`,
      // Chromium refuses to start its OS sandbox as root (containers, CI); the renderer stays sandboxed.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

test('the window opens on the app, in French', async () => {
  await expect(page).toHaveTitle(/Maillage/);
  expect(page.url().startsWith(`${APP_ORIGIN}/`)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^fr/);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(fs.existsSync(path.join(userDataDir, 'maillage.sqlite'))).toBe(true);
});

test('the preload exposes exactly the contract, and the renderer has no Node', async () => {
  const exposed = await page.evaluate(() => {
    const bridge = (window as unknown as Record<string, Record<string, unknown>>).maillage ?? {};
    return {
      keys: Object.keys(bridge).sort(),
      allFunctions: Object.values(bridge).every((value) => typeof value === 'function'),
      typeofRequire: typeof (globalThis as Record<string, unknown>).require,
      typeofProcess: typeof (globalThis as Record<string, unknown>).process,
      typeofIpc: typeof (globalThis as Record<string, unknown>).ipcRenderer,
    };
  });
  expect(exposed.keys).toEqual([...METHOD_NAMES].sort());
  expect(exposed.allFunctions).toBe(true);
  expect(exposed.typeofRequire).toBe('undefined');
  expect(exposed.typeofProcess).toBe('undefined');
  expect(exposed.typeofIpc).toBe('undefined');
});

test('a call crosses the bridge to the database and back as an envelope', async () => {
  const info = await page.evaluate(() => {
    const bridge = (window as unknown as { maillage: Record<string, (input: unknown) => Promise<unknown>> }).maillage;
    return bridge['app.info']!({});
  });
  expect(info).toMatchObject({ ok: true, value: { runtime: 'electron' } });
});

test('the CSP forbids evaluated code', async () => {
  const outcome = await page.evaluate(() => {
    try {
      return String(eval('1 + 1'));
    } catch {
      return 'blocked';
    }
  });
  expect(outcome).toBe('blocked');
});

test('navigation away from the app is blocked', async () => {
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => location.protocol)).toBe('app:');
});

test('window.open opens no window; https links go to the system browser', async () => {
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as Record<string, unknown>).__openedExternally = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
  const results = await page.evaluate(() => [
    window.open('https://example.org/') === null,
    window.open('http://example.org/') === null,
    window.open('about:blank') === null,
    window.open('app://maillage/index.html') === null,
  ]);
  expect(results).toEqual([true, true, true, true]);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(await app.evaluate(() => (globalThis as Record<string, unknown>).__openedExternally)).toEqual(['https://example.org/']);
});

test('permission requests and checks are refused (session handlers)', async () => {
  const outcome = await page.evaluate(async () => {
    // The request handler answers Notification.requestPermission; the check handler, permissions.query.
    const notification = await Notification.requestPermission();
    const geolocation = (await navigator.permissions.query({ name: 'geolocation' })).state;
    const notifications = (await navigator.permissions.query({ name: 'notifications' })).state;
    return { notification, geolocation, notifications };
  });
  expect(outcome).toEqual({ notification: 'denied', geolocation: 'denied', notifications: 'denied' });
});

test('a redirect away from the app is cancelled (will-redirect), one within it is not', async () => {
  const prevented = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    return ['https://example.org/', 'file:///etc/passwd', 'app://maillage/index.html'].map((url) => {
      let cancelled = false;
      contents.emit('will-redirect', { url, preventDefault: () => (cancelled = true) }, url, false, true);
      return cancelled;
    });
  });
  expect(prevented).toEqual([true, true, false]);
});

test('no <webview> can attach (will-attach-webview), and the tag is not even defined', async () => {
  const prevented = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    let cancelled = false;
    contents.emit('will-attach-webview', { preventDefault: () => (cancelled = true) }, {}, { src: 'https://example.org/' });
    return cancelled;
  });
  expect(prevented).toBe(true);
  expect(await page.evaluate(() => document.createElement('webview') instanceof HTMLUnknownElement)).toBe(true);
});

test('IPC from a window other than the main window is refused, even showing the app with the preload', async () => {
  const preload = path.join(PROJECT_ROOT, 'out', 'preload', 'preload.cjs');
  const answers = await app.evaluate(async ({ BrowserWindow }, preloadPath) => {
    const results: unknown[] = [];
    for (const url of ['app://maillage/index.html', 'data:text/html,<p>étrangère</p>']) {
      const other = new BrowserWindow({ show: false, webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true } });
      try {
        await other.loadURL(url);
        results.push(await other.webContents.executeJavaScript("window.maillage ? window.maillage['app.info']({}) : 'no bridge'"));
      } finally {
        other.destroy();
      }
    }
    return results;
  }, preload);
  for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // The main window is still answered.
  expect(await page.evaluate(() => (window as unknown as { maillage: Record<string, (input: unknown) => Promise<unknown>> }).maillage['app.info']!({}))).toMatchObject({ ok: true });
});

test('the backup copies’ folder is chosen in the system’s folder dialog', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-cle-usb-'));
  // The system's dialog cannot be clicked by a test: main's dialog answers this folder instead.
  await app.evaluate(({ dialog }, chosen) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as typeof dialog.showOpenDialog;
  }, folder);
  await page.evaluate(() => (window.location.hash = '#/donnees'));
  await page.getByRole('button', { name: 'Choisir un dossier…' }).click();
  await expect(page.getByText(folder).first()).toBeVisible();
  expect(await page.getByLabel('Dossier où copier aussi chaque sauvegarde', { exact: false }).inputValue()).toBe(folder);
});
