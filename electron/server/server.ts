import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Handlers } from '../../shared/api/contract';
import { AppError, type ErrorCode } from '../../shared/api/errors';
import { createDispatcher, toApiError } from '../api/dispatch';
import type { ServiceContext } from '../app/context';
import { createHandlers } from '../app/handlers';
import {
  acceptInvitation,
  actorOfUser,
  changePassword,
  login,
  logout,
  resumeSession,
  sameSecret,
  SESSION_MAX_MS,
  type ActiveSession,
  type OpenedSession,
} from '../features/accounts/service';
import type { Store } from '../store/engine';
import { MAX_BODY_BYTES, WEB_CONTENT_SECURITY_POLICY } from '../web/server';

/** Methods callable without a session (no CSRF token exists yet); auth.me only reads. */
const WITHOUT_SESSION = new Set(['auth.login', 'auth.acceptInvitation', 'auth.me']);
/** The meta tag the renderer reads to know it runs against the server (and shows the login page). */
export const SERVER_META = '<meta name="maillage-server" content="1">';
/** Login attempts per address and minute, on top of the per-account and per-address growing delays. */
export const LOGIN_REQUESTS_PER_MINUTE = 100;

export interface ServerOptions {
  store: Pick<Store, 'db' | 'schemaVersion'>;
  now: () => Date;
  host: string;
  port: number;
  /** PEM certificate and key: the server speaks HTTPS itself. */
  tls?: { cert: Buffer; key: Buffer };
  /** The address browsers use (behind a reverse proxy): its origin is accepted, https makes the cookie Secure. */
  publicUrl?: string;
  staticDir: string;
  validateOutput?: boolean;
  onInternalError?: (method: string, error: unknown) => void;
}

export interface RunningServer {
  /** Where the server listens (http or https, its real port). */
  url: string;
  port: number;
  secure: boolean;
  cookieName: string;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host === '[::1]';
}

function envelope(code: ErrorCode, key: string, params?: Record<string, string | number>) {
  return { ok: false as const, error: toApiError(new AppError(code, key, params)) };
}

