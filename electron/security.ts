import path from 'node:path';

/**
 * The security policy of the Electron shell, as pure functions so that it is unit-tested
 * under Node (the Electron binary is not available everywhere the tests run).
 */

/** The renderer is served from a custom privileged scheme rather than file:// (see main.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'maillage';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The UI uses style attributes; with scripts kept strict, inline styles carry little risk.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Links the system may open on the user's behalf: web pages over TLS and e-mail addresses. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  // Credentials in a link are a classic way to disguise the real host.
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/** True for a URL of the app's own origin, and only that origin. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  // Node's URL treats `app:` as a non-special scheme (origin "null"), so compare the parts.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** IPC is answered only for the top-level document of the app, never a subframe or a foreign page. */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}

/** What main knows of an IPC call's sender (Electron's event, reduced to facts a test can build). */
export interface IpcSenderFacts {
  /** The call comes from the main window's webContents, not another window's. */
  fromMainWindow: boolean;
  frameUrl: string | null | undefined;
  isMainFrame: boolean;
}

/** The sender check behind every IPC channel: the main window, its top-level frame, the app's origin. */
export function isTrustedIpcSender(facts: IpcSenderFacts): boolean {
  return facts.fromMainWindow && isTrustedSender(facts.frameUrl, facts.isMainFrame);
}

/** The app needs no camera, microphone, location, notifications, clipboard reads or devices. */
export function grantsPermission(_permission: string): boolean {
  return false;
}

/** The session's permission request handler: every request refused. */
export function answerPermissionRequest(_contents: unknown, permission: string, callback: (granted: boolean) => void): void {
  callback(grantsPermission(permission));
}

/** The session's permission check handler (what `navigator.permissions.query` sees): refused too. */
export function answerPermissionCheck(_contents: unknown, permission: string): boolean {
  return grantsPermission(permission);
}

/** Navigations, subframe navigations and redirects stay within the app's origin. */
export function allowsNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** The listener of will-navigate, will-frame-navigate and will-redirect. */
export function keepInApp(event: { url: string; preventDefault(): void }): void {
  if (!allowsNavigation(event.url)) event.preventDefault();
}

/** The listener of will-attach-webview: the app never embeds a <webview>. */
export function refuseWebview(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/**
 * Maps an app:// request to a file under `root`, or null when the URL is foreign or tries to
 * leave `root` (`..`, encoded separators, absolute paths).
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const parsed = new URL(url);
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = path.posix.normalize(pathname === '/' || pathname === '' ? '/index.html' : pathname).replace(/^\/+/, '');
  if (relative === '' || relative.startsWith('..')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, ...relative.split('/'));
  return file.startsWith(base + path.sep) ? file : null;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Module scripts are refused by Chromium unless served with a JavaScript MIME type. */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
