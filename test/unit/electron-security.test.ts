import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  mimeTypeFor,
  resolveAppFile,
} from '../../electron/security';

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