/**
 * The network's server: the built renderer and the same contract as web mode, for many
 * accounts at once. Each request gets the handlers of its session's account (its caller);
 * a state-changing request must come from the server's own origin and carry the session's
 * CSRF token. Sessions, cookies and the login's growing delays are in accounts/service.ts.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const secure = options.tls !== undefined || (options.publicUrl?.startsWith('https://') ?? false);
  // `__Host-`: the browser only accepts it Secure, on path /, for this host alone.
  const cookieName = secure ? '__Host-maillage_session' : 'maillage_session';
  const ctx = (): ServiceContext => ({ db: options.store.db, now: options.now, runtime: 'server' });

  const app = Fastify({
    https: options.tls ? { cert: options.tls.cert, key: options.tls.key } : null,
    bodyLimit: MAX_BODY_BYTES,
    // Behind a reverse proxy on the same machine (no TLS here), the client's address is the proxy's X-Forwarded-For.
    trustProxy: options.tls ? false : ['127.0.0.1', '::1'],
    logger: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, ...envelope('LOCKED', 'accounts.error.throttled', { seconds: Math.ceil(context.ttl / 1000) }) }),
  });

  let port = options.port;
  const scheme = options.tls ? 'https' : 'http';
  const allowedOrigins = (): Set<string> => {
    const hosts = isLoopback(options.host) ? ['127.0.0.1', 'localhost', '[::1]'] : [options.host.includes(':') ? `[${options.host}]` : options.host];
    const origins = new Set(hosts.map((h) => `${scheme}://${h}:${port}`));
    if (options.publicUrl) origins.add(new URL(options.publicUrl).origin);
    return origins;
  };

  const indexHtml = (() => {
    const file = path.join(options.staticDir, 'index.html');
    const html = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '<!doctype html><title>Maillage</title><p>Interface non construite : npm run build:renderer</p>';
    return html.replace('<head>', `<head>\n    ${SERVER_META}`);
  })();

  const htmlHeaders = (reply: FastifyReply) => {
    reply.header('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
    reply.header('X-Frame-Options', 'DENY');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    if (secure) reply.header('Strict-Transport-Security', 'max-age=31536000');
  };
  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) => {
    htmlHeaders(reply);
    return reply.type('text/html; charset=utf-8').send(indexHtml);
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  await app.register(fastifyStatic, {
    root: path.resolve(options.staticDir),
    index: false,
    wildcard: true,
    setHeaders: (res) => {
      res.header('X-Content-Type-Options', 'nosniff');
      res.header('Cache-Control', 'public, max-age=3600');
    },
  });

  function setSessionCookie(reply: FastifyReply, opened: OpenedSession) {
    reply.setCookie(cookieName, opened.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_MAX_MS / 1000 });
  }
  function clearSessionCookie(reply: FastifyReply) {
    reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  }

  async function handleApi(request: FastifyRequest<{ Params: { method?: string } }>, reply: FastifyReply) {
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
    const method = request.params.method ?? request.url.slice('/api/'.length).split('?')[0]!;
    // Every call is a POST that may change something: it must come from a page of this server.
    const origin = request.headers.origin;
    if (!origin || !allowedOrigins().has(origin)) return reply.code(403).send(envelope('FORBIDDEN', 'accounts.error.origin'));

    const token = request.cookies[cookieName] ?? '';
    const session = token ? await resumeSession(ctx(), token) : null;
    if (token && !session) clearSessionCookie(reply);
    if (!WITHOUT_SESSION.has(method)) {
      if (!session) return reply.code(401).send(envelope('UNAUTHORIZED', 'accounts.error.notLoggedIn'));
      const given = request.headers['x-csrf-token'];
      if (!sameSecret(typeof given === 'string' ? given : undefined, session.csrfToken)) return reply.code(403).send(envelope('FORBIDDEN', 'accounts.error.csrf'));
    }

    const dispatch = createDispatcher(requestHandlers(request, reply, session), {
      validateOutput: options.validateOutput,
      onInternalError: options.onInternalError,
    });
    return reply.send(await dispatch(method, request.body ?? {}));
  }

  /** The handlers of this request's account, with the session methods bound to its cookie. */
  function requestHandlers(request: FastifyRequest, reply: FastifyReply, session: ActiveSession | null): Handlers {
    const caller = session ? actorOfUser(session.user) : undefined;
    const base = createHandlers(options.store, { runtime: 'server', now: options.now, caller });
    const needSession = (): ActiveSession => {
      if (!session) throw new AppError('UNAUTHORIZED', 'accounts.error.notLoggedIn');
      return session;
    };
    return {
      ...base,
      'auth.login': async (input) => {
        const opened = await login(ctx(), { ...input, address: request.ip });
        setSessionCookie(reply, opened);
        return { csrfToken: opened.csrfToken, user: opened.user };
      },
      'auth.acceptInvitation': async (input) => {
        const opened = await acceptInvitation(ctx(), input);
        setSessionCookie(reply, opened);
        return { csrfToken: opened.csrfToken, user: opened.user };
      },
      'auth.me': async () => ({ mode: 'server' as const, user: session?.user ?? null, csrfToken: session?.csrfToken ?? null }),
      'auth.logout': async () => {
        await logout(ctx(), needSession());
        clearSessionCookie(reply);
        return {};
      },
      'auth.changePassword': async (input) => {
        await changePassword({ ...ctx(), caller }, needSession(), input);
        return {};
      },
    };
  }

  const loginLimit = { config: { rateLimit: { max: LOGIN_REQUESTS_PER_MINUTE, timeWindow: 60_000 } } };
  app.post('/api/auth.login', loginLimit, handleApi);
  app.post('/api/auth.acceptInvitation', loginLimit, handleApi);
  app.post('/api/:method', handleApi);

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) options.onInternalError?.('server', error);
    reply.header('Cache-Control', 'no-store');
    const code: ErrorCode = status === 413 || status === 415 || status === 400 ? 'VALIDATION' : status === 500 ? 'INTERNAL' : 'FORBIDDEN';
    const key = status === 413 ? 'error.tooLarge' : status === 500 ? 'error.internal' : 'error.format';
    return reply.code(status).send(envelope(code, key));
  });

  await app.listen({ host: options.host, port: options.port });
  port = (app.server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${scheme}://${shownHost}:${port}`,
    port,
    secure,
    cookieName,
    close: () => app.close(),
  };
}
