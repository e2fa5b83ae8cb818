import http from 'node:http';
import https from 'node:https';

/** One answer of the server, read whole: status, headers, JSON body (or null). */
export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { ok: boolean; value?: unknown; error?: { code: string; key: string; message: string; params?: Record<string, unknown> } } | null;
  text: string;
}

export interface CallOptions {
  origin?: string | null;
  cookie?: string | null;
  csrf?: string | null;
  /** Stands for the client's address (the server trusts X-Forwarded-For from loopback, as behind a proxy). */
  address?: string;
}

/** A real HTTP(S) request to the server (no fetch: it must accept the tests' self-signed certificate). */
export function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      { method: init.method ?? 'GET', headers: init.headers, rejectUnauthorized: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: HttpAnswer['body'] = null;
          try {
            body = JSON.parse(text) as HttpAnswer['body'];
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** Calls one contract method the way the renderer does: POST /api/<method>, JSON, Origin, cookie, X-CSRF-Token. */
export function callApi(base: string, method: string, input: unknown, options: CallOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const origin = options.origin === undefined ? new URL(base).origin : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.csrf) headers['X-CSRF-Token'] = options.csrf;
  if (options.address) headers['X-Forwarded-For'] = options.address;
  return request(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
}

/** The `name=value` of the session cookie a response sets, and its attributes as written. */
export function sessionCookie(answer: HttpAnswer): { pair: string; raw: string } | null {
  const raw = [answer.headers['set-cookie'] ?? []].flat().find((c) => /maillage_session=[^;]+/.test(c));
  if (!raw) return null;
  return { pair: raw.split(';')[0]!, raw };
}
