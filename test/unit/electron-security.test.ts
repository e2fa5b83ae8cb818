import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowsNavigation,
  answerPermissionCheck,
  answerPermissionRequest,
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedIpcSender,
  isTrustedSender,
  keepInApp,
  mimeTypeFor,
  refuseWebview,
  resolveAppFile,
} from '../../electron/security';

/** An Electron-like event that records whether a listener cancelled it. */
function cancellable(url = '') {
  const event = { url, prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('isAllowedExternalUrl', () => {
  it.each(['https://www.ademe.fr/', 'https://example.org/a?b=c#d', 'mailto:secretariat@reseau.example', 'MAILTO:a@b.fr'])(
    'lets the system open %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    'http://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://maillage/index.html',
    'https://user:pass@evil.example/',
    'https://',
    'mailto:',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://maillage/', 'app://maillage/assets/index-abc.js', 'app://maillage/index.html#/structures', 'app://MAILLAGE/index.html'])(
    'accepts the app origin: %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'app://other/index.html',
    'app://maillage.evil.example/',
    'app://maillage@evil/',
    'app://maillage:8080/',
    'https://maillage/',
    'file:///work/main/out/renderer/index.html',
    'http://127.0.0.1:5180/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'garbage',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('isTrustedSender', () => {
  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL, true)).toBe(true);
    expect(isTrustedSender(APP_ENTRY_URL, false)).toBe(false);
    expect(isTrustedSender('https://example.org/', true)).toBe(false);
    expect(isTrustedSender('file:///tmp/x.html', true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender('', true)).toBe(false);
  });
});

describe('isTrustedIpcSender', () => {
  it('trusts the top-level app document of the main window, and nothing else', () => {
    expect(isTrustedIpcSender({ fromMainWindow: true, frameUrl: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    // Another window showing the app (the same preload, the same origin) is still not the main window.
    expect(isTrustedIpcSender({ fromMainWindow: false, frameUrl: APP_ENTRY_URL, isMainFrame: true })).toBe(false);
    // A subframe of the main window, even of our origin.
    expect(isTrustedIpcSender({ fromMainWindow: true, frameUrl: 'app://maillage/index.html#/x', isMainFrame: false })).toBe(false);
    expect(isTrustedIpcSender({ fromMainWindow: true, frameUrl: 'https://example.org/', isMainFrame: true })).toBe(false);
    expect(isTrustedIpcSender({ fromMainWindow: true, frameUrl: 'app://maillage.evil/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedIpcSender({ fromMainWindow: true, frameUrl: null, isMainFrame: true })).toBe(false);
  });
});

describe('permission handlers', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'midiSysex', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'unknown'];

  it('the request handler answers every request with a refusal, once', () => {
    for (const permission of permissions) {
      const answers: boolean[] = [];
      answerPermissionRequest(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
  });

  it('the check handler says no to every permission', () => {
    for (const permission of permissions) expect(answerPermissionCheck(null, permission), permission).toBe(false);
  });
});

describe('navigation, redirect and webview listeners', () => {
  it('keep navigations and redirects in the app', () => {
    for (const url of ['https://example.org/', 'http://127.0.0.1:5180/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'data:text/html,x', 'about:blank', 'not a url']) {
      const event = cancellable(url);
      keepInApp(event);
      expect(event.prevented, url).toBe(true);
      expect(allowsNavigation(url), url).toBe(false);
    }
    for (const url of [APP_ENTRY_URL, 'app://maillage/index.html#/structures', 'APP://MAILLAGE/index.html']) {
      const event = cancellable(url);
      keepInApp(event);
      expect(event.prevented, url).toBe(false);
    }
  });

  it('never lets a <webview> attach', () => {
    const event = cancellable();
    refuseWebview(event);
    expect(event.prevented).toBe(true);
  });

  it('main.ts installs exactly these on every webContents and session', () => {
    const main = fs.readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    for (const wiring of [
      "contents.on('will-navigate', keepInApp)",
      "contents.on('will-frame-navigate', keepInApp)",
      "contents.on('will-redirect', keepInApp)",
      "contents.on('will-attach-webview', refuseWebview)",
      'ses.setPermissionRequestHandler(answerPermissionRequest)',
      'ses.setPermissionCheckHandler(answerPermissionCheck)',
      "app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))",
      'registerIpc(ipcMain, dispatch, isTrustedEvent)',
    ]) {
      expect(main, wiring).toContain(wiring);
    }
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it('has the directives the app relies on', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
  });

  it('never allows inline or evaluated scripts', () => {
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/maillage/out/renderer');

  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://maillage/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://maillage/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://maillage/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://maillage/assets/logo%20r%C3%A9seau.svg')).toBe(path.join(root, 'assets', 'logo réseau.svg'));
  });

  it.each([
    'app://maillage/../../etc/passwd',
    'app://maillage/%2e%2e/%2e%2e/etc/passwd',
    'app://maillage/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://maillage/..%5c..%5cwindows%5cwin.ini',
    'app://maillage/index.html%00.png',
  ])('never leaves the renderer folder for %s', (url) => {
    const file = resolveAppFile(root, url);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
  });

  it.each([
    'app://maillage/..%5c..%5cwindows%5cwin.ini',
    'app://maillage/index.html%00.png',
    'app://maillage/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => expect(resolveAppFile(root, url)).toBeNull());
});

describe('mimeTypeFor', () => {
  it('serves scripts with a JavaScript type (module scripts require it)', () => {
    expect(mimeTypeFor('/x/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
