import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
  type Session,
  type WebContents,
} from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/api/errors';
import { systemTimeZone } from '../shared/format/day';
import { translate } from '../shared/i18n/index';
import { createDispatcher, toApiError } from './api/dispatch';
import { createHandlers } from './app/handlers';
import { APP_NAME, DATABASE_FILE_NAME } from './app/paths';
import { registerIpc } from './ipc';
import { cipherSecrets } from './features/mail/secrets';
import { electronNativeBindingPath } from './native-binding';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  answerPermissionCheck,
  answerPermissionRequest,
  isAllowedExternalUrl,
  isTrustedIpcSender,
  keepInApp,
  mimeTypeFor,
  refuseWebview,
  resolveAppFile,
} from './security';
import { openHolder, startAutomaticBackups } from './features/data/backup';
import { describeTarget, type Store } from './store/engine';
import { resolveDatabaseTarget, type Cipher } from './database-location';
import { loadWindowState, MIN_WINDOW_SIZE, resolveWindowState, saveWindowState, WINDOW_STATE_FILE_NAME } from './window-state';

/*
 * The renderer is served from app://maillage rather than file://. Under file:// every file on
 * the disk shares one origin, so "same origin" (CSP 'self', navigation checks, IPC sender
 * checks) would admit any local HTML file; a privileged standard scheme gives the app an origin
 * of its own, lets us attach the CSP as a response header, and confines reads to out/renderer.
 */
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    // standard + secure: a real origin and a secure context; fetch and CORS: Vite's module
    // scripts load through them; code cache: faster starts.
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
]);
// Every renderer sandboxed, whatever webPreferences a future window might forget.
app.enableSandbox();

/*
 * Chromium's --user-data-dir switch, applied explicitly so that it moves everything of ours too
 * (database, window state, single-instance lock). The Electron tests use it for a throwaway
 * profile; a user may use it for a portable setup. No environment variable is honoured.
 */
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch) app.setPath('userData', path.resolve(userDataSwitch));

// The UI is French first: date pickers and number inputs follow Chromium's locale, not the system's.
app.commandLine.appendSwitch('lang', 'fr');

const isDevelopment = !app.isPackaged;
const outDir = path.join(__dirname, '..');
const rendererRoot = path.join(outDir, 'renderer');
const preloadPath = path.join(outDir, 'preload', 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
let store: Store | null = null;
let stopBackups: (() => Promise<void>) | null = null;

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Two processes writing one SQLite file through two windows would confuse the secretary.
  app.quit();
}

function start(): void {
  if (process.platform === 'win32') app.setAppUserModelId('org.maillage.app');
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // One window holds the whole app; without it there is nothing to keep the database open for.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!store) return;
    const closing = store;
    store = null;
    event.preventDefault();
    (stopBackups?.() ?? Promise.resolve())
      .then(() => closing.close())
      .catch((error: unknown) => console.error('Fermeture de la base de données :', error))
      .finally(() => app.quit());
  });
  app.whenReady().then(ready).catch(fatal);
}

async function ready(): Promise<void> {
  protocol.handle(APP_SCHEME, serveRenderer);
  applySessionPolicy(session.defaultSession);
  Menu.setApplicationMenu(buildMenu());

  const dataDir = app.getPath('userData');
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  // The SQLite file, or the PostgreSQL base chosen in the settings with its password decrypted.
  let target = databaseFile;
  try {
    target = resolveDatabaseTarget(dataDir, databaseFile, keychain);
    // A holder, so that a restore from the UI can close and reopen the file under the same handlers.
    store = await openHolder(target, {
      nativeBinding: electronNativeBindingPath({
        appPath: app.getAppPath(),
        isPackaged: app.isPackaged,
        electronVersion: process.versions.electron,
      }),
    });
  } catch (error) {
    dialog.showErrorBox('Maillage ne peut pas démarrer', describeStoreError(error, describeTarget(target)));
    app.exit(1);
    return;
  }

  stopBackups = startAutomaticBackups(store);
  const databaseLocation = { dir: dataDir, cipher: keychain, defaultFile: databaseFile, opened: target };
  const dispatch = createDispatcher(createHandlers(store, {
      runtime: 'electron',
      saveFile,
      chooseFolder,
      timeZone: systemTimeZone(),
      databaseLocation,
      // The SMTP password is encrypted by the system's keychain; only the ciphertext is stored.
      mail: { secrets: cipherSecrets(safeStorage), emlDir: path.join(app.getPath('userData'), 'courriels') },
    }), {
    validateOutput: isDevelopment,
    onInternalError: (method, error) => console.error(`[${method}]`, error),
  });
  registerIpc(ipcMain, dispatch, isTrustedEvent);
  createMainWindow();
}

/**
 * The OS keychain through safeStorage, for the PostgreSQL password. On Linux without a secret
 * service, Electron falls back to a fixed key (`basic_text`): that is not encryption, so it counts
 * as unavailable and the password is refused rather than stored (see database-location.ts).
 */
const keychain: Cipher = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  encryptString: (text) => safeStorage.encryptString(text),
  decryptString: (data) => safeStorage.decryptString(data),
};

function fatal(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Maillage ne peut pas démarrer', `Erreur inattendue au démarrage.\n\n${detail}`);
  app.exit(1);
}

