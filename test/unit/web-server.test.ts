import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { openStore, type Store } from '../../electron/store/open';
import { MAX_BODY_BYTES, startWebServer, type WebServer } from '../../electron/web/server';
import { FIXED_NOW, tempDir } from '../helpers/store';

let store: Store;
let server: WebServer;
let staticDir: string;

beforeAll(async () => {
  const dir = tempDir();
  staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Maillage</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  store = await openStore(path.join(dir, 'db.sqlite'));
  server = await startWebServer({ dispatch: createDispatcher(createHandlers(store, { runtime: 'test', now: () => FIXED_NOW })), staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

/** Raw requests, so that the Host header is ours to set (fetch forbids it). */
function request(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const api = (headers: Record<string, string>, body = '{}') =>
  request({ path: '/api/organisations.list', method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

describe('web mode', () => {
  it('listens on 127.0.0.1 only and prints a URL with its token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers the API with the token', async () => {
    const res = await api({ Authorization: `Bearer ${server.token}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    const none = await api({});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('UNAUTHORIZED');
    expect((await api({ Authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const res = await api({ Authorization: `Bearer ${server.token}`, Host: 'evil.example:80' });
    expect(res.status).toBe(421);
    expect((await request({ path: '/', headers: { Host: 'attacker.test' } })).status).toBe(421);
  });

  it('refuses a cross-origin call and a non-JSON body', async () => {
    expect((await api({ Authorization: `Bearer ${server.token}`, Origin: 'https://evil.example' })).status).toBe(403);
    const form = await request({ path: '/api/organisations.list', method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('refuses an oversized body before reading it', async () => {
    const res = await api({ Authorization: `Bearer ${server.token}`, 'Content-Length': String(MAX_BODY_BYTES + 1) }, '');
    expect(res.status).toBe(413);
  });

  it('serves the renderer with a CSP and never a file outside its folder', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await request({ path: '/../secret.txt' })).body).not.toContain('secret');
    expect((await request({ path: '/%2e%2e/secret.txt' })).status).toBe(404);
  });

  it('answers a malformed escape with 400 and a NUL with 404, never 500', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%', '/%ZZ.js', '/%C3%28']) {
      const res = await request({ path });
      expect(res.status, path).toBe(400);
    }
    for (const path of ['/%00', '/index.html%00', '/%00.js', '/assets/a%00b.css']) {
      const res = await request({ path });
      expect(res.status, path).toBe(404);
    }
    const auth = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
    const malformed = await request({ path: '/api/organisations.list%E0%A4%A', method: 'POST', headers: auth, body: '{}' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe('VALIDATION');
    // A NUL in a method name is just an unknown method.
    const nul = await request({ path: '/api/organisations.list%00', method: 'POST', headers: auth, body: '{}' });
    expect(nul.status).toBe(200);
    expect(JSON.parse(nul.body).error.code).toBe('UNKNOWN_METHOD');
  });

  it('reports an unknown method and bad input as error envelopes', async () => {
    const unknown = await request({ path: '/api/nope.nothing', method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_METHOD');
    const bad = await request({ path: '/api/organisations.create', method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{"name":"","kind":"member"}' });
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'name', key: 'error.required' }] });
  });
});

describe('web mode, more refusals (issue 6)', () => {
  const auth = () => ({ Authorization: `Bearer ${server.token}` });

  it('does not take the token from the address, a cookie or another scheme', async () => {
    const inQuery = await request({ path: `/api/organisations.list?token=${server.token}`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(inQuery.status).toBe(401);
    expect((await api({ Cookie: `token=${server.token}` })).status).toBe(401);
    expect((await api({ Authorization: `Basic ${server.token}` })).status).toBe(401);
    // One character changed (never the same one: a token may end in « x »).
    const altered = `${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}`;
    expect((await api({ Authorization: `Bearer ${altered}` })).status).toBe(401);
  });

  it('refuses an opaque or look-alike origin, and grants no CORS', async () => {
    expect((await api({ ...auth(), Origin: 'null' })).status).toBe(403);
    expect((await api({ ...auth(), Origin: `http://127.0.0.1:${server.port}.evil.example` })).status).toBe(403);
    expect((await api({ ...auth(), Origin: `https://127.0.0.1:${server.port}` })).status).toBe(403);
    const preflight = await request({ path: '/api/organisations.list', method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a Host that only looks like ours', async () => {
    for (const host of [`127.0.0.1:${server.port + 1}`, `127.0.0.1.evil.example:${server.port}`, '127.0.0.1', `[::1]:${server.port}`]) {
      expect((await api({ ...auth(), Host: host })).status, host).toBe(421);
    }
  });

  it('never lets a backup name reach outside the backups folder', async () => {
    for (const name of ['../db.sqlite', '..%2Fdb.sqlite', '/etc/passwd', 'sous/x.sqlite']) {
      const res = await request({ path: '/api/data.backups.restore', method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
      const body = JSON.parse(res.body);
      expect(body.ok, name).toBe(false);
      expect(['VALIDATION', 'NOT_FOUND']).toContain(body.error.code);
    }
  });
});
