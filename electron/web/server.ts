import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/api/errors';
import { toApiError, type Dispatch } from '../api/dispatch';

/** API bodies above this are refused before being read whole. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface WebServerOptions {
  dispatch: Dispatch;
  staticDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: http.OutgoingHttpHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** `decodeURIComponent` that answers null for a malformed escape (`%E0%A4%A`) instead of throwing. */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function refuse(res: http.ServerResponse, status: number, code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'VALIDATION' | 'NOT_FOUND', key: string) {
  // The body may be left unread: close the connection rather than reuse a socket in an unknown state.
  sendJson(res, status, { ok: false, error: toApiError(new AppError(code, key)) }, { Connection: 'close' });
}

function notFound(res: http.ServerResponse) {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Introuvable.');
}

/** Reads a body up to `limit` bytes; past it, stops reading and rejects. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Web mode: the built renderer and the same contract over HTTP, on 127.0.0.1 only.
 * Every request must name this server in its Host header (against DNS rebinding);
 * every API call must carry the token and come from this origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = http.createServer(async (req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) {
        res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Hôte refusé.');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        await handleApi(req, res, url);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        res.end();
        return;
      }
      serveStatic(res, url.pathname);
    } catch {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: toApiError(new Error('web server')) });
      else res.end();
    }
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' });
      res.end();
      return;
    }
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !sameToken(given, token)) return refuse(res, 401, 'UNAUTHORIZED', 'error.unauthorized');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(res, 403, 'FORBIDDEN', 'error.forbidden');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'VALIDATION', 'error.format');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return refuse(res, 413, 'VALIDATION', 'error.tooLarge');
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return refuse(res, 413, 'VALIDATION', 'error.tooLarge');
    let input: unknown = {};
    if (body.length > 0) {
      try {
        // Strict UTF-8: bad bytes are refused, not turned into U+FFFD inside a name.
        input = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
      } catch {
        return refuse(res, 400, 'VALIDATION', 'error.format');
      }
    }
    const method = decodePath(url.pathname.slice('/api/'.length));
    // A malformed escape is the client's mistake (400), not the server's; an unknown name is the dispatcher's NOT_FOUND.
    if (method === null) return refuse(res, 400, 'VALIDATION', 'error.format');
    const result = await options.dispatch(method, input);
    sendJson(res, 200, result);
  }

  function serveStatic(res: http.ServerResponse, pathname: string) {
    const decoded = decodePath(pathname);
    if (decoded === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Adresse invalide.');
      return;
    }
    // No file name holds a NUL; fs would throw on it.
    if (decoded.includes('\0')) return notFound(res);
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(staticRoot, relative);
    // A path that resolves outside the renderer folder is never served.
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) return notFound(res);
    fs.readFile(file, (error, data) => {
      if (error) return notFound(res);
      const ext = path.extname(file);
      const headers: http.OutgoingHttpHeaders = {
        'Content-Type': MIME[ext] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': ext === '.html' ? 'no-store' : 'public, max-age=3600',
      };
      if (ext === '.html') {
        headers['Content-Security-Policy'] = WEB_CONTENT_SECURITY_POLICY;
        headers['X-Frame-Options'] = 'DENY';
      }
      res.writeHead(200, headers);
      res.end(data);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