function describeStoreError(error: unknown, file: string): string {
  if (error instanceof AppError) return `${toApiError(error).message}\n\nFichier : ${file}`;
  // The first line names the cause; require stacks and the like are for the console.
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.split('\n')[0] ?? '';
  console.error('Ouverture de la base de données :', error);
  if (/better_sqlite3\.node|NODE_MODULE_VERSION/.test(message)) {
    const remedy = app.isPackaged
      ? 'Réinstallez Maillage.'
      : 'Lancez « npm start », qui le prépare (scripts/electron-native.mjs).';
    return `Le module SQLite compilé pour Electron est introuvable ou incompatible. ${remedy}\n\n${detail}`;
  }
  return `Impossible d’ouvrir la base de données.\n\nFichier : ${file}\n\n${detail}`;
}

const SAVE_FILTER_NAMES: Record<string, string> = {
  docx: 'Document Word',
  pdf: 'Document PDF',
  json: 'Archive JSON',
  csv: 'Tableau CSV',
  xlsx: 'Classeur Excel',
};

/** Documents built in the renderer are written here, where the user chooses, never elsewhere. */
async function saveFile(fileName: string, bytes: Uint8Array): Promise<{ saved: boolean; path: string | null }> {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const options: SaveDialogOptions = {
    title: 'Enregistrer le document',
    buttonLabel: 'Enregistrer',
    defaultPath: path.join(app.getPath('documents'), fileName),
    filters: extension ? [{ name: SAVE_FILTER_NAMES[extension] ?? `Fichier .${extension}`, extensions: [extension] }] : [],
  };
  const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false, path: null };
  await fs.promises.writeFile(choice.filePath, bytes);
  return { saved: true, path: choice.filePath };
}

/** The backup copies' folder, chosen in the system's dialog (a USB key, a shared folder). */
async function chooseFolder(): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: translate('fr', 'backupFolder.dialogTitle'),
    buttonLabel: translate('fr', 'backupFolder.dialogButton'),
    defaultPath: app.getPath('home'),
    properties: ['openDirectory', 'createDirectory'],
  };
  const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return choice.canceled ? null : (choice.filePaths[0] ?? null);
}

/** Only our window's top-level document, showing our own origin, may call the API. */
function isTrustedEvent(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  const fromMainWindow = mainWindow !== null && !mainWindow.isDestroyed() && event.sender === mainWindow.webContents;
  return isTrustedIpcSender({ fromMainWindow, frameUrl: frame.url, isMainFrame: frame.parent === null });
}

async function serveRenderer(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const file = resolveAppFile(rendererRoot, request.url);
  if (file) {
    try {
      const body = await fs.promises.readFile(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: {
          'Content-Type': mimeTypeFor(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      // Missing file or a directory: answered as not found below.
    }
  }
  return new Response('Introuvable', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}

/** The app needs no camera, microphone, location, notifications or devices: refuse them all. */
function applySessionPolicy(ses: Session): void {
  ses.setPermissionRequestHandler(answerPermissionRequest);
  ses.setPermissionCheckHandler(answerPermissionCheck);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * Applied to every webContents, the main window's included: no navigation away from the app,
 * no new windows, no <webview>. Links meant for the browser use target="_blank"; they reach
 * the system browser (https:) or mail client (mailto:) through the window-open handler.
 */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => console.error('Ouverture du lien externe :', error));
    }
    return { action: 'deny' };
  });
  contents.on('will-navigate', keepInApp);
  contents.on('will-frame-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-attach-webview', refuseWebview);
}

function createMainWindow(): void {
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE_NAME);
  const state = resolveWindowState(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const devIcon = path.join(app.getAppPath(), 'resources', 'icon.png');
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: APP_NAME,
    show: false,
    backgroundColor: '#f6faf8',
    // Packaged builds take their icon from the installer's desktop entry.
    ...(isDevelopment && fs.existsSync(devIcon) ? { icon: devIcon } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: isDevelopment,
    },
  });
  mainWindow = win;
  if (state.isMaximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    try {
      // Normal bounds, so that a maximised window comes back to its previous size when restored.
      saveWindowState(stateFile, { ...win.getNormalBounds(), isMaximized: win.isMaximized() });
    } catch (error) {
      console.error('Enregistrement de la position de la fenêtre :', error);
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Chargement de l’interface :', error));
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = isMac
    ? {
        label: APP_NAME,
        submenu: [
          { role: 'about', label: `À propos de ${APP_NAME}` },
          { type: 'separator' },
          { role: 'hide', label: `Masquer ${APP_NAME}` },
          { role: 'hideOthers', label: 'Masquer les autres' },
          { role: 'unhide', label: 'Tout afficher' },
          { type: 'separator' },
          { role: 'quit', label: `Quitter ${APP_NAME}` },
        ],
      }
    : { label: 'Fichier', submenu: [{ role: 'quit', label: 'Quitter' }] };
  return Menu.buildFromTemplate([
    appMenu,
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        { role: 'resetZoom', label: 'Taille réelle' },
        { role: 'zoomIn', label: 'Zoom avant' },
        { role: 'zoomOut', label: 'Zoom arrière' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Plein écran' },
        ...(isDevelopment
          ? ([
              { type: 'separator' },
              { role: 'reload', label: 'Recharger' },
              { role: 'toggleDevTools', label: 'Outils de développement' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
  ]);
}
